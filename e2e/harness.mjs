// End-to-end harness: the production build of the demo (dist/demo/browser) served by a small static server, a Kratos
// behind a recording proxy (the emulator, or real Kratos built by `npm run kratos:build`), and Debian's Chromium via
// playwright-core, all on free loopback ports chosen now. The same scenarios run on both servers: everything a
// scenario needs from Kratos (identities, TOTP codes, time passing, request counts) comes through this harness.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import chromiumSetup from '../scripts/chromium.cjs';
import { appPages } from '../tools/kratos/config.mjs';
import { createFrontProxy } from '../tools/kratos/front-proxy.mjs';
import { SERVER, startTestServer } from '../tools/kratos/test-server.mjs';
import { startOidcProvider } from './oidc-provider.mjs';

const { CHROMIUM_BIN, CHROMIUM_FLAGS } = chromiumSetup;

export { REAL_UNAVAILABLE, SERVER, SERVER_LABEL } from '../tools/kratos/test-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

const listen = (server, port = 0) =>
  new Promise((done, fail) => server.once('error', fail).listen(port, '127.0.0.1', () => done(server.address().port)));
const stop = (server) =>
  new Promise((done) => {
    server.closeAllConnections();
    server.close(done);
  });

/**
 * Starts Kratos and the demo. `server` ('emulator' | 'real', default SERVER); `host`: the name the browser uses
 * for the demo and Kratos (`localhost` for WebAuthn, whose RP ID cannot be an IP address); `crossOrigin`: the demo talks to
 * Kratos's own origin with CORS and credentials instead of its `/.ory` proxy; `variant: 'demo-module'` serves the
 * NgModule build; `extraFiles` maps URL paths to files served on the demo's origin (the bench's memory page);
 * `browser` reuses a running Chromium; the rest (`privilegedMaxAge`, `flowLifespan`, ...) configure Kratos.
 */
export async function startDemo({
  server = SERVER,
  host = '127.0.0.1',
  crossOrigin = false,
  variant = 'demo',
  extraFiles = {},
  browser: sharedBrowser,
  ...options
} = {}) {
  const site = join(root, `dist/${variant}/browser`);
  const cleanups = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  let front; // the proxy to Kratos, once Kratos runs
  const recorded = [];
  // A second local origin that records the headers it receives: a session token must never reach it.
  const recorder = createServer((req, res) => {
    recorded.push({ method: req.method, headers: req.headers });
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': '*',
      'Content-Type': 'text/plain',
    });
    res.end(req.method === 'OPTIONS' ? undefined : 'ok');
  });
  const demoServer = createServer((req, res) => {
    if (req.url === '/demo-config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const allowedRedirects = provider ? [provider.issuer] : [];
      return void res.end(
        JSON.stringify({ kratosUrl: crossOrigin ? kratosPublic : '/.ory', recorderUrl, allowedRedirects }),
      );
    }
    if (req.url.startsWith('/.ory/')) return front.handle(req, res);
    const pathname = new URL(req.url, app).pathname;
    let path;
    try {
      path = join(site, decodeURIComponent(pathname));
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      return;
    }
    const file = Object.hasOwn(extraFiles, pathname)
      ? extraFiles[pathname]
      : path.startsWith(site + sep) && existsSync(path) && statSync(path).isFile()
        ? path
        : join(site, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  // Where browsers reach Kratos: the demo's `/.ory` proxy, or in cross-origin mode a proxy on an origin of its own.
  const frontServer = crossOrigin ? createServer((req, res) => front.handle(req, res)) : undefined;
  let app, kratosPublic, recorderUrl, kratos, provider, browser;
  try {
    app = `http://${host}:${await listen(demoServer)}`;
    cleanups.push(() => stop(demoServer));
    recorderUrl = `http://127.0.0.1:${await listen(recorder)}/record`;
    cleanups.push(() => stop(recorder));
    if (frontServer) {
      kratosPublic = `http://${host}:${await listen(frontServer)}`;
      cleanups.push(() => stop(frontServer));
    } else {
      kratosPublic = `${app}/.ory`;
    }
    const ui = {
      ...appPages(app),
      publicUrl: kratosPublic,
      ...(crossOrigin ? { allowedOrigins: [app] } : {}),
    };
    let oidcProviders;
    if (server === 'real') {
      provider = await startOidcProvider();
      cleanups.push(provider.close);
      const { issuer, clientId, clientSecret } = provider;
      oidcProviders = [{ id: 'test', label: 'Test Provider', issuerUrl: issuer, clientId, clientSecret }];
    }
    // WebAuthn and passkeys: the relying party is the app's host (browsers refuse an IP address as an RP ID).
    const webauthn = { rpId: host, origins: [app] };
    kratos = await startTestServer({ server, app, ...ui, oidcProviders, webauthn, ...options });
    cleanups.push(() => kratos.close());
    front = createFrontProxy(kratos.url, { prefix: crossOrigin ? '' : '/.ory' });
    browser = sharedBrowser ?? (await launchChromium());
    if (!sharedBrowser) cleanups.push(() => browser.close());
  } catch (error) {
    await closeAll();
    throw error;
  }

  return {
    ...kratos,
    app,
    kratos,
    /** Kratos's public URL as the browser uses it. */
    kratosPublic,
    browser,
    recorded,
    /** The requests that reached Kratos through the proxy, as the emulator's request log lists them. */
    requests: async () => front.requests.slice(),
    clearRequests: async () => front.clear(),
    /** The next `count` requests to Kratos get a gateway's `status` (an HTML page) from the proxy. */
    failNext: (status, count) => front.fail(status, count),
    /** Before each scenario: the request log cleared, and a clean emulator (real Kratos keeps its state). */
    async reset() {
      front.clear();
      await kratos.reset();
    },
    /** How the OIDC link scenario finds the provider's page and its button, on either server. */
    oidc:
      server === 'real'
        ? {
            label: 'Test Provider',
            page: (url) => url.href.startsWith(`${provider.issuer}/authorize`),
            /** The provider's user from now on: `{ subject?, email }`. */
            signInAs: (user) => provider.signInAs(user),
          }
        : {
            label: 'Emulated Provider',
            page: /\/oidc-provider\/authorize/,
            signInAs: async ({ email }) => {
              const answer = await fetch(`${kratos.url}/__emulator/oidc-user`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ email }),
              });
              if (!answer.ok) throw new Error(`the emulator refused the provider's user: ${answer.status}`);
            },
          },
    close: closeAll,
  };
}

/** The project's Chromium (scripts/chromium.cjs), as the suites and the bench run it; `extraArgs` are added (the bench's JIT-off run). */
export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM_BIN, args: [...CHROMIUM_FLAGS, ...extraArgs] });
}

/** Signs in with a password on the demo's login page (the page must be showing it). */
export async function signIn(page, email, password) {
  // <kratos-login>'s first form holds the identifier once for every method that shares it (password, code, security
  // key): the password's own field and button are those of its `password` nodes.
  const form = page.locator('form[data-kratos-group~="password"]');
  await form.locator('input[name="password"]').fill(password);
  // A refresh login carries the identifier as a hidden field: only a first login asks for it.
  const identifier = form.locator('input[name="identifier"]:not([type="hidden"])');
  if (await identifier.count()) await identifier.fill(email);
  // "Sign in", or "Confirm" for a refresh: the password method's button.
  await form.locator('[data-kratos-node-group="password"]').getByRole('button').click();
}

/**
 * The server-rendered demo (dist/demo-ssr, built by `ng build demo --configuration production,ssr`): its own node:http
 * server (ngx-kratos/ssr's proxy on /.ory, Angular's engine for pages) started as a child process on a free port, in
 * front of a Kratos (the emulator or real) behind the recording proxy, so that `requests()` lists every request that
 * reached Kratos, the server renders' and the browser's alike. Resolves to `startDemo`'s members that apply, plus
 * `close()`, which stops the server process too.
 */
export async function startSsrDemo({ server = SERVER, browser: sharedBrowser, ...options } = {}) {
  const { spawn } = await import('node:child_process');
  const cleanups = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const portProbe = createServer();
    const port = await listen(portProbe);
    await stop(portProbe);
    const app = `http://127.0.0.1:${port}`;
    const kratos = await startTestServer({
      server,
      app,
      publicUrl: `${app}/.ory`,
      ...appPages(app),
      webauthn: { rpId: '127.0.0.1', origins: [app] },
      ...options,
    });
    cleanups.push(() => kratos.close());
    const front = createFrontProxy(kratos.url);
    const frontServer = createServer((req, res) => front.handle(req, res));
    const frontUrl = `http://127.0.0.1:${await listen(frontServer)}`;
    cleanups.push(() => stop(frontServer));
    const child = spawn(process.execPath, [join(root, 'dist/demo-ssr/server/server.mjs')], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', KRATOS_URL: frontUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    cleanups.push(
      () =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          // SIGTERM, then SIGKILL if the server has not gone within 5 s: a stop never waits for ever.
          const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => (clearTimeout(kill), done()));
          child.kill('SIGTERM');
        }),
    );
    // Ready when the server prints its address; failed when it exits first or takes over 30 s. Whichever comes
    // first ends the wait and its timers, so that a failed start fails the suite rather than keeping it alive.
    await new Promise((ready, fail) => {
      let poll;
      const settle = (error) => {
        clearTimeout(timer);
        clearTimeout(poll);
        child.off('exit', exited);
        if (error) fail(error);
        else ready();
      };
      const exited = (code) => settle(new Error(`the SSR demo exited (${code}):\n${output}`));
      const timer = setTimeout(() => settle(new Error(`the SSR demo did not start in 30 s:\n${output}`)), 30_000);
      child.once('exit', exited);
      const check = () => (output.includes('SSR demo: http') ? settle() : (poll = setTimeout(check, 50)));
      check();
    });
    const browser = sharedBrowser ?? (await launchChromium());
    if (!sharedBrowser) cleanups.push(() => browser.close());
    return {
      ...kratos,
      app,
      kratosPublic: `${app}/.ory`,
      browser,
      /** What the server process printed (for a failure's message). */
      output: () => output,
      requests: async () => front.requests.slice(),
      clearRequests: async () => front.clear(),
      /** The next `count` requests to Kratos (the renders' and the browser's) get a gateway's `status`. */
      failNext: (status, count) => front.fail(status, count),
      async reset() {
        front.clear();
        front.fail(503, 0);
        await kratos.reset();
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
