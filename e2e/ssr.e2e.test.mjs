// The server-rendered demo (dist/demo-ssr: @angular/ssr, ngx-kratos/ssr's proxy on /.ory, withServerRendering()) in
// Chromium, on the emulator or on real Kratos (`KRATOS_SERVER=real`). Every request that reaches Kratos is counted
// at a recording proxy behind the SSR server, so the server's own requests and the browser's are told apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, test } from 'node:test';
import { launchChromium, REAL_UNAVAILABLE, SERVER_LABEL, signIn, startSsrDemo } from './harness.mjs';

const scenario = (name, fn) => test(`${name} [${SERVER_LABEL}; SSR]`, { skip: REAL_UNAVAILABLE }, fn);
let browser;
let demo;
before(async () => {
  if (REAL_UNAVAILABLE) return;
  browser = await launchChromium();
  demo = await startSsrDemo({ browser });
});
after(async () => {
  await demo?.close();
  await browser?.close();
});
beforeEach(async () => {
  if (!REAL_UNAVAILABLE) await demo.reset();
});

/** A browser context whose requests to Kratos (the app's /.ory) are listed as they leave the browser. */
async function contextWithLog(options = {}) {
  const context = await browser.newContext(options);
  const fromBrowser = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/.ory/')) fromBrowser.push(`${request.method()} ${url.pathname}`);
  });
  return { context, fromBrowser };
}

/** Signs `login` in through the SSR demo's login page (JavaScript on), landing at home. */
async function signedIn(page, login) {
  await page.goto(`${demo.app}/login`);
  await signIn(page, login.email, login.password);
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByTestId('who').filter({ hasText: login.email }).waitFor();
}

scenario(
  'S1. the first load of /settings, signed in: 0 Kratos requests from the browser, the flow and whoami on the server',
  async () => {
    const { context, fromBrowser } = await contextWithLog();
    try {
      const page = await context.newPage();
      await signedIn(page, await demo.identity('ada'));
      fromBrowser.length = 0;
      await demo.clearRequests();
      const answer = await page.goto(`${demo.app}/settings`);
      assert.equal(answer.status(), 200);
      assert.match(answer.headers()['cache-control'] ?? '', /private/);
      assert.match(answer.headers()['cache-control'] ?? '', /no-store/);
      assert.match(answer.headers()['vary'] ?? '', /cookie/i);
      await page.locator('form[data-kratos-group="profile"]').waitFor();
      // After hydration the URL carries the flow's id, without a request.
      await page.waitForURL(/\/settings\?flow=/);
      await page.waitForTimeout(300);
      const kratos = (await demo.requests()).map((r) => `${r.method} ${r.path}`);
      const scripts = fromBrowser.filter((r) => r.includes('/.well-known/'));
      assert.deepEqual(
        fromBrowser.filter((r) => !r.includes('/.well-known/')),
        [],
        'no flow request from the browser',
      );
      assert.deepEqual(
        kratos.filter((r) => !r.includes('/.well-known/')).sort(),
        ['GET /self-service/settings/browser', 'GET /sessions/whoami'],
        'the server render’s two requests in all: the flow, and the header’s session (transferred to the browser)',
      );
      console.log(
        `SSR first load: browser ${fromBrowser.length - scripts.length} / total ${kratos.length - scripts.length} flow requests`,
      );
    } finally {
      await context.close();
    }
  },
);

scenario('S2. a signed-out visit to /settings is an HTTP redirect to the login page', async () => {
  const answer = await fetch(`${demo.app}/settings`, { redirect: 'manual' });
  assert.ok([302, 303].includes(answer.status), `status ${answer.status}`);
  const location = new URL(answer.headers.get('location'), demo.app);
  assert.equal(location.pathname, '/login');
  assert.equal(location.searchParams.get('return_to'), `${demo.app}/settings?kratos_step=login`);
});

scenario(
  'S3. JavaScript off: a login and a settings change by native form posts, each result rendered by the server',
  async () => {
    const ada = await demo.identity('ada');
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${demo.app}/login`);
      await page.locator('input[name="identifier"]').fill(ada.email);
      await page.locator('input[name="password"]').fill(ada.password);
      await page.locator('[data-kratos-node-group="password"] button').click();
      // Kratos's 303 (through the proxy, rewritten to the app's origin), then the server renders where it points.
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
      await page.goto(`${demo.app}/settings`);
      const profile = page.locator('form[data-kratos-group="profile"]');
      await profile.locator('input[name="traits.name.first"]').fill('Augusta');
      await profile.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/settings\?flow=/);
      await page.locator('.kratos-message--success').waitFor();
      assert.equal(await profile.locator('input[name="traits.name.first"]').inputValue(), 'Augusta');
    } finally {
      await context.close();
    }
  },
);

scenario('S4. login → settings → logout through the SSR demo, JavaScript on', async () => {
  const ada = await demo.identity('ada');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${demo.app}/settings`);
    await page.waitForURL(/\/login\?/);
    await signIn(page, ada.email, ada.password);
    await page.waitForURL(/\/settings\?flow=/);
    const profile = page.locator('form[data-kratos-group="profile"]');
    await profile.locator('input[name="traits.name.first"]').fill('Ada');
    await profile.getByRole('button', { name: 'Save' }).click();
    await page.locator('.kratos-message--success').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('who').filter({ hasText: 'signed out' }).waitFor();
  } finally {
    await context.close();
  }
});

scenario(
  'S5. two users’ renders at once never see each other’s flow or cookies (200 interleaved renders)',
  async () => {
    // Two users signed in through the app; their cookies then sent from Node, interleaved.
    const cookiesOf = async (login) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signedIn(page, login);
      const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      await context.close();
      return cookies;
    };
    const ada = await demo.identity('ada');
    const other = await demo.seed({ email: demo.newEmail('other'), password: 'another-long-passphrase-1906' });
    const users = [
      { email: ada.email, cookie: await cookiesOf(ada) },
      { email: other.email, cookie: await cookiesOf(other) },
    ];
    const started = Date.now();
    const renders = [];
    for (let round = 0; round < 100; round++) {
      for (const user of users) {
        renders.push(
          fetch(`${demo.app}/settings`, { headers: { cookie: user.cookie }, redirect: 'manual' }).then(
            async (answer) => ({
              user,
              status: answer.status,
              body: await answer.text(),
              cookies: answer.headers.getSetCookie(),
            }),
          ),
        );
      }
    }
    const answers = await Promise.all(renders);
    assert.ok(Date.now() - started < 60_000, 'bounded in time');
    const sessionCookie = (cookie) => /ory_kratos_session=([^;]+)/.exec(cookie)?.[1];
    for (const { user, status, body, cookies } of answers) {
      assert.equal(status, 200, `${user.email}: ${status}`);
      assert.ok(body.includes(user.email), `${user.email}'s own page`);
      for (const someone of users.filter((u) => u !== user)) {
        assert.ok(!body.includes(someone.email), `${user.email} never sees ${someone.email}`);
        const theirs = sessionCookie(someone.cookie);
        assert.ok(
          !cookies.some((c) => theirs && c.includes(theirs)),
          `${user.email} never gets ${someone.email}'s cookie`,
        );
      }
    }
  },
);

scenario(
  'S6. Kratos failing during a render: an error page with 502, no stack trace, and the next load works',
  async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await signedIn(page, await demo.identity('ada'));
      // More failures than withRetry()'s retries: every attempt of the render's read gets a gateway's 503 page.
      demo.failNext(503, 10);
      const answer = await page.goto(`${demo.app}/settings`);
      assert.ok([502, 503].includes(answer.status()), `status ${answer.status()}`);
      const body = await answer.text();
      assert.doesNotMatch(body, /\bat [\w.<>]+ \(|node:internal|\.mjs:\d+/, 'no stack trace in the page');
      await page.locator('.kratos-flow-error').waitFor();
      demo.failNext(503, 0);
      const again = await page.goto(`${demo.app}/settings`);
      assert.equal(again.status(), 200);
      await page.locator('form[data-kratos-group="profile"]').waitFor();
    } finally {
      await context.close();
    }
  },
);

scenario(
  'S7. a login submitted before hydration is the form’s native post: one submit, Kratos’s 303, the server renders the result',
  async () => {
    // Event replay (withEventReplay) replays clicks and inputs once the app has hydrated, but it does not hold a form's
    // native submission back: a submit before hydration is the browser's own form post to Kratos (the form carries
    // Kratos's action, method and CSRF token), as with JavaScript off, and the page it leads to is rendered by the
    // server. The page unloads with it, so nothing is replayed later: exactly one submit.
    const ada = await demo.identity('ada');
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // Hold the app's scripts back, so that the user types and submits while the page is the server's HTML only.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route(/\/main-[\w-]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      const posts = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/.ory/self-service/login') {
          posts.push(request.headers()['content-type'] ?? '');
        }
      });
      try {
        await page.goto(`${demo.app}/login`, { waitUntil: 'commit' });
        await page.locator('input[name="identifier"]').fill(ada.email);
        await page.locator('input[name="password"]').fill(ada.password);
        await page.locator('[data-kratos-node-group="password"] button').click();
        await page.waitForURL((url) => url.pathname === '/', { waitUntil: 'commit' });
      } finally {
        release();
      }
      await page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
      await page.waitForTimeout(500);
      assert.equal(posts.length, 1, 'one submit');
      assert.match(posts[0], /application\/x-www-form-urlencoded/, 'the form’s native post');
    } finally {
      await context.close();
    }
  },
);

scenario('S8. the server’s static files: only the browser build’s, a path that does not decode is a 400', async () => {
  const served = await fetch(`${demo.app}/favicon.ico`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'image/x-icon');
  // A decoded "..%2f" climbs out of the browser build: never the server's own bundle.
  const bundle = readFileSync(new URL('../dist/demo-ssr/server/server.mjs', import.meta.url), 'utf8');
  const climbed = await fetch(`${demo.app}/..%2fserver%2fserver.mjs`, { redirect: 'manual' });
  assert.ok(!(await climbed.text()).includes(bundle.slice(0, 200)), 'the server bundle was served');
  assert.notEqual(climbed.headers.get('content-type'), 'text/javascript');
  const malformed = await fetch(`${demo.app}/%E0%A4%A`);
  assert.equal(malformed.status, 400);
});
