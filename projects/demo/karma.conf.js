// Karma for the demo's page specs (used by the @angular/build:karma builder): Jasmine in headless Chromium, as the
// library's karma.conf.js. The specs compile against the built library in dist/ (the root tsconfig's paths), the way
// an app compiles against the installed package: build it first (`ng build ngx-kratos`).
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
      dir: path.join(workspace, 'coverage/demo'),
      subdir: '.',
      reporters: [{ type: 'html' }, { type: 'text-summary' }],
    },
    summaryReporter: { outputFile: path.join(workspace, '.test-results/karma-demo.json') },
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
