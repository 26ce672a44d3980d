#!/usr/bin/env node
// `npm test`: every check and every suite of the workspace, in one run, with one closing line that adds up
// every suite (Karma, Node): `N passed, N failed` (`, N skipped` when any were). A gate that is not a test
// suite (format, lint, build) counts as one failure when it fails, so a red run never reads "0 failed".
// The suites that talk to Kratos run twice: on the emulator and on real Kratos (tools/kratos, built here or taken
// from the cache). Without a Go toolchain the real-Kratos suites report their tests as skipped, with the reason;
// with KRATOS_REAL=required (CI) they fail instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureKratos, KRATOS_VERSION } from '../tools/kratos/build.mjs';
import { emulatorTestFiles } from './emulator-tests.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
let lastRun = 0;

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label}: ${command} ${args.join(' ')}`);
  const started = performance.now();
  const { status } = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false', ...env },
  });
  lastRun = started;
  return status === 0;
}

function gate(label, command, args) {
  const ok = run(label, command, args);
  if (!ok) total.failed++;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'} (${seconds(lastRun)})`);
  return ok;
}

function suite(label, counts, ok, time = seconds(lastRun)) {
  if (!counts) {
    counts = { passed: 0, failed: 1, skipped: 0 };
  } else if (counts.passed + counts.failed + counts.skipped === 0) {
    counts = { ...counts, failed: 1 }; // a suite that ran nothing tested nothing: a misconfigured glob, say
  } else if (!ok && counts.failed === 0) {
    counts.failed = 1; // the runner failed without a failing test: a compile error, a crash, a disconnect
  }
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${time})`);
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function tapCounts(file) {
  if (!existsSync(file)) return undefined;
  const tap = readFileSync(file, 'utf8');
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

gate('format (prettier)', npx, ['prettier', '--check', '.']);
gate('lint (angular-eslint)', npx, ['ng', 'lint', 'ngx-kratos']);
gate('lint demo (angular-eslint)', npx, ['ng', 'lint', 'demo']);
gate('lint emulator (eslint)', npx, ['eslint', 'projects/kratos-emulator']);
const built =
  gate('build (ng-packagr)', npx, ['ng', 'build', 'ngx-kratos']) &&
  gate('build schematics (tsc)', process.execPath, ['scripts/build-schematics.mjs']);
const demoBuilt =
  built &&
  gate('build demo (production)', npx, ['ng', 'build', 'demo']) &&
  gate('build demo, NgModule variant', npx, ['ng', 'build', 'demo', '--configuration', 'production,module']);
const ssrBuilt =
  demoBuilt && gate('build demo, server-rendered', npx, ['ng', 'build', 'demo', '--configuration', 'production,ssr']);
const emulatorBuilt = gate('build emulator (tsc)', npx, ['tsc', '-p', 'projects/kratos-emulator/tsconfig.json']);

const karmaOk = run('library specs (Karma, headless Chromium)', npx, ['ng', 'test', 'ngx-kratos', '--watch=false']);
suite('library specs (Karma)', readJson(join(results, 'karma-ngx-kratos.json')), karmaOk);
// The demo's page specs, written with ngx-kratos/testing as an app's would be, against the built package.
if (built) {
  const demoKarmaOk = run('demo page specs (Karma, ngx-kratos/testing)', npx, ['ng', 'test', 'demo', '--watch=false']);
  suite('demo page specs (Karma, ngx-kratos/testing)', readJson(join(results, 'karma-demo.json')), demoKarmaOk);
} else {
  suite('demo page specs: not run, the library build failed', undefined, false, '0.0 s');
}

// Real Kratos: the cached build, or a build now (the first on a machine takes minutes; `npm run kratos:build`).
console.log(`\n━━ real Kratos ${KRATOS_VERSION}: the cached build, or npm run kratos:build`);
const kratosStarted = performance.now();
let realKratos = { ready: false, reason: '' };
try {
  const { binary, built, seconds: buildSeconds } = await ensureKratos();
  console.log(built ? `built in ${buildSeconds.toFixed(1)} s` : `cached: ${binary}`);
  realKratos = { ready: true };
} catch (error) {
  realKratos = { ready: false, reason: error.message };
  console.log(error.message);
}
const realRequired = process.env.KRATOS_REAL === 'required';
if (realKratos.ready) {
  lines.push(`real Kratos ${KRATOS_VERSION}: ok (${seconds(kratosStarted)})`);
} else if (realRequired) {
  total.failed++;
  lines.push(
    `real Kratos ${KRATOS_VERSION}: FAILED, required by KRATOS_REAL=required (${realKratos.reason.split('\n')[0]})`,
  );
} else {
  lines.push(`real Kratos ${KRATOS_VERSION}: not available, its suites skip (${realKratos.reason.split('\n')[0]})`);
}

function nodeSuite(label, name, files, ready, env = {}) {
  if (!ready) {
    suite(`${label}: not run, what it needs failed`, undefined, false, '0.0 s');
    return;
  }
  const tap = join(results, `node-${name}.tap`);
  const ok = run(
    label,
    process.execPath,
    [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  suite(label, tapCounts(tap), ok);
}

/** A suite that talks to Kratos, once per server: the emulator, then real Kratos (skipped with the reason, or failed). */
function onBothServers(label, name, files, ready) {
  nodeSuite(`${label} (emulator)`, `${name}-emulator`, files, ready, { KRATOS_SERVER: 'emulator' });
  nodeSuite(
    `${label} (real Kratos ${KRATOS_VERSION})`,
    `${name}-real`,
    files,
    ready && (realKratos.ready || !realRequired),
    realKratos.ready
      ? { KRATOS_SERVER: 'real' }
      : { KRATOS_SERVER: 'real', KRATOS_REAL_UNAVAILABLE: `needs real Kratos: ${realKratos.reason.split('\n')[0]}` },
  );
}

// Node 20's test runner takes file paths, not globs: every file is named.
nodeSuite(
  'library architecture and citations (Node)',
  'architecture',
  ['projects/ngx-kratos/node-tests/architecture.test.mjs'],
  true,
);
nodeSuite(
  'package and recorded-body conformance (Node)',
  'ngx-kratos',
  ['projects/ngx-kratos/node-tests/recorded-bodies.test.mjs', 'projects/ngx-kratos/node-tests/package.test.mjs'],
  built,
);
// `ng add ngx-kratos`: the schematic on generated app trees (standalone and NgModule), then once for real: a fresh app
// made offline, the packed library installed into it, ng add, ng build, and its login page on the emulator.
nodeSuite(
  'ng add: the schematics on generated apps (Node)',
  'schematics',
  ['projects/ngx-kratos/node-tests/schematics.test.mjs'],
  built,
);
nodeSuite(
  'ng add for real: a fresh app, the packed library, ng build, Chromium (Node)',
  'ng-add-real',
  ['projects/ngx-kratos/node-tests/ng-add-real.test.mjs'],
  built && emulatorBuilt,
);
// The public surface of each entry point against its committed report (projects/ngx-kratos/api/), TSDoc included.
nodeSuite(
  'public API reports (API Extractor)',
  'api-report',
  ['projects/ngx-kratos/node-tests/api-report.test.mjs'],
  built,
);
nodeSuite('emulator over loopback HTTP (Node)', 'emulator', emulatorTestFiles(), emulatorBuilt);
// The emulator package's README examples, run as users would: a @playwright/test project and a Karma project.
nodeSuite(
  'emulator package examples (@playwright/test, Karma)',
  'emulator-examples',
  ['projects/kratos-emulator/examples/examples.test.mjs'],
  emulatorBuilt,
);
onBothServers(
  'library on the real HttpClient (Node)',
  'library',
  ['projects/ngx-kratos/node-tests/against-kratos.test.mjs'],
  built && emulatorBuilt,
);
// Server-side rendering: withServerRendering() on Node (a stand-in Kratos), and ngx-kratos/ssr's proxy in front of
// each server.
nodeSuite(
  'SSR: withServerRendering() on Node (cookies in, Set-Cookie out)',
  'ssr-render',
  ['projects/ngx-kratos/node-tests/server-rendering.test.mjs'],
  built,
);
onBothServers(
  'SSR: the Kratos proxy of ngx-kratos/ssr (Node)',
  'ssr',
  ['projects/ngx-kratos/node-tests/ssr-proxy.test.mjs'],
  built && emulatorBuilt,
);
// The emulator held to real Kratos: request scripts and a fuzz sample on both, their answers against both OpenAPI
// specs. Its own summary line ("differential: …") goes into the summary too.
nodeSuite(
  `differential: the emulator against real Kratos ${KRATOS_VERSION} (Node)`,
  'differential',
  ['differential/differential.test.mjs', 'differential/fuzz-sample.test.mjs'],
  emulatorBuilt && (realKratos.ready || !realRequired),
  realKratos.ready ? {} : { KRATOS_REAL_UNAVAILABLE: `needs real Kratos: ${realKratos.reason.split('\n')[0]}` },
);
for (const line of (existsSync(join(results, 'node-differential.tap'))
  ? readFileSync(join(results, 'node-differential.tap'), 'utf8')
  : ''
).match(/^# (differential|fuzz sample): .*$/gm) ?? []) {
  lines.push(`  ${line.slice(2)}`);
}

onBothServers(
  'end-to-end: the server-rendered demo in Chromium (Node + Playwright)',
  'e2e-ssr',
  ['e2e/ssr.e2e.test.mjs'],
  ssrBuilt && emulatorBuilt,
);
onBothServers(
  'end-to-end: the demo in Chromium (Node + Playwright)',
  'e2e',
  [
    'e2e/settings.e2e.test.mjs',
    'e2e/login-registration.e2e.test.mjs',
    'e2e/recovery-verification.e2e.test.mjs',
    'e2e/theme.e2e.test.mjs',
  ],
  demoBuilt && emulatorBuilt,
);
// The guides: README under 200 lines with the two commands first, every link resolves, the testing guide's snippets
// are the specs that run (its end-to-end snippet runs here, on the built demo and the emulator).
// Run even when a build failed (the build's gate has counted that): its link checks need no build, and its
// end-to-end check says it skipped for want of one.
nodeSuite('guides and README (Node)', 'docs', ['scripts/docs.test.mjs'], true);

console.log('\n━━ summary');
for (const line of lines) console.log(`  ${line}`);
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(total.failed > 0 ? 1 : 0);
