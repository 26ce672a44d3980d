// The Karma setup the workspace's projects share (the library's specs, the demo's page specs), for the
// @angular/build:karma builder: Jasmine in headless Chromium, whose binary and flags come from scripts/chromium.cjs
// (shared with the end-to-end suites and the bench), and a JSON summary in .test-results/ that `npm test` reads.
const path = require('node:path');

const workspace = path.join(__dirname, '..');
const { CHROMIUM_BIN, CHROMIUM_FLAGS } = require('./chromium.cjs');

/** Karma's settings for the project `name`: its coverage in coverage/<name>, its summary in .test-results/karma-<name>.json. */
function karmaSettings(name) {
  process.env.CHROME_BIN = CHROMIUM_BIN;
  return {
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-coverage'),
      require('./karma-summary-reporter.cjs'),
    ],
    client: {
      jasmine: {
        // A spec that asserts nothing is a spec that cannot fail.
        failSpecWithNoExpectations: true,
      },
    },
    coverageReporter: {
      dir: path.join(workspace, 'coverage', name),
      subdir: '.',
      reporters: [{ type: 'html' }, { type: 'text-summary' }],
    },
    summaryReporter: { outputFile: path.join(workspace, '.test-results', `karma-${name}.json`) },
    reporters: ['dots', 'summary'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: [...CHROMIUM_FLAGS],
      },
    },
    browsers: ['ChromeHeadlessCI'],
    browserNoActivityTimeout: 60000,
  };
}

module.exports = { karmaSettings };
