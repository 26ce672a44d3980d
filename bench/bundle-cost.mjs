// Part 1, bundle cost: the bytes an Angular app pays for the settings flow with ngx-kratos and with Ory's SDKs.
// Each entry in bench/entries/ is bundled with esbuild the way an app's production build treats a library:
// minified ES2022 for browsers, Angular's linker over the partial-compiled .mjs, the CLI's production constants, and
// what every Angular app already ships (@angular/*, rxjs, tslib) left external. axios is not external: an Angular app
// does not otherwise have it, so it is part of what @ory/client costs.
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import {
  APP_BUILD,
  ensureBuilt,
  linkerPlugin,
  ngxKratosResolver,
  num,
  progress,
  root,
  table,
  versionOf,
} from './lib.mjs';

const ALREADY_IN_THE_APP = ['@angular/*', 'rxjs', 'rxjs/*', 'tslib'];

/**
 * What is measured. `linker: false` is the published partial-compiled code as it is: a figure shown only to make the
 * linker's effect visible, never the headline.
 */
const ENTRIES = [
  { name: 'ngx-kratos core', file: 'ngx-kratos-core.mjs', core: true },
  { name: 'ngx-kratos: the 3 calls only', file: 'ngx-kratos-calls.mjs', calls: true },
  { name: 'ngx-kratos core, as published', file: 'ngx-kratos-core.mjs', linker: false },
  { name: 'ngx-kratos/ui on top of core', file: 'ngx-kratos-ui.mjs', external: ['ngx-kratos'] },
  { name: 'ngx-kratos/ui + core', file: 'ngx-kratos-ui.mjs' },
  { name: '@ory/client-fetch', file: 'ory-client-fetch.mjs', fetch: true },
  { name: '@ory/client (+ axios)', file: 'ory-client.mjs' },
];

/** Bundles one entry and returns its minified, gzip (level 9) and brotli (quality 11) sizes in bytes. */
async function measure(entry) {
  const plugins = [ngxKratosResolver({ external: entry.external })];
  if (entry.linker !== false) plugins.push((await linkerPlugin()).plugin);
  const result = await build({
    ...APP_BUILD,
    entryPoints: [join(root, 'bench/entries', entry.file)],
    external: ALREADY_IN_THE_APP,
    write: false,
    plugins,
  });
  const code = result.outputFiles[0].contents;
  return {
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
      },
    }).length,
  };
}

const ratio = (a, b) => `${(a / b).toFixed(1)}×`;

/** Runs part 1 and returns its text. */
export async function bundleCost({ skipBuild = false } = {}) {
  ensureBuilt(['lib'], { skipBuild });
  progress('bundle cost: bundling the entries…');
  const sizes = [];
  for (const entry of ENTRIES) sizes.push({ ...entry, ...(await measure(entry)) });
  const core = sizes.find((s) => s.core);
  const fetchSdk = sizes.find((s) => s.fetch);
  const rows = sizes.map((s) => [
    s.name,
    num(s.min),
    num(s.gzip),
    num(s.brotli),
    ratio(s.min, core.min),
    ratio(s.gzip, core.gzip),
    ratio(s.brotli, core.brotli),
  ]);
  const versions = [
    `ngx-kratos ${versionOf('dist/ngx-kratos/package.json')} (dist/ngx-kratos)`,
    `@ory/client-fetch ${versionOf('node_modules/@ory/client-fetch/package.json')}`,
    `@ory/client ${versionOf('node_modules/@ory/client/package.json')}`,
    `axios ${versionOf('node_modules/axios/package.json')}`,
    `@angular/compiler-cli ${versionOf('node_modules/@angular/compiler-cli/package.json')} (linker)`,
    `esbuild ${versionOf('node_modules/esbuild/package.json')}`,
  ];
  const met = core.gzip * 3 <= fetchSdk.gzip;
  const calls = sizes.find((s) => s.calls);
  return [
    '1. Bundle cost (bytes an Angular app pays; @angular/*, rxjs, tslib external; esbuild minify, ES2022; linker + ng build transforms)',
    '',
    table(['entry', 'min B', 'gzip B', 'brotli B', '÷core min', '÷core gzip', '÷core br'], rows),
    '',
    ...sizes
      .filter((s) => !s.core && s.linker !== false)
      .map((s) => `${s.name} / ngx-kratos core = ${ratio(s.gzip, core.gzip)} (gzip)`),
    `target: core ≤ 1/3 of @ory/client-fetch (gzip): ${met ? 'met' : 'not met'} ` +
      `(${num(core.gzip)} B vs ${num(fetchSdk.gzip)} / 3 = ${num(Math.floor(fetchSdk.gzip / 3))} B); ` +
      `minified: core ${ratio(core.min, fetchSdk.min)} of @ory/client-fetch, the 3 calls only ${ratio(calls.min, fetchSdk.min)}`,
    `versions: ${versions.join(', ')}`,
  ].join('\n');
}
