// A Karma reporter that writes the spec counts of a run to a JSON file, so that scripts/test.mjs can add up
// every suite (Karma, Node, end-to-end) into one closing line without parsing Karma's console output.
const fs = require('node:fs');
const path = require('node:path');

function SummaryReporter(config) {
  const file = path.resolve(config.basePath, config.summaryReporter?.outputFile ?? '.test-results/karma.json');
  const counts = { passed: 0, failed: 0, skipped: 0, errors: 0 };

  this.onSpecComplete = (_browser, result) => {
    if (result.skipped || result.pending) counts.skipped++;
    else if (result.success) counts.passed++;
    else counts.failed++;
  };
  this.onBrowserError = () => counts.errors++;
  this.onRunComplete = (_browsers, results) => {
    if (results.error || results.disconnected) counts.errors++;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(counts));
  };
}
SummaryReporter.$inject = ['config'];

module.exports = { 'reporter:summary': ['type', SummaryReporter] };
