// Karma for the ngx-kratos library's specs (the @angular/build:karma builder): the workspace's shared setup,
// scripts/karma-base.cjs.
const path = require('node:path');
const { karmaSettings } = require(path.join(__dirname, '../../scripts/karma-base.cjs'));

module.exports = (config) => config.set(karmaSettings('ngx-kratos'));
