#!/usr/bin/env node
// The emulator's command; `npm run build:emulator` compiles it into dist/kratos-emulator first.
require('../../../dist/kratos-emulator/cli.js');
