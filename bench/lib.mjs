// Shared pieces of the bench: the builds each part needs (once per run), the esbuild plugin that runs Angular's
// linker and production transforms the way the Angular CLI does, and a plain-text table.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformAsync } from '@babel/core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Build outputs of the bench go under dist/, which git already ignores. */
export const outDir = join(root, 'dist/bench');

/** Progress goes to stderr so that stdout carries only the tables. */
export const progress = (line) => process.stderr.write(`bench: ${line}\n`);

const BUILDS = {
  lib: { label: 'ng build ngx-kratos', command: ['npx', 'ng', 'build', 'ngx-kratos'] },
  // The demo compiles against dist/ngx-kratos (tsconfig paths), so it needs the library first.
  demo: { label: 'ng build demo', command: ['npx', 'ng', 'build', 'demo'], needs: ['lib'] },
  'demo-ssr': {
    label: 'ng build demo --configuration production,ssr',
    command: ['npx', 'ng', 'build', 'demo', '--configuration', 'production,ssr'],
    needs: ['lib'],
  },
  emulator: { label: 'build:emulator', command: ['npm', 'run', 'build:emulator', '--silent'] },
};
const built = new Set();

/**
 * Builds what a part needs, each thing once per run, unless `skipBuild` (then the outputs in dist/ are used as
 * they are). Build output is shown only when a build fails.
 */
export function ensureBuilt(names, { skipBuild = false } = {}) {
  if (skipBuild) return;
  for (const name of names) {
    if (built.has(name)) continue;
    ensureBuilt(BUILDS[name].needs ?? []);
    const [command, ...args] = BUILDS[name].command;
    progress(`${BUILDS[name].label}…`);
    const started = Date.now();
    const result = spawnSync(command, args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', NG_FORCE_TTY: 'false' },
    });
    if (result.status !== 0) {
      process.stderr.write(`${result.stdout}\n${result.stderr}\n`);
      throw new Error(`bench: ${BUILDS[name].label} failed (exit ${result.status})`);
    }
    progress(`${BUILDS[name].label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    built.add(name);
  }
}

/** ngx-kratos is not in node_modules: the bench resolves it to the fresh build in dist/ngx-kratos. */
export const NGX_KRATOS = {
  'ngx-kratos': join(root, 'dist/ngx-kratos/fesm2022/ngx-kratos.mjs'),
  'ngx-kratos/ui': join(root, 'dist/ngx-kratos/fesm2022/ngx-kratos-ui.mjs'),
};

/**
 * Resolves `ngx-kratos` and `ngx-kratos/ui` to dist/ngx-kratos, or leaves the ones in `external` to the app.
 * @param {{ external?: string[] }} options
 */
export function ngxKratosResolver({ external = [] } = {}) {
  return {
    name: 'ngx-kratos-dist',
    setup(build) {
      build.onResolve({ filter: /^ngx-kratos(\/ui)?$/ }, ({ path }) =>
        external.includes(path) ? { path, external: true } : { path: NGX_KRATOS[path] },
      );
    },
  };
}

/** The prefix of the partial declarations (ɵɵngDeclareComponent, …) that only the linker turns into definitions. */
const DECLARATION_PREFIX = 'ɵɵngDeclare';

/**
 * An esbuild plugin that does to every JavaScript file what the Angular CLI's production build does
 * (@angular/build/src/tools/esbuild/javascript-transformer-worker.js): Angular's linker (babel,
 * createEs2015LinkerPlugin, AOT: linkerJitMode false) over partial-compiled files, with the same exclusion of
 * @angular/core and @angular/compiler; and, with `optimize` (the CLI's `advancedOptimizations`, on in production),
 * its four babel plugins that make classes with static members and top-level calls tree-shakable: without them a
 * bundler keeps every injectable of a package whether used or not. Applied to Ory's SDKs too, as the CLI would.
 * `stats.linked` lists the files it linked (relative to the workspace).
 */
export async function linkerPlugin({ optimize = true } = {}) {
  const { createEs2015LinkerPlugin } = await import('@angular/compiler-cli/linker/babel');
  // Internal to @angular/build (not in its exports map), so loaded by path: the very plugins `ng build` runs.
  const cliPlugins = createRequire(import.meta.url)(
    join(root, 'node_modules/@angular/build/src/tools/babel/plugins/index.js'),
  );
  const fs = await import('node:fs');
  const path = await import('node:path');
  const quiet = () => undefined;
  const linker = createEs2015LinkerPlugin({
    linkerJitMode: false,
    // The CLI turns source mapping off here too (angular/angular#42769); the bench needs no source maps.
    sourceMapping: false,
    logger: { level: 1, debug: quiet, info: quiet, warn: console.warn, error: console.error },
    fileSystem: {
      resolve: path.resolve,
      exists: fs.existsSync,
      dirname: path.dirname,
      relative: path.relative,
      readFile: fs.readFileSync,
    },
  });
  const stats = { linked: [] };
  const plugin = {
    name: 'angular-cli-transforms',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?js$/ }, async ({ path: file }) => {
        const source = readFileSync(file, 'utf8');
        const angularItself = /[\\/]@angular[\\/](?:compiler|core)[\\/]/.test(file);
        const link = !angularItself && source.includes(DECLARATION_PREFIX);
        const plugins = link ? [linker] : [];
        if (optimize) {
          const sideEffectFree = packageOf(file)?.sideEffects === false;
          const safeAngularPackage = sideEffectFree && /[\\/]node_modules[\\/]@angular[\\/]/.test(file);
          plugins.push(
            [cliPlugins.markTopLevelPure, { topLevelSafeMode: !safeAngularPackage }],
            cliPlugins.elideAngularMetadata,
            cliPlugins.adjustTypeScriptEnums,
            [cliPlugins.adjustStaticMembers, { wrapDecorators: sideEffectFree }],
          );
        }
        if (plugins.length === 0) return undefined;
        const result = await transformAsync(source, {
          filename: file,
          inputSourceMap: false,
          sourceMaps: false,
          compact: false,
          configFile: false,
          babelrc: false,
          browserslistConfigFile: false,
          plugins,
        });
        if (link) stats.linked.push(relative(root, file));
        return { contents: result?.code ?? source, loader: 'js' };
      });
    },
  };
  return { plugin, stats };
}

/** The package.json of the package `file` belongs to (the nearest one that has a name), as the CLI reads sideEffects. */
function packageOf(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8'));
      if (json.name) return json;
    }
  }
  return undefined;
}

/**
 * The global constants the Angular CLI defines in an optimized production build
 * (@angular/build/src/tools/esbuild/application-code-bundle.js), so that dev-mode checks and JIT paths drop out as
 * they do in a real app.
 */
const ANGULAR_PRODUCTION_DEFINE = {
  ngDevMode: 'false',
  ngJitMode: 'false',
  ngServerMode: 'false',
  ngHmrMode: 'false',
  ngI18nClosureMode: 'false',
};

/**
 * The esbuild options every bench bundle shares: an app's production build (minified ES2022 for browsers, the CLI's
 * constants, licences extracted by the CLI and so no part of the bundle).
 */
export const APP_BUILD = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'none',
  define: ANGULAR_PRODUCTION_DEFINE,
  logLevel: 'silent',
};

/**
 * A plain-text table: `align` per column, 'l' or 'r' (default: first column left, the others right).
 * @param {string[]} headers
 * @param {(string|number)[][]} rows
 */
export function table(headers, rows, align = headers.map((_, i) => (i === 0 ? 'l' : 'r'))) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row) =>
    row
      .map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Thousands with a thin separator-free comma, e.g. 12,345. */
export const num = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));

/** The version field of an installed package (or of dist/ngx-kratos). */
export function versionOf(packageJson) {
  return JSON.parse(readFileSync(join(root, packageJson), 'utf8')).version;
}
