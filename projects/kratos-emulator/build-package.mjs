#!/usr/bin/env node
// Makes dist/kratos-emulator an npm package after `tsc -p projects/kratos-emulator/tsconfig.json` has compiled into
// it: writes its package.json (from this folder's, with the entry points as they are inside dist), copies README.md
// and the repository's LICENSE, and removes compiled files whose source is gone, so that `npm pack dist/kratos-emulator`
// (or `npm publish dist/kratos-emulator`) ships exactly the built emulator. Idempotent; no arguments.
import { existsSync, copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const dist = join(root, 'dist/kratos-emulator');
if (!existsSync(join(dist, 'index.js'))) {
  console.error('build-package: dist/kratos-emulator/index.js is missing; run tsc -p projects/kratos-emulator first');
  process.exit(1);
}

const source = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const workspace = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The emulator's one runtime dependency, at the range the workspace tests it with.
const dependencies = { qrcode: workspace.dependencies?.qrcode ?? workspace.devDependencies?.qrcode };
if (!dependencies.qrcode) throw new Error('build-package: the workspace package.json has no qrcode');

const manifest = {
  name: source.name,
  version: source.version,
  description: source.description,
  keywords: source.keywords,
  license: source.license,
  engines: source.engines,
  main: 'index.js',
  types: 'index.d.ts',
  exports: { '.': { types: './index.d.ts', default: './index.js' }, './package.json': './package.json' },
  bin: { 'kratos-emulator': 'cli.js' },
  // Top-level and settings/ JS and declarations: never test/ (the emulator's own tests) nor the source maps (they
  // point at sources the package does not hold). npm adds package.json, README.md and LICENSE itself.
  files: ['*.js', '*.d.ts', 'settings/*.js', 'settings/*.d.ts'],
  dependencies,
};
writeFileSync(join(dist, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
copyFileSync(join(here, 'README.md'), join(dist, 'README.md'));
copyFileSync(join(root, 'LICENSE'), join(dist, 'LICENSE'));

// Compiled files of sources since deleted would ship too: remove them (test/ is the test runner's, left alone).
const removed = [];
const prune = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(dist, path);
    if (entry.isDirectory()) {
      if (rel !== 'test') prune(path);
      continue;
    }
    const stem = rel.replace(/(\.d\.ts|\.js\.map|\.js)$/, '');
    if (stem === rel) continue; // package.json, README.md, LICENSE
    if (!existsSync(join(here, 'src', `${stem}.ts`))) {
      rmSync(path);
      removed.push(rel);
    }
  }
};
prune(dist);
if (removed.length) console.log(`build-package: removed ${removed.join(', ')} (no source)`);
