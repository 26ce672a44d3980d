// Karma for the demo's page specs (the @angular/build:karma builder): the workspace's shared setup,
// scripts/karma-base.cjs. The specs compile against the built library in dist/ (the root tsconfig's paths), the way
// an app compiles against the installed package: build it first (`ng build ngx-kratos`).
const path = require('node:path');
const { karmaSettings } = require(path.join(__dirname, '../../scripts/karma-base.cjs'));

module.exports = (config) => config.set(karmaSettings('demo'));
