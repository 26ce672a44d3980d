// Karma for the ngx-kratos library (used by the @angular/build:karma builder): Jasmine in headless Chromium.
// The browser and its flags come from scripts/chromium.cjs, shared with the end-to-end suites and the bench.
const path = require('node:path');

const workspace = path.join(__dirname, '../..');
const { CHROMIUM_BIN, CHROMIUM_FLAGS } = require(path.join(workspace, 'scripts/chromium.cjs'));
process.env.CHROME_BIN = CHROMIUM_BIN;

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-coverage'),
      require(path.join(workspace, 'scripts/karma-summary-reporter.cjs')),
    ],
    client: {
      jasmine: {
        // A spec that asserts nothing is a spec that cannot fail.
        failSpecWithNoExpectations: true,
      },
    },
    coverageReporter: {
      dir: path.join(workspace, 'coverage/ngx-kratos'),
      subdir: '.',
      reporters: [{ type: 'html' }, { type: 'text-summary' }],
    },
    summaryReporter: { outputFile: path.join(workspace, '.test-results/karma-ngx-kratos.json') },
    reporters: ['dots', 'summary'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: [...CHROMIUM_FLAGS],
      },
    },
    browsers: ['ChromeHeadlessCI'],
    browserNoActivityTimeout: 60000,
  });
};
