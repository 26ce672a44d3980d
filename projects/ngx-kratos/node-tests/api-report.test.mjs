// The public API of every entry point, held to the reports committed in projects/ngx-kratos/api/ (scripts/api-report.mjs,
// API Extractor on the built typings): run after `ng build ngx-kratos`, as `npm run api:check` would, and shown to fail
// when the build's API is not the committed one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const script = join(root, 'scripts/api-report.mjs');
const dist = join(root, 'dist/ngx-kratos');
const reports = join(root, 'projects/ngx-kratos/api');
const built = existsSync(join(dist, 'package.json'));
const needsBuild = 'needs the build: npx ng build ngx-kratos';

/** scripts/api-report.mjs with `args`: its exit status and everything it printed. */
function apiReport(...args) {
  const { status, stdout, stderr, error } = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (error) throw error;
  return { status, output: `${stdout}${stderr}` };
}

/** A copy of the build's manifest and typings, with `text` added to the typings of the main entry point. */
function buildWith(text) {
  const copy = copyBuild();
  appendFileSync(join(copy, 'types/ngx-kratos.d.ts'), text);
  return copy;
}

/** A copy of the build's manifest and typings, with the typings file `types` (types/<name>) rewritten by `edit`. */
function buildEdited(types, edit) {
  const copy = copyBuild();
  const file = join(copy, 'types', types);
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, `the edit of ${types} changed nothing: the build is not in the shape this test knows`);
  writeFileSync(file, after);
  return copy;
}

function copyBuild() {
  const copy = mkdtempSync(join(tmpdir(), 'ngx-kratos-api-test-'));
  copies.push(copy);
  cpSync(join(dist, 'package.json'), join(copy, 'package.json'));
  cpSync(join(dist, 'types'), join(copy, 'types'), { recursive: true });
  return copy;
}
const copies = [];
after(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

test('every entry point of the build has its report in projects/ngx-kratos/api/, and no report is left over', () => {
  assert.ok(built, needsBuild);
  const manifest = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));
  const entries = Object.entries(manifest.exports)
    .filter(([, target]) => target.types)
    .map(([subpath]) => (subpath === '.' ? manifest.name : subpath.slice(2)));
  assert.deepEqual(entries.sort(), ['ngx-kratos', 'ssr', 'testing', 'ui']);
  assert.deepEqual(
    readdirSync(reports)
      .filter((name) => name.endsWith('.api.md'))
      .sort(),
    entries.map((entry) => `${entry}.api.md`),
  );
});

for (const entry of ['ngx-kratos', 'ui', 'ssr', 'testing']) {
  const importPath = entry === 'ngx-kratos' ? entry : `ngx-kratos/${entry}`;
  test(`${importPath}: the built API is the committed report, with valid TSDoc on every declaration`, () => {
    assert.ok(built, needsBuild);
    const { status, output } = apiReport(entry);
    assert.equal(status, 0, output);
    assert.match(output, new RegExp(`^${importPath}: \\d+ declarations.*, all with TSDoc; .* is up to date$`, 'm'));
  });
}

test('an export the committed report does not have fails the check, with a diff that names it', () => {
  assert.ok(built, needsBuild);
  const copy = buildWith(
    '\n/** Exported by this test only, to see the check fail. */\ndeclare function apiReportProbe(): string;\n' +
      'export { apiReportProbe };\n',
  );
  const { status, output } = apiReport('--dist', copy, 'ngx-kratos');
  assert.equal(status, 1, output);
  assert.match(output, /^ngx-kratos: .*projects\/ngx-kratos\/api\/ngx-kratos\.api\.md differs from the build:$/m);
  assert.match(output, /^\+export function apiReportProbe\(\): string;$/m);
  assert.match(output, /npm run api:update/);
  assert.doesNotMatch(output, /no TSDoc/);
});

test('an export the build no longer has fails the check, with a diff that names it', () => {
  assert.ok(built, needsBuild);
  // nodesOfGroup is named by no other declaration: unexported, it leaves the report altogether.
  const copy = buildEdited('ngx-kratos.d.ts', (text) =>
    text.replace(/^(export \{.*)\bnodesOfGroup, /m, (_, head) => head),
  );
  const { status, output } = apiReport('--dist', copy, 'ngx-kratos');
  assert.equal(status, 1, output);
  assert.match(output, /^ngx-kratos: .*projects\/ngx-kratos\/api\/ngx-kratos\.api\.md differs from the build:$/m);
  assert.match(output, /^-export function nodesOfGroup\(flow: HasUi, \.\.\.groups: UiNodeGroup\[\]\): UiNode\[\];$/m);
  assert.doesNotMatch(output, /^\+.*nodesOfGroup/m);
  assert.match(output, /npm run api:update/);
});

test('a component input made required fails the check; the diff shows the committed line (-), then the built one (+)', () => {
  assert.ok(built, needsBuild);
  const copy = buildEdited('ngx-kratos-ui.d.ts', (text) =>
    text.replace(
      '"kratos-flow-error", never, { "error": { "alias": "error"; "required": false;',
      '"kratos-flow-error", never, { "error": { "alias": "error"; "required": true;',
    ),
  );
  const { status, output } = apiReport('--dist', copy, 'ui');
  assert.equal(status, 1, output);
  assert.match(output, /^ngx-kratos\/ui: .*projects\/ngx-kratos\/api\/ui\.api\.md differs from the build:$/m);
  assert.match(
    output,
    /^--- a\/projects\/ngx-kratos\/api\/ui\.api\.md \(committed\)\n\+\+\+ b\/.* \(.*ngx-kratos-ui\.d\.ts\)$/m,
  );
  assert.match(
    output,
    /^-\s+\{ error: \{ alias: 'error'; required: false; isSignal: true \} \},\n\+\s+\{ error: \{ alias: 'error'; required: true; isSignal: true \} \},$/m,
  );
  // One line changed: a hunk of it and its context, one line out and one in.
  assert.match(output, /^@@ -(\d+),7 \+\1,7 @@$/m);
});

test('a declaration without TSDoc, or with a comment that is not valid TSDoc, fails the check by name', () => {
  assert.ok(built, needsBuild);
  const copy = buildWith(
    '\ndeclare function apiReportBare(): string;\n/** A code span left `open. */\ndeclare const apiReportBroken: number;\n' +
      'export { apiReportBare, apiReportBroken };\n',
  );
  const { status, output } = apiReport('--dist', copy, 'ngx-kratos');
  assert.equal(status, 1, output);
  assert.match(output, /ngx-kratos: no TSDoc on apiReportBare \(types\/ngx-kratos\.d\.ts:\d+\)/);
  assert.match(output, /ngx-kratos: tsdoc-code-span-missing-delimiter: .*\(types\/ngx-kratos\.d\.ts:\d+\)/);
  assert.doesNotMatch(output, /no TSDoc on apiReportBroken/);
});
