// The guides, checked (`node --test scripts/docs.test.mjs`): the README stays short and starts with the two commands
// a newcomer types; every relative link (and image) in README.md and docs/**/*.md points to a file, and an anchor into
// a Markdown file to one of its headings; the README links every guide; and the testing guide's snippets still match
// what they show: an excerpt is in its file line for line, and the end-to-end setup runs as written against the
// demo's production build (skipped, with the reason, when the builds it needs are not there).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = join(root, 'README.md');
const docs = join(root, 'docs');

/** The guides the README must link (issue #19's list; other guides in docs/ must be linked too, see below). */
const GUIDES = [
  'getting-started.md',
  'flows/login.md',
  'flows/registration.md',
  'flows/recovery.md',
  'flows/verification.md',
  'flows/settings.md',
  'flows/errors.md',
  'sessions-and-guards.md',
  'signals.md',
  'ssr.md',
  'session-token.md',
  'testing.md',
  'emulator.md',
  'real-kratos.md',
  'translations.md',
  'kratos-configuration.md',
  'troubleshooting.md',
  'api.md',
  'benchmarks.md',
  'migration.md',
  'theming.md',
].map((guide) => `docs/${guide}`);

const markdownFiles = () => [
  readme,
  ...readdirSync(docs, { recursive: true })
    .map((name) => join(docs, String(name)))
    .filter((file) => file.endsWith('.md') && statSync(file).isFile()),
];

/** `text` without its fenced code blocks (each line kept, emptied, so that line numbers stay right). */
function withoutFences(text) {
  let fence;
  return text
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
        fence = fence ? undefined : marker;
        return '';
      }
      return fence ? '' : line;
    })
    .join('\n');
}

/** Every link target of a Markdown text outside code: inline links and images, reference definitions, `src`/`href`. */
function linkTargets(text) {
  const prose = withoutFences(text).replace(/`[^`\n]*`/g, '');
  const targets = [];
  for (const match of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1]);
  for (const match of prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) targets.push(match[1]);
  for (const match of prose.matchAll(/\b(?:src|href)="([^"]+)"/g)) targets.push(match[1]);
  return targets;
}

/** GitHub's anchor of a heading: its text lower-cased, punctuation but `-` and `_` dropped, spaces as `-`. */
function slug(heading) {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings, with GitHub's `-1`, `-2`… for repeated ones. */
function anchorsOf(file) {
  const seen = new Map();
  const anchors = new Set();
  for (const match of withoutFences(readFileSync(file, 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(match[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const isExternal = (target) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

test('README.md is under 200 lines', () => {
  const lines = readFileSync(readme, 'utf8').replace(/\n$/, '').split('\n').length;
  assert.ok(lines < 200, `README.md has ${lines} lines`);
});

test('README.md starts, under its title, with the two commands: npm ci && npm start, then npm test', () => {
  const text = readFileSync(readme, 'utf8');
  const block = /^```[a-z]*\n([\s\S]*?)^```/m.exec(text);
  assert.ok(block, 'a code block');
  const beforeIt = text.slice(0, block.index).trim();
  assert.match(beforeIt, /^# [^\n]+$/, 'nothing but the title comes before the commands');
  const commands = block[1]
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
  assert.deepEqual(commands.slice(0, 2), ['npm ci && npm start', 'npm test']);
});

test('every relative link in README.md and docs/**/*.md resolves (anchors into Markdown included)', () => {
  const broken = [];
  for (const file of markdownFiles()) {
    for (const target of linkTargets(readFileSync(file, 'utf8'))) {
      if (isExternal(target)) continue;
      const [path, anchor] = target.split('#');
      const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path.split('?')[0]));
      const where = `${relative(root, file)}: ${target}`;
      if (!existsSync(resolved)) {
        broken.push(`${where} (no such file)`);
      } else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(decodeURIComponent(anchor))) {
        broken.push(`${where} (no such heading)`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('README.md links every guide', () => {
  const linked = new Set(
    linkTargets(readFileSync(readme, 'utf8'))
      .filter((target) => !isExternal(target))
      .map((target) => relative(root, resolve(root, target.split('#')[0]))),
  );
  const guides = new Set([
    ...GUIDES,
    ...markdownFiles()
      .slice(1)
      .map((file) => relative(root, file)),
  ]);
  assert.deepEqual(
    [...guides].filter((guide) => !linked.has(guide)),
    [],
  );
});

/** The code blocks that follow `<!-- docs-test: … -->` in a guide: `{ kind, arg, code }`. */
function markedSnippets(file) {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/<!-- docs-test: (\S+)(?: (\S+))? -->\s*\n```[a-z]*\n([\s\S]*?)\n```/g)].map((match) => ({
    kind: match[1],
    arg: match[2],
    code: match[3],
  }));
}

test('each excerpt in a guide is in the file it shows, line for line and in order', () => {
  const excerpts = ['docs/testing.md', 'docs/signals.md'].flatMap((guide) =>
    markedSnippets(guide).filter((snippet) => snippet.kind === 'excerpt'),
  );
  assert.ok(excerpts.length >= 2, 'the testing guide and the signals guide each mark an excerpt');
  for (const { arg, code } of excerpts) {
    const source = readFileSync(join(root, arg), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    let at = 0;
    for (const line of code.split('\n').map((l) => l.trim())) {
      if (line === '' || line.startsWith('// …')) continue;
      const found = source.indexOf(line, at);
      assert.ok(found >= 0, `${arg} has, after line ${at}: ${line}`);
      at = found + 1;
    }
  }
});

// The end-to-end snippet runs as written, with the package names mapped to this workspace's builds, the app's build to
// the demo's, and Chromium to the project's (scripts/chromium.cjs).
const require = createRequire(import.meta.url);
const { CHROMIUM_BIN, CHROMIUM_FLAGS } = require('./chromium.cjs');
const e2eNeeds = {
  'the demo build (ng build demo)': join(root, 'dist/demo/browser/index.html'),
  'the emulator build (npm run build:emulator)': join(root, 'dist/kratos-emulator/index.js'),
  'the library build (ng build ngx-kratos)': join(root, 'dist/ngx-kratos/fesm2022/ngx-kratos-ssr.mjs'),
  [`Chromium (${CHROMIUM_BIN})`]: CHROMIUM_BIN,
};
const e2eMissing = Object.entries(e2eNeeds)
  .filter(([, path]) => !existsSync(path))
  .map(([what]) => what);

test(
  "docs/testing.md: the end-to-end setup runs as written, against the demo's production build",
  { skip: e2eMissing.length ? `needs ${e2eMissing.join(', ')}` : false, timeout: 180_000 },
  () => {
    const snippets = markedSnippets('docs/testing.md').filter((snippet) => snippet.kind === 'e2e');
    assert.equal(snippets.length, 1, 'one end-to-end snippet is marked');
    const playwright = join(dirname(require.resolve('playwright-core/package.json')), 'index.mjs');
    const replacements = [
      ["from 'playwright-core'", `from ${JSON.stringify(pathToFileURL(playwright).href)}`],
      ["from 'kratos-emulator'", `from ${JSON.stringify(pathToFileURL(e2eNeeds[Object.keys(e2eNeeds)[1]]).href)}`],
      ["from 'ngx-kratos/ssr'", `from ${JSON.stringify(pathToFileURL(e2eNeeds[Object.keys(e2eNeeds)[2]]).href)}`],
      ["'dist/my-app/browser'", JSON.stringify(join(root, 'dist/demo/browser'))],
      [
        'chromium.launch()',
        `chromium.launch(${JSON.stringify({ executablePath: CHROMIUM_BIN, args: [...CHROMIUM_FLAGS] })})`,
      ],
    ];
    let code = snippets[0].code;
    for (const [from, to] of replacements) {
      assert.equal(code.split(from).length - 1, 1, `the snippet has ${from} once`);
      code = code.replace(from, to);
    }
    const work = mkdtempSync(join(tmpdir(), 'ngx-kratos-docs-'));
    try {
      const file = join(work, 'sign-in.e2e.test.mjs');
      writeFileSync(file, code);
      // Without NODE_TEST_CONTEXT, which would make the child report to this runner instead of printing its own TAP.
      const { NODE_TEST_CONTEXT, ...env } = process.env;
      void NODE_TEST_CONTEXT;
      const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], {
        cwd: work,
        encoding: 'utf8',
        env,
        timeout: 150_000,
      });
      assert.equal(run.status, 0, `the snippet failed:\n${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /^# pass 1$/m);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
);
