// End-to-end harness: the production build of the demo (dist/demo/browser) served by a small static server that
// proxies /.ory to a Kratos emulator, both on free loopback ports chosen now, and Debian's Chromium via
// playwright-core. Nothing listens on a fixed port that a running `npm start` might hold.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { startEmulator, totpCode } = createRequire(import.meta.url)(join(root, 'dist/kratos-emulator/index.js'));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * Starts the emulator and the demo; `options` go to the emulator. With `crossOrigin`, the demo talks to the
 * emulator's own origin with CORS and credentials instead of through its proxy. `variant: 'demo-module'` serves the
 * NgModule build of the demo. `extraFiles` maps URL paths to absolute file paths served beside the demo on its origin
 * (the bench's memory page, so that it shares the demo's session cookie and `/.ory` proxy).
 */
export async function startDemo({ crossOrigin = false, variant = 'demo', extraFiles = {}, ...options } = {}) {
  const site = join(root, `dist/${variant}/browser`);
  // KRATOS_PUBLIC_URL: a real Kratos instead of the emulator (configured as in the README, for DEMO_PORT, default
  // 4200). Scenarios that need the emulator's reset, clock or request log then skip themselves.
  const realKratos = process.env.KRATOS_PUBLIC_URL;
  const demoPort = realKratos ? Number(process.env.DEMO_PORT ?? 4200) : await freePort();
  const app = `http://127.0.0.1:${demoPort}`;
  const kratos = realKratos
    ? { url: realKratos.replace(/\/+$/, ''), close: async () => undefined }
    : await startEmulator({
        port: 0,
        testControls: true,
        ...(crossOrigin ? { allowedOrigins: [app] } : { publicUrl: `${app}/.ory` }),
        settingsUi: `${app}/settings`,
        loginUi: `${app}/login`,
        errorUi: `${app}/error`,
        allowedReturnUrls: [`${app}/`],
        ...options,
      });
  const target = new URL(kratos.url);
  // A second local origin that records the headers it receives: a session token must never reach it.
  const recorded = [];
  const recorder = createServer((req, res) => {
    recorded.push({ method: req.method, headers: req.headers });
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': '*',
      'Content-Type': 'text/plain',
    });
    res.end(req.method === 'OPTIONS' ? undefined : 'ok');
  });
  await new Promise((done) => recorder.listen(0, '127.0.0.1', done));
  const recorderUrl = `http://127.0.0.1:${recorder.address().port}/record`;
  const server = createServer((req, res) => {
    if (req.url === '/demo-config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ kratosUrl: crossOrigin ? kratos.url : '/.ory', recorderUrl }));
    }
    if (req.url.startsWith('/.ory/')) {
      const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const upstream = request(
        {
          protocol: target.protocol,
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: `${target.pathname.replace(/\/$/, '')}${req.url.slice('/.ory'.length)}`,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.headersSent || res.writeHead(502).end());
      // A browser that aborts (an unsubscribed request) closes its connection: abort the upstream one too, as a real
      // proxy does, or the emulator would go on serving requests nobody waits for.
      res.on('close', () => res.writableFinished || upstream.destroy());
      req.pipe(upstream);
      return;
    }
    const pathname = new URL(req.url, app).pathname;
    const path = join(site, decodeURIComponent(pathname));
    const file = Object.hasOwn(extraFiles, pathname)
      ? extraFiles[pathname]
      : path.startsWith(site) && existsSync(path) && statSync(path).isFile()
        ? path
        : join(site, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((done) => server.listen(demoPort, '127.0.0.1', done));
  const browser = await launchChromium();
  const control = (path, init) => fetch(`${kratos.url}/__emulator${path}`, init);
  return {
    app,
    kratos,
    browser,
    /** Whether the emulator's test controls are there (not with KRATOS_PUBLIC_URL). */
    controls: !realKratos,
    reset: () => (realKratos ? Promise.resolve() : control('/reset', { method: 'POST' })),
    advance: (seconds) => control('/clock', { method: 'POST', body: JSON.stringify({ advance_seconds: seconds }) }),
    clock: async () => new Date((await (await control('/clock')).json()).unix * 1000),
    requests: async () => (await control('/requests')).json(),
    clearRequests: () => control('/requests', { method: 'DELETE' }),
    totpCode,
    recorded,
    async close() {
      await browser.close();
      await new Promise((done) => {
        recorder.closeAllConnections();
        recorder.close(done);
      });
      await new Promise((done) => {
        server.closeAllConnections();
        server.close(done);
      });
      await kratos.close();
    },
  };
}

/** Debian's Chromium, headless, as the suites and the bench run it; `extraArgs` are added (the bench's JIT-off run). */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** Signs in on the demo's login page (the page must be showing it). */
export async function signIn(page, email, password) {
  await page.locator('input[name="identifier"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
