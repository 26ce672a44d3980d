// The demo's login and registration pages (<kratos-login>, <kratos-registration> on loginFlowRoute and
// registrationFlowRoute) in a real browser, on the emulator or on real Kratos (`KRATOS_SERVER=real`), with the same
// scenarios. Both servers run Kratos v1.3.1's defaults for these flows, stated in every test's name: the unified
// login style (every method on one screen, not `identifier_first`) and two-step registration (the traits first, with
// `method=profile`, then the credentials), with the `session` after-hook, so that a new user is signed in.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { launchChromium, REAL_UNAVAILABLE, SERVER_LABEL, signIn, startDemo } from './harness.mjs';

const MODE = 'unified login, two-step registration';
const unavailable = REAL_UNAVAILABLE;
const scenario = (name, fn) => test(`${name} [${SERVER_LABEL}; ${MODE}]`, { skip: unavailable }, fn);

let browser;
let demo;
let context;
let page;
before(async () => {
  if (unavailable) return;
  browser = await launchChromium();
  demo = await startDemo({ browser, privilegedMaxAge: 300, flowLifespan: 3600 });
  console.log(`login and registration on the ${SERVER_LABEL}: ${MODE}, the session hook after registration`);
});
after(async () => {
  await demo?.close();
  await browser?.close();
});
const SHOTS = new URL('./screenshots/', import.meta.url);
mkdirSync(SHOTS, { recursive: true });
let current = '';
beforeEach((t) => void (current = t.name));
const screenshot = async () => {
  const name = current
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/-+$/, '');
  await page?.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true }).catch(() => undefined);
};
afterEach(screenshot);
beforeEach(async () => {
  if (unavailable) return;
  await demo.reset();
  await context?.close();
  context = await browser.newContext();
  page = await context.newPage();
});

/** A demo of its own for one scenario (other lifespans), on the shared browser. */
async function ownDemo(options, body) {
  const own = await startDemo({ browser, ...options });
  const ownContext = await browser.newContext();
  try {
    page = await ownContext.newPage();
    await body(own, page);
  } finally {
    await screenshot();
    page = undefined;
    await ownContext.close();
    await own.close();
  }
}

const atHome = (on) => new RegExp(`^${on.app.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?$`);
const headerWho = (onPage = page) => onPage.getByTestId('header-who');
const loginScreen = (onPage = page) => onPage.locator('.kratos-login').getAttribute('data-kratos-screen');

/** The browser's session as Kratos sees it (whoami through the page's own cookies): its status and body. */
async function whoami(on, onPage = page) {
  const answer = await onPage.request.get(`${on.kratosPublic}/sessions/whoami`, {
    headers: { Accept: 'application/json' },
  });
  return { status: answer.status(), body: await answer.json() };
}

/** Signs `login` in on the demo's /login page, and waits for the home page to say who is signed in. */
async function signedIn(on, login, onPage = page) {
  await onPage.goto(`${on.app}/login`);
  await signIn(onPage, login.email, login.password);
  await onPage.waitForURL(atHome(on));
  await onPage.getByTestId('who').filter({ hasText: login.email }).waitFor();
}

scenario('L1. register a new user (traits, then a password) and land signed in, at home', async () => {
  const email = `newcomer-${Date.now()}@example.com`;
  const password = 'a-long-and-unusual-passphrase-1815';
  await page.goto(`${demo.app}/registration`);
  const registration = page.locator('.kratos-registration');
  await registration.locator('input[name="traits.email"]').fill(email);
  await registration.locator('input[name="traits.name.first"]').fill('Newton');
  await registration.locator('[data-kratos-node-group="profile"]').getByRole('button').click();
  // The credential screen: the traits are kept (hidden), the password asked for, and a way back.
  const passwordField = registration.locator('input[name="password"]');
  await passwordField.waitFor();
  assert.equal(await registration.locator('input[name="traits.email"]').getAttribute('type'), 'hidden');
  assert.ok(await registration.locator('button[name="screen"][value="previous"]').count(), 'a way back to the traits');
  await passwordField.fill(password);
  await registration.locator('[data-kratos-node-group="password"]').getByRole('button').click();
  await page.waitForURL(atHome(demo));
  await headerWho().filter({ hasText: email }).waitFor();
  const { status, body } = await whoami(demo);
  assert.equal(status, 200);
  assert.equal(body.identity.traits.email, email);
  assert.equal(body.identity.traits.name.first, 'Newton');
});

scenario(
  'L2. sign in with a password: Kratos’s redirect_browser_to (its default return URL) is followed in the app',
  async () => {
    const ada = await demo.identity('ada');
    await page.goto(`${demo.app}/login`);
    assert.equal(await loginScreen(), 'sign-in');
    // An in-app navigation: the document stays (no reload), which a marker on `window` shows.
    await page.evaluate(() => (window.__sameDocument = true));
    await signIn(page, ada.email, ada.password);
    await page.waitForURL(atHome(demo));
    await page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full-page load');
    await headerWho().filter({ hasText: ada.email }).waitFor();
  },
);

scenario('L2b. a wrong password shows Kratos’s message next to the form and keeps the identifier', async () => {
  const ada = await demo.identity('ada');
  await page.goto(`${demo.app}/login`);
  await signIn(page, ada.email, 'not-her-password');
  const error = page.locator('.kratos-message--error');
  await error.waitFor();
  assert.match(await error.textContent(), /credentials are invalid/);
  assert.equal(await page.locator('input[name="identifier"]').inputValue(), ada.email);
  assert.equal(await page.locator('input[name="password"]').inputValue(), '', 'the password is not kept');
  assert.equal(
    await page.evaluate(() => document.activeElement?.closest('[data-kratos-section]') !== null),
    true,
    'focus is on the submitted form’s feedback, not the page body',
  );
});

scenario(
  'L3. grace signs in with her password and is taken to her second factor without a click, then home',
  async () => {
    const grace = await demo.identity('grace');
    await page.goto(`${demo.app}/login`);
    await signIn(page, grace.email, grace.password);
    // Kratos answers a browser login that needs AAL2 (whoami at highest_available) with a 422 to its AAL2 login,
    // which the navigator shows on the app's own login page.
    await page.waitForURL(/\/login\?(.*&)?flow=/);
    await page.locator('.kratos-login[data-kratos-screen="second-factor"]').waitFor();
    assert.deepEqual(
      await page.locator('.kratos-login form').evaluateAll((forms) => forms.map((f) => f.dataset.kratosGroup)),
      ['totp'],
      'only the second factor she has (an authenticator app), no password form',
    );
    await page.locator('input[name="totp_code"]').fill(await demo.totpCode(grace.totpSecret));
    await page.locator('[data-kratos-node-group="totp"]').getByRole('button').click();
    await page.waitForURL(atHome(demo));
    const { status, body } = await whoami(demo);
    assert.equal(status, 200);
    assert.equal(body.authenticator_assurance_level, 'aal2');
  },
);

scenario('L4. a signed-in user opening /login goes home, at the cost of the flow’s one request', async () => {
  const ada = await demo.identity('ada');
  await signedIn(demo, ada);
  await demo.clearRequests();
  await page.goto(`${demo.app}/login`);
  await page.waitForURL(atHome(demo));
  await page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
  const requests = (await demo.requests()).map((r) => `${r.method} ${r.path}`);
  // The login route's one request (answered session_already_available), then the home page's own whoami.
  assert.deepEqual(requests, ['GET /self-service/login/browser', 'GET /sessions/whoami']);
  // The same for the registration page.
  await demo.clearRequests();
  await page.goto(`${demo.app}/registration`);
  await page.waitForURL(atHome(demo));
  await page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
  assert.deepEqual(
    (await demo.requests()).map((r) => `${r.method} ${r.path}`),
    ['GET /self-service/registration/browser', 'GET /sessions/whoami'],
  );
});

scenario('L5. a refresh login (“confirm it is you”) returns to the page that asked for it', async () => {
  const ada = await demo.identity('ada');
  await signedIn(demo, ada);
  const before = (await whoami(demo)).body.authenticated_at;
  const returnTo = `${demo.app}/session`;
  await page.goto(`${demo.app}/login?refresh=true&return_to=${encodeURIComponent(returnTo)}`);
  await page.locator('.kratos-login[data-kratos-screen="refresh"]').waitFor();
  await signIn(page, ada.email, ada.password);
  await page.waitForURL(returnTo);
  await page.getByTestId('session').filter({ hasText: ada.email }).waitFor();
  const after = (await whoami(demo)).body.authenticated_at;
  assert.ok(new Date(after) > new Date(before), `re-authenticated: ${before} → ${after}`);
});

scenario('L6. an expired login flow recovers without an error page, on reload and on submit', async () => {
  await ownDemo({ privilegedMaxAge: 3600, flowLifespan: 10 }, async (own, onPage) => {
    const ada = await own.identity('ada');
    await onPage.goto(`${own.app}/login`);
    await onPage.waitForURL(/\/login\?(.*&)?flow=/);
    const first = new URL(onPage.url()).searchParams.get('flow');
    const flow = await (
      await onPage.request.get(`${own.kratosPublic}/self-service/login/flows?id=${first}`, {
        headers: { Accept: 'application/json' },
      })
    ).json();
    await own.passTime(new Date(flow.expires_at));
    // A submit on the expired flow: Kratos's 410 names a new flow, which the page continues on.
    await signIn(onPage, ada.email, ada.password);
    await onPage.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('flow') !== first);
    assert.doesNotMatch(onPage.url(), /\/error/);
    await onPage.locator('input[name="password"]').waitFor();
    // The new flow works.
    await signIn(onPage, ada.email, ada.password);
    await onPage.waitForURL(atHome(own));
    // A link to an expired flow (a bookmark, a reload after the lifespan): a fresh flow, no error page.
    await onPage.context().clearCookies();
    await onPage.goto(`${own.app}/login?flow=${first}`);
    await onPage.waitForURL(
      (url) => url.pathname === '/login' && !!url.searchParams.get('flow') && url.searchParams.get('flow') !== first,
    );
    await onPage.locator('.kratos-login[data-kratos-screen="sign-in"]').waitFor();
  });
});

scenario('L7. an open-redirect return_to on /login is not followed: the user lands on the app', async () => {
  const ada = await demo.identity('ada');
  await demo.clearRequests();
  for (const payload of ['https://evil.example/', '//evil.example/steal', '/\\evil.example', 'javascript:alert(1)']) {
    await context.clearCookies();
    await page.goto(`${demo.app}/login?return_to=${encodeURIComponent(payload)}`);
    await signIn(page, ada.email, ada.password);
    await page.waitForURL(atHome(demo));
    assert.equal(new URL(page.url()).origin, demo.app, payload);
  }
  const creates = (await demo.requests()).filter((r) => r.path === '/self-service/login/browser');
  assert.equal(creates.length, 4);
  for (const request of creates)
    assert.equal(request.query.return_to, undefined, 'an unsafe return_to is not passed on');
});

scenario('L8. keyboard-only sign-in: Tab to the identifier, type, Tab, type, Enter', async () => {
  const ada = await demo.identity('ada');
  await page.goto(`${demo.app}/login`);
  await page.locator('input[name="identifier"]').waitFor();
  let focused = '';
  for (let presses = 0; presses < 25 && focused !== 'identifier'; presses++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.getAttribute('name') ?? '');
  }
  assert.equal(focused, 'identifier', 'the identifier is reachable by Tab');
  await page.keyboard.type(ada.email);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password');
  await page.keyboard.type(ada.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(atHome(demo));
  await page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
});

scenario('L9. /session needs a session: signed out → login → back, one whoami for guard and page', async () => {
  const ada = await demo.identity('ada');
  await page.goto(`${demo.app}/session`);
  await page.waitForURL(/\/login\?/);
  await signIn(page, ada.email, ada.password);
  await page.waitForURL(/\/session(\?|$)/);
  await page.getByTestId('session').filter({ hasText: ada.email }).waitFor();
  await demo.clearRequests();
  await page.reload();
  await page.getByTestId('session').filter({ hasText: ada.email }).waitFor();
  assert.deepEqual(
    (await demo.requests()).map((r) => `${r.method} ${r.path}`),
    ['GET /sessions/whoami'],
  );
});

scenario(
  'L10. sign in with a provider as a new user: the provider’s page, back, registered and signed in',
  async () => {
    const email = `provided-${Date.now()}@example.com`;
    await demo.oidc.signInAs({ email });
    await page.goto(`${demo.app}/login`);
    await page.getByRole('button', { name: `Sign in with ${demo.oidc.label}` }).click();
    await page.waitForURL(demo.oidc.page);
    await page.locator('#continue').click();
    await page.waitForURL(atHome(demo));
    await headerWho().filter({ hasText: email }).waitFor();
    const { status, body } = await whoami(demo);
    assert.equal(status, 200);
    assert.equal(body.identity.traits.email, email);
  },
);

scenario(
  'L11. a provider’s email of an existing account: Kratos asks for the password, then links and signs in',
  async () => {
    const ada = await demo.identity('ada');
    await demo.oidc.signInAs({ email: ada.email });
    await page.goto(`${demo.app}/login`);
    await page.getByRole('button', { name: `Sign in with ${demo.oidc.label}` }).click();
    await page.waitForURL(demo.oidc.page);
    await page.locator('#continue').click();
    // Back on the app's login page with Kratos's account-linking flow: its message, and the password asked for.
    await page.waitForURL(/\/login\?(.*&)?flow=/);
    const message = page.locator('.kratos-message').first();
    await message.waitFor();
    console.log('linking message:', await message.textContent());
    await signIn(page, ada.email, ada.password);
    await page.waitForURL(atHome(demo));
    const { body } = await whoami(demo);
    assert.equal(body.identity.traits.email, ada.email);
  },
);
