// The built package as npm would ship it: dist/ngx-kratos after `ng build ngx-kratos`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/ngx-kratos');
const manifest = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));

test('the FESM bundle exports the public API of the client, guard and interceptor, and nothing internal', () => {
  const bundle = readFileSync(join(dist, 'fesm2022/ngx-kratos.mjs'), 'utf8');
  const exported = /export \{([^}]*)\};?\s*(\/\/# sourceMappingURL=.*)?\s*$/.exec(bundle)?.[1] ?? '';
  const names = exported.split(',').map((name) =>
    name
      .trim()
      .split(/\s+as\s+/)
      .pop(),
  );
  for (const name of [
    'SettingsFlowService',
    'KratosError',
    'isKratosError',
    'provideKratos',
    'KRATOS_CONFIG',
    'getCsrfToken',
    'withSessionToken',
    'withLogin',
    'withAllowedRedirects',
    'withErrorRoute',
    'withRetry',
    'withRequestSharing',
    'KratosModule',
    'kratosSessionTokenInterceptor',
    'KratosSessionTokenInterceptor',
    'settingsFlowGuard',
    'settingsFlowResolver',
    'KratosNavigator',
    'KratosSessionService',
  ]) {
    assert.ok(names.includes(name), `${name} is not exported (exports: ${names.join(', ')})`);
  }
  for (const internal of [
    'KratosHttp',
    'KratosFlows',
    'toKratosError',
    'asFlow',
    'FlowHandoff',
    'loadFlow',
    'SETTINGS_FLOW',
  ]) {
    assert.ok(!names.includes(internal), `${internal} is internal but exported`);
  }
});

test('the ui entry point is its own bundle, and the core never imports it', () => {
  const ui = readFileSync(join(dist, 'fesm2022/ngx-kratos-ui.mjs'), 'utf8');
  assert.match(ui, /export \{[^}]*KratosSettings/);
  assert.match(ui, /from 'ngx-kratos'/);
  const core = readFileSync(join(dist, 'fesm2022/ngx-kratos.mjs'), 'utf8');
  assert.ok(!core.includes('ngx-kratos/ui'), 'the core entry point imports the ui entry point');
  assert.ok(manifest.exports['./ui'].default.endsWith('fesm2022/ngx-kratos-ui.mjs'));
});

test('the manifest is an APF package without side effects, with the peer dependencies', () => {
  assert.equal(manifest.name, 'ngx-kratos');
  assert.equal(manifest.sideEffects, false);
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.license, 'Apache-2.0');
  assert.deepEqual(Object.keys(manifest.peerDependencies).sort(), [
    '@angular/common',
    '@angular/core',
    '@angular/router',
    'rxjs',
  ]);
  assert.ok(manifest.exports['.'].default.endsWith('fesm2022/ngx-kratos.mjs'));
  assert.ok(manifest.exports['.'].types.endsWith('.d.ts'));
});

test('npm pack ships no tests, fixtures or dev-only types', () => {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json'], {
      cwd: dist,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const files = packed.files.map((file) => file.path);
  assert.ok(files.includes('fesm2022/ngx-kratos.mjs'));
  // The testing entry point is shipped on purpose (its name is the one match allowed); no spec of it is.
  const testingEntry = (file) =>
    /^(?:fesm2022\/ngx-kratos-testing\.mjs(?:\.map)?|types\/ngx-kratos-testing\.d\.ts|testing\/package\.json)$/.test(
      file,
    );
  const unwanted = files.filter((file) => /spec|test|fixture|harness/i.test(file) && !testingEntry(file));
  assert.deepEqual(unwanted, []);
  assert.ok(files.includes('fesm2022/ngx-kratos-testing.mjs'), 'the testing entry point is shipped');
  const bundle = readFileSync(join(dist, 'fesm2022/ngx-kratos.mjs'), 'utf8');
  assert.ok(!bundle.includes('@ory/client-fetch'), 'the compile-time conformance dependency leaked into the bundle');
  assert.ok(!bundle.includes('127.0.0.1'), 'test fixtures leaked into the bundle');
});

test("the package's README and LICENSE are the workspace's, copied by the build (one source)", () => {
  const workspace = resolve(dist, '../..');
  assert.equal(readFileSync(join(dist, 'README.md'), 'utf8'), readFileSync(join(workspace, 'README.md'), 'utf8'));
  assert.equal(readFileSync(join(dist, 'LICENSE'), 'utf8'), readFileSync(join(workspace, 'LICENSE'), 'utf8'));
});

test('the ssr entry point is its own Node-only bundle, and no browser bundle carries its code', () => {
  // The 502 body's reason is the ssr entry's marker: a string literal, so it survives minification.
  const marker = 'kratos_proxy_unreachable';
  const ssr = readFileSync(join(dist, 'fesm2022/ngx-kratos-ssr.mjs'), 'utf8');
  assert.ok(ssr.includes(marker), 'the marker is in the ssr bundle (so that its absence elsewhere means something)');
  assert.match(ssr, /export \{[^}]*createKratosProxy/);
  assert.match(ssr, /from 'node:http'/);
  assert.doesNotMatch(ssr, /from '(?:ngx-kratos|@angular\/[^']+)'/, 'the ssr entry needs neither Angular nor the core');
  assert.ok(manifest.exports['./ssr'].default.endsWith('fesm2022/ngx-kratos-ssr.mjs'));

  const bundles = ['fesm2022/ngx-kratos.mjs', 'fesm2022/ngx-kratos-ui.mjs'].map((file) => join(dist, file));
  const demo = resolve(dist, '../demo/browser');
  if (existsSync(demo)) {
    for (const file of readdirSync(demo)) if (file.endsWith('.js')) bundles.push(join(demo, file));
  }
  for (const file of bundles) {
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(marker), `${file} carries the ssr entry's code`);
    assert.ok(!/(?:from|import\() ?['"]ngx-kratos\/ssr['"]/.test(text), `${file} imports ngx-kratos/ssr`);
    assert.ok(!/from ?['"]node:/.test(text), `${file} imports a node: module`);
  }
});

test('the testing entry point is its own bundle on the core, exported at ./testing, and no app bundle carries it', () => {
  // The loopback base URL of provideKratosTesting() is the testing entry's marker: a string literal.
  const marker = 'http://127.0.0.1:4433';
  const testing = readFileSync(join(dist, 'fesm2022/ngx-kratos-testing.mjs'), 'utf8');
  assert.ok(
    testing.includes(marker),
    'the marker is in the testing bundle (so that its absence elsewhere means something)',
  );
  assert.match(testing, /export \{[^}]*provideKratosTesting/);
  assert.match(testing, /export \{[^}]*KratosTestingController/);
  assert.match(testing, /from 'ngx-kratos'/);
  assert.match(testing, /from '@angular\/common\/http\/testing'/);
  assert.ok(manifest.exports['./testing'].default.endsWith('fesm2022/ngx-kratos-testing.mjs'));
  assert.ok(manifest.exports['./testing'].types.endsWith('ngx-kratos-testing.d.ts'));
  const types = readFileSync(join(dist, manifest.exports['./testing'].types), 'utf8');
  assert.doesNotMatch(
    types,
    /(?::\s*any\b|<any\b|\bany\[\]|[|&]\s*any\b)/,
    'the public types of the testing entry have no any',
  );

  const bundles = ['fesm2022/ngx-kratos.mjs', 'fesm2022/ngx-kratos-ui.mjs', 'fesm2022/ngx-kratos-ssr.mjs'].map((file) =>
    join(dist, file),
  );
  const demo = resolve(dist, '../demo/browser');
  if (existsSync(demo)) {
    for (const file of readdirSync(demo)) if (file.endsWith('.js')) bundles.push(join(demo, file));
  }
  for (const file of bundles) {
    const text = readFileSync(file, 'utf8');
    assert.ok(!/(?:from|import\() ?['"]ngx-kratos\/testing['"]/.test(text), `${file} imports ngx-kratos/testing`);
    assert.ok(!text.includes('KratosTestingController'), `${file} carries the testing entry's code`);
    assert.ok(!/@angular\/common\/http\/testing/.test(text), `${file} imports HttpClient's testing backend`);
  }
});
