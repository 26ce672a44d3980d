// Karma for the ngx-kratos library (used by the @angular/build:karma builder): Jasmine in headless Chromium.
// CHROME_BIN defaults to Debian's /usr/bin/chromium; the custom launcher passes --no-sandbox because CI runs as root.
const path = require('node:path');

process.env.CHROME_BIN = process.env.CHROME_BIN || '/usr/bin/chromium';
const workspace = path.join(__dirname, '../..');

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
        flags: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    },
    browsers: ['ChromeHeadlessCI'],
    browserNoActivityTimeout: 60000,
  });
};
