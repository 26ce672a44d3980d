#!/usr/bin/env node
// Builds the `ng add ngx-kratos` schematics into the built package: compiles projects/ngx-kratos/schematics (CommonJS,
// projects/ngx-kratos/tsconfig.schematics.json) into dist/ngx-kratos/schematics and copies its JSON files beside them.
// The sources are .cts, so the output is .cjs: the package is "type": "module", the Angular CLI loads schematics with
// require(), and npm pack leaves out a nested package.json that could say "commonjs" for the folder.
// Run after `ng build ngx-kratos`, which empties dist/ngx-kratos (`npm run build` does both).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'projects/ngx-kratos/schematics');
const dist = join(root, 'dist/ngx-kratos');
const out = join(dist, 'schematics');
const started = performance.now();

if (!existsSync(join(dist, 'package.json'))) {
  console.error('build-schematics: dist/ngx-kratos/package.json is missing: run `ng build ngx-kratos` first.');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'projects/ngx-kratos/tsconfig.schematics.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (compiled.status !== 0) {
  console.error('build-schematics: tsc failed.');
  process.exit(compiled.status ?? 1);
}

/** Every file below `dir`, as paths relative to it. */
function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)));
}

const copied = files(sources).filter((file) => file.endsWith('.json'));
for (const file of copied) {
  mkdirSync(dirname(join(out, file)), { recursive: true });
  cpSync(join(sources, file), join(out, file));
}
const emitted = files(out).filter((file) => file.endsWith('.cjs')).length;
console.log(
  `build-schematics: ${emitted} modules and ${copied.length} JSON files into dist/ngx-kratos/schematics ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
