#!/usr/bin/env node
// `npm run api:check` (the default) and `npm run api:update`: the public API of every entry point of ngx-kratos
// (`ngx-kratos`, `/ui`, `/ssr`, `/testing`), as API Extractor reads it from the built typings (`npx ng build
// ngx-kratos` first), held to the reports committed in projects/ngx-kratos/api/<entry>.api.md. A change to the public
// surface is then a diff in review: the check fails with that diff until `npm run api:update` writes the new report.
//
//   node scripts/api-report.mjs [--update] [--dist <folder>] [entry…]
//
// --dist reads another build (the folder holding its package.json; dist/ngx-kratos by default); entries are named
// `ngx-kratos`, `ui`, `ssr`, `testing` (or `ngx-kratos/ui`…), all of them by default. Exit status: 0 when every
// report matches and nothing below is wrong, 1 when a report differs or a check fails, 2 when there is no build.
//
// What a report holds, and what else is checked:
// - Everything an entry's typings reach: its exports, and the types they name that it does not export (a service's
//   base class that carries its methods, a constructor's options type), which API Extractor writes unexported with an
//   `ae-forgotten-export` warning above them, so that a change to them is a diff too (`includeForgottenExports`).
// - Signatures and markers, not doc text: rewording a comment changes no report, losing it does (`(undocumented)`).
// - TSDoc on every declaration of the report: one without a doc comment (`ae-undocumented`) and a comment that is not
//   valid TSDoc (`tsdoc-*`) fail the check. Two kinds are exempt: the static members Angular's compiler adds (ɵfac,
//   ɵcmp, ɵdir, ɵprov, ɵinj, ɵmod), which have no source to document, and protected members, which the components
//   keep for their own templates: a subclass sees them, so they are in the report, but they are not documented API.
// - Angular's `ɵ` names: the compiler's statics stay in the report, as in Angular's own goldens
//   (angular/angular goldens/public-api): they carry a component's selector, its inputs (required or not) and its
//   outputs, the API a template uses, so adding a required input is a visible diff. Angular also drops `ɵ`-prefixed
//   exports from its goldens (by patching an internal class of API Extractor); ngx-kratos exports none, and one
//   added would be reported like any other export. The services' `ɵflow` getters (`@internal`) are kept and marked.
// - Release tags: the project has none (`@public`, `@beta`…), so `ae-missing-release-tag` is off and API Extractor
//   marks every declaration `@public`, bar the `@internal` ones.
// Reports are formatted with the workspace's Prettier, so that `prettier --check .` holds them as it holds the rest.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const library = join(root, 'projects/ngx-kratos');
const reportFolder = join(library, 'api');
const usage = 'usage: node scripts/api-report.mjs [--update] [--dist <folder>] [ngx-kratos|ui|ssr|testing…]';

const args = process.argv.slice(2);
let update = false;
let dist = join(root, 'dist/ngx-kratos');
const wanted = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--update') update = true;
  else if (arg === '--dist' && args[i + 1]) dist = resolve(args[++i]);
  else if (arg.startsWith('--dist=')) dist = resolve(arg.slice('--dist='.length));
  else if (arg === '--help' || arg === '-h') {
    console.log(usage);
    process.exit(0);
  } else if (arg.startsWith('-')) {
    console.error(`api-report: unknown option ${arg}\n${usage}`);
    process.exit(2);
  } else wanted.push(arg);
}

const packageJsonPath = join(dist, 'package.json');
if (!existsSync(packageJsonPath)) {
  console.error(`api-report: no build at ${shownPath(dist)}; run \`npx ng build ngx-kratos\` first`);
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'));

/** The package's entry points, from its `exports` (ng-packagr 21 bundles each entry's typings into types/*.d.ts). */
const entries = Object.entries(pkg.exports ?? {})
  .filter(([, target]) => typeof target === 'object' && typeof target.types === 'string')
  .map(([subpath, target]) => {
    const name = subpath === '.' ? pkg.name : subpath.slice(2);
    return {
      name,
      importPath: subpath === '.' ? pkg.name : `${pkg.name}/${name}`,
      types: target.types,
      report: join(reportFolder, `${name}.api.md`),
    };
  });
const chosen = wanted.length
  ? wanted.map((want) => {
      const entry = entries.find((e) => [e.name, e.importPath, `${e.name}.api.md`].includes(want));
      if (!entry) {
        console.error(`api-report: no entry point ${want}; the build has ${entries.map((e) => e.name).join(', ')}`);
        process.exit(2);
      }
      return entry;
    })
  : entries;

// The analysis runs on the build as it is, except that each entry's imports of the others ('ngx-kratos' from
// ngx-kratos/ui) resolve to copies under a node_modules folder: API Extractor treats a module as external only when
// TypeScript says so, and TypeScript says so of what it finds in node_modules. Everything else a build imports
// (@angular/*, rxjs, @types/node) resolves to the workspace's node_modules, wherever the build is.
const work = mkdtempSync(join(tmpdir(), 'ngx-kratos-api-'));
const paths = { '*': [join(root, 'node_modules/*'), join(root, 'node_modules/@types/*')] };
for (const entry of entries) {
  const staged = join(work, 'node_modules', pkg.name, entry.types);
  mkdirSync(dirname(staged), { recursive: true });
  copyFileSync(join(dist, entry.types), staged);
  paths[entry.importPath] = [staged];
}

const problems = [];
let changed = 0;

try {
  for (const entry of chosen) await runEntry(entry);
  if (!wanted.length) staleReports();
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length) {
  console.error(`\napi-report: ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
  for (const problem of problems) console.error(`  ${problem}`);
}
if (changed && !update) {
  console.error(
    `\napi-report: the public API differs from ${changed} committed report${changed === 1 ? '' : 's'} (see above). ` +
      'If the change is meant, run `npm run api:update` and commit projects/ngx-kratos/api/.',
  );
}
process.exit(problems.length || (changed && !update) ? 1 : 0);

async function runEntry(entry) {
  const typesFile = join(dist, entry.types);
  const out = join(work, 'out', entry.name);
  const undocumented = [];
  const readLines = memo(() => readFileSync(typesFile, 'utf8').split('\n'));
  mkdirSync(join(out, 'report'), { recursive: true });
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: library,
      mainEntryPointFilePath: typesFile,
      bundledPackages: [],
      newlineKind: 'lf',
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'es2022',
            module: 'preserve',
            moduleResolution: 'bundler',
            lib: ['es2022', 'dom'],
            types: ['node'],
            typeRoots: [join(root, 'node_modules/@types')],
            paths,
            strict: true,
            skipLibCheck: true,
          },
          files: [typesFile],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: entry.name,
        reportFolder: join(out, 'report'),
        reportTempFolder: join(out, 'temp'),
        includeForgottenExports: true,
      },
      docModel: { enabled: true, apiJsonFilePath: join(out, 'model.api.json'), includeForgottenExports: true },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'error' } },
        extractorMessageReporting: {
          default: { logLevel: 'error' },
          'ae-missing-release-tag': { logLevel: 'none' },
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
          'ae-undocumented': { logLevel: 'error', addToApiReportFile: false },
        },
        tsdocMessageReporting: { default: { logLevel: 'error' } },
      },
    },
    configObjectFullPath: undefined,
    packageJson: { name: pkg.name, version: pkg.version },
    packageJsonFullPath: packageJsonPath,
  });

  const where = (message) =>
    message.sourceFilePath
      ? `${relative(dist, message.sourceFilePath).split('\\').join('/')}:${message.sourceFileLine ?? '?'}`
      : '';
  let result;
  try {
    result = Extractor.invoke(config, {
      localBuild: true,
      showVerboseMessages: false,
      messageCallback(message) {
        message.handled = true;
        if (message.logLevel === 'none' || message.logLevel === 'verbose' || message.logLevel === 'info') return;
        // API Extractor's own progress (a report created, copied, or up to date): this script says what it did itself.
        if (message.category === 'console' && message.logLevel !== 'error') return;
        if (message.messageId === 'ae-undocumented') {
          const line = readLines()[(message.sourceFileLine ?? 0) - 1] ?? '';
          // Angular's compiler statics and the components' protected members: see the top of this file.
          if (/^\s+static ɵ/.test(line) || /^\s+protected\b/.test(line)) return;
          undocumented.push(
            `${declarationName(readLines(), message.sourceFileLine, message.text)} (${where(message)})`,
          );
          return;
        }
        const text = `${entry.importPath}: ${message.messageId}: ${message.text}${where(message) ? ` (${where(message)})` : ''}`;
        if (message.logLevel === 'warning') console.log(`warning: ${text}`);
        else problems.push(text);
      },
    });
  } catch (error) {
    problems.push(`${entry.importPath}: API Extractor failed: ${error.message}`);
    return;
  }
  for (const name of undocumented) problems.push(`${entry.importPath}: no TSDoc on ${name}`);

  const generated = join(out, 'report', `${entry.name}.api.md`);
  if (!result || !existsSync(generated)) {
    problems.push(`${entry.importPath}: API Extractor wrote no report`);
    return;
  }
  const raw = readFileSync(generated, 'utf8').replace(
    /^## API Report File for "[^"]*"/,
    `## API Report File for "${entry.importPath}"`,
  );
  const text = await prettier.format(raw, {
    // As the CLI resolves it (`prettier --check` reads .editorconfig too), so that the check holds what it writes.
    ...((await prettier.resolveConfig(entry.report, { editorconfig: true })) ?? {}),
    filepath: entry.report,
  });
  const forgotten = [...raw.matchAll(/\(ae-forgotten-export\) The symbol "([^"]+)"/g)].map((m) => m[1]);
  const count = countDeclarations(JSON.parse(readFileSync(join(out, 'model.api.json'), 'utf8')));
  const summary =
    `${entry.importPath}: ${count} declarations` +
    (forgotten.length ? `, ${new Set(forgotten).size} of them types it reaches but does not export` : '') +
    (undocumented.length ? `, ${undocumented.length} without TSDoc` : ', all with TSDoc');
  const committed = existsSync(entry.report) ? readFileSync(entry.report, 'utf8') : undefined;
  const shown = relative(root, entry.report);
  if (committed === text) {
    console.log(`${summary}; ${shown} is up to date`);
  } else if (update) {
    mkdirSync(reportFolder, { recursive: true });
    writeFileSync(entry.report, text);
    console.log(`${summary}; ${shown} ${committed === undefined ? 'written' : 'updated'}`);
  } else {
    changed++;
    if (committed === undefined) {
      console.log(`${summary}; ${shown} is not there (npm run api:update writes it)`);
    } else {
      console.log(`${summary}; ${shown} differs from the build:`);
      console.log(unifiedDiff(committed, text, `a/${shown} (committed)`, `b/${shown} (${shownPath(typesFile)})`));
    }
  }
}

/** Reports in projects/ngx-kratos/api/ for entry points the build no longer has: removed with --update, else a problem. */
function staleReports() {
  if (!existsSync(reportFolder)) return;
  const known = new Set(entries.map((entry) => entry.report));
  for (const file of readdirSync(reportFolder).filter((name) => name.endsWith('.api.md'))) {
    const path = join(reportFolder, file);
    if (known.has(path)) continue;
    if (update) {
      rmSync(path);
      console.log(`${relative(root, path)} removed: the build has no such entry point`);
    } else {
      problems.push(`${relative(root, path)} reports an entry point the build does not have (npm run api:update)`);
    }
  }
}

/** `KratosNode.node` for a member, `KratosNode` for a declaration: the line's name, under the nearest top-level one. */
function declarationName(lines, lineNumber, text) {
  const own = /"([^"]+)"/.exec(text)?.[1] ?? '?';
  const index = (lineNumber ?? 0) - 1;
  if (index < 0 || !/^\s/.test(lines[index] ?? '')) return own;
  for (let i = index - 1; i >= 0; i--) {
    const top =
      /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:class|interface|type|function|const|enum)\s+([\w$]+)/.exec(
        lines[i],
      );
    if (top) return `${top[1]}.${own}`;
  }
  return own;
}

/** The declarations of a doc model (an entry's exports, what they reach, and their members), overloads each counted. */
function countDeclarations(item) {
  let count = 0;
  for (const member of item.members ?? []) {
    if (member.kind !== 'EntryPoint') count++;
    count += countDeclarations(member);
  }
  return count;
}

/** A path as the workspace names it, or absolute when it lies outside the workspace (a --dist elsewhere). */
function shownPath(path) {
  const inside = relative(root, path);
  return inside.startsWith('..') ? path : inside;
}

function memo(compute) {
  let value;
  return () => (value ??= compute());
}

/** A unified diff of two texts, three lines of context around each change. */
function unifiedDiff(before, after, fromName, toName) {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  // The longest common subsequence of what lies between the common head and tail.
  const n = endA - start;
  const m = endB - start;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] =
        a[start + i] === b[start + j]
          ? table[(i + 1) * (m + 1) + j + 1] + 1
          : Math.max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
    }
  }
  const ops = [];
  for (let k = 0; k < start; k++) ops.push([' ', a[k], k, k]);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      ops.push([' ', a[start + i], start + i, start + j]);
      i++;
      j++;
    } else if (i < n && (j === m || table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1])) {
      // A line changed: the committed one (`-`) first, then the built one (`+`), as diff and git print it.
      ops.push(['-', a[start + i], start + i, start + j]);
      i++;
    } else {
      ops.push(['+', b[start + j], start + i, start + j]);
      j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) ops.push([' ', a[endA + k], endA + k, endB + k]);

  const context = 3;
  const lines = [`--- ${fromName}`, `+++ ${toName}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k][0] === ' ') {
      k++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change near it.
    const first = Math.max(0, k - context);
    let last = k;
    for (let x = k; x < ops.length && x <= last + 2 * context; x++) if (ops[x][0] !== ' ') last = x;
    const end = Math.min(ops.length, last + context + 1);
    const hunk = ops.slice(first, end);
    const oldCount = hunk.filter((op) => op[0] !== '+').length;
    const newCount = hunk.filter((op) => op[0] !== '-').length;
    lines.push(`@@ -${hunk[0][2] + 1},${oldCount} +${hunk[0][3] + 1},${newCount} @@`);
    for (const [sign, text] of hunk) lines.push(`${sign}${text}`);
    k = end;
  }
  return lines.join('\n');
}
