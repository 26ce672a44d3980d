// `ng add ngx-kratos` for real, once: a fresh app made offline with the workspace's own @schematics/angular in a
// temporary folder, its dependencies installed there (never into the workspace), the packed library installed with
// --no-save, `ng g ngx-kratos:ng-add` run (twice: the second changes nothing), `ng build`, and the built app loaded
// against the emulator in Chromium: its login page with Kratos's fields, a sign-in through requireSession(), and the
// sample page's sign-out.
// Needs dist/ngx-kratos (`npm run build`) and dist/kratos-emulator (`npm run build:emulator`). Prints its time per step.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { appPages } from '../../../tools/kratos/config.mjs';
import { createFrontProxy } from '../../../tools/kratos/front-proxy.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(join(root, 'package.json'));
const { CHROMIUM_BIN, CHROMIUM_FLAGS } = require('./scripts/chromium.cjs');
const LOCK = '/tmp/ngx-kratos-build.lock';
const APP = 'kratos-app';
const KRATOS_URL = 'http://127.0.0.1:4433';
const FLOWS = 'login,registration,recovery,verification,settings';

/** The environment of every child: no npm_* of an enclosing `npm test` (they would configure the app's npm). */
const childEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
  NG_CLI_ANALYTICS: 'false',
  CI: 'true',
};

/** Runs a command; resolves to `{ stdout, output }` (output: both streams), rejects with its output when it fails. */
function run(command, args, cwd) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done({ stdout, output })
        : fail(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${output.slice(-6000)}`)),
    );
  });
}

/** Every file under `dir` (but node_modules, .angular and dist) with its text. */
function snapshot(dir) {
  const files = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (!entry.isFile() || /[/\\](?:node_modules|\.angular|dist)(?:[/\\]|$)/.test(path)) continue;
    files.set(path.slice(dir.length), readFileSync(path, 'utf8'));
  }
  return files;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const listen = (server) =>
  new Promise((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', () => done(server.address().port)));
const stop = (server) =>
  new Promise((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });

test(
  "ng add ngx-kratos on a fresh app: it builds, and its login page shows Kratos's fields",
  { timeout: 25 * 60_000 },
  async () => {
    for (const [built, how] of [
      ['dist/ngx-kratos/package.json', 'npm run build'],
      ['dist/kratos-emulator/index.js', 'npm run build:emulator'],
    ]) {
      assert.ok(existsSync(join(root, built)), `${built} is missing: run \`${how}\` first`);
    }
    const work = mkdtempSync(join(tmpdir(), 'ngx-kratos-ng-add-'));
    const app = join(work, APP);
    const cleanups = [() => rmSync(work, { recursive: true, force: true })];
    const times = [];
    const step = async (label, action) => {
      const started = performance.now();
      try {
        return await action();
      } finally {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        times.push(`${label}: ${seconds} s`);
        console.log(`ng-add-real: ${label}: ${seconds} s`);
      }
    };
    try {
      await step("ng new (the workspace's @schematics/angular, offline, --skip-install)", () => ngNew(work));
      const tarball = await step('npm pack dist/ngx-kratos (under the build lock)', async () => {
        // Inside the lock, from the workspace: another build may have replaced dist/ngx-kratos meanwhile (so no cwd in
        // it before), or emptied its schematics since `npm run build` (rebuilt here if so).
        const script =
          'cd dist/ngx-kratos && ' +
          '{ [ -f schematics/collection.json ] || node ../../scripts/build-schematics.mjs >&2; } && ' +
          'npm pack --pack-destination "$0" --json';
        const packed = JSON.parse((await run('flock', [LOCK, 'sh', '-c', script, work], root)).stdout);
        return join(work, packed[0].filename);
      });
      await step("npm install (the app's own dependencies)", () =>
        run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], app),
      );
      const core = JSON.parse(readFileSync(join(app, 'node_modules/@angular/core/package.json'), 'utf8')).version;
      console.log(`ng-add-real: the app got @angular/core ${core} (its package.json's range, as ng new wrote it)`);
      assert.match(core, /^21\.2\./);
      await step('npm install --no-save ngx-kratos (the packed library)', () =>
        run('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', tarball], app),
      );
      const ng = join(app, 'node_modules/.bin/ng');
      const args = ['g', 'ngx-kratos:ng-add', '--kratos-url', KRATOS_URL, '--flows', FLOWS];
      const { output } = await step('ng g ngx-kratos:ng-add', () => run(ng, args, app));
      assert.doesNotMatch(output, /WARN|left .* as it is/, output);
      const config = readFileSync(join(app, 'src/app/app.config.ts'), 'utf8');
      assert.match(config, /provideKratos\(\s*\{ baseUrl: '\/\.ory' \}/);
      const before = snapshot(app);
      await step('ng g ngx-kratos:ng-add again (changes nothing)', () => run(ng, args, app));
      assert.deepEqual(snapshot(app), before, 'a second run changed files');
      await step('ng build', () => run(ng, ['build'], app));
      const browser = join(app, `dist/${APP}/browser`);
      const styles = readdirSync(browser).find((file) => /^styles.*\.css$/.test(file));
      assert.match(readFileSync(join(browser, styles), 'utf8'), /\.kratos-/, 'the theme is in the built styles');
      await step('the built app on the emulator, in Chromium', () => browse(browser, cleanups));
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
      console.log(`ng-add-real: steps: ${times.join('; ')}`);
    }
    assert.ok(!existsSync(work), 'the temporary folder is gone');
  },
);

/** `ng new APP --skip-install --skip-git`, as the workspace's CLI would (its `ng new` refuses inside a workspace). */
async function ngNew(work) {
  const { NodeWorkflow } = require('@angular-devkit/schematics/tools');
  const { lastValueFrom } = require('rxjs');
  const version = require('@angular/cli/package.json').version;
  const workflow = new NodeWorkflow(work, { resolvePaths: [root], schemaValidation: true });
  await lastValueFrom(
    workflow.execute({
      collection: '@schematics/angular',
      schematic: 'ng-new',
      options: {
        name: APP,
        version,
        skipInstall: true,
        skipGit: true,
        routing: true,
        style: 'css',
        ssr: false,
        standalone: true,
        skipTests: true,
        packageManager: 'npm',
        aiConfig: [],
      },
    }),
  );
  const manifest = JSON.parse(readFileSync(join(work, APP, 'package.json'), 'utf8'));
  assert.match(manifest.dependencies['@angular/core'], /^\^21\.2\./);
}

/** The built files and a `/.ory` proxy to the emulator on one origin; Chromium on its pages. */
async function browse(site, cleanups) {
  const { startEmulator } = require('kratos-emulator');
  let front;
  const server = createServer((req, res) => {
    if (req.url.startsWith('/.ory/')) return front.handle(req, res);
    const path = join(site, decodeURIComponent(new URL(req.url, 'http://app').pathname));
    const file = path.startsWith(site) && existsSync(path) && statSync(path).isFile() ? path : join(site, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  const origin = `http://127.0.0.1:${await listen(server)}`;
  cleanups.push(() => stop(server));
  const kratos = await startEmulator({ port: 0, adminPort: 0, publicUrl: `${origin}/.ory`, ...appPages(origin) });
  cleanups.push(() => kratos.close());
  front = createFrontProxy(kratos.url, { prefix: '/.ory' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: [...CHROMIUM_FLAGS] });
  cleanups.push(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));

  // The sample page: requireSession() sends a signed-out user to the login page, with return_to.
  await page.goto(`${origin}/account`);
  await page.waitForURL(/\/login\?/);
  const form = page.locator('kratos-login form[data-kratos-group~="password"]');
  await form.locator('input[name="identifier"]').waitFor();
  assert.equal(await form.locator('input[name="password"]').count(), 1, "Kratos's password field");
  assert.equal(await page.title(), 'Sign in');
  const themed = await page.evaluate(() =>
    [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((rule) => rule.cssText.includes('.kratos-'))),
  );
  assert.ok(themed, 'the page has the theme');

  // Signing in goes back to the page behind the session.
  await form.locator('input[name="identifier"]').fill('ada@example.com');
  await form.locator('input[name="password"]').fill('Lovelace-1815!');
  await form.locator('[data-kratos-node-group="password"]').getByRole('button').click();
  await page.waitForURL(/\/account(?:\?|$)/);
  await page.getByText('Signed in as ada@example.com.').waitFor();

  // The sample page's signOut(): Kratos's logout URL clears the cookie and sends the browser home; the page behind
  // the session then sends it to the login page again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/' && url.origin === origin);
  await page.goto(`${origin}/account`);
  await page.waitForURL(/\/login\?/);
  assert.equal(await page.getByRole('alert').count(), 0, 'no sign-out failure shown');
  assert.deepEqual(errors, []);
}
