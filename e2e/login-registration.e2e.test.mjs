// The demo's login and registration pages (<kratos-login>, <kratos-registration> on loginFlowRoute and
// registrationFlowRoute) in a real browser, on the emulator or on real Kratos (`KRATOS_SERVER=real`), with the same
// scenarios. Both servers run Kratos v1.3.1's defaults for these flows, stated in every test's name: the unified
// login style (every method on one screen, not `identifier_first`) and two-step registration (the traits first, with
// `method=profile`, then the credentials), with the `session` after-hook, so that a new user is signed in.
import assert from 'node:assert/strict';
import { before } from 'node:test';
import { SERVER_LABEL, signIn } from './harness.mjs';
import { browserSuite } from './suite.mjs';

const MODE = 'unified login, two-step registration';
const s = browserSuite({ label: MODE, demoOptions: { privilegedMaxAge: 300, flowLifespan: 3600 } });
before(() =>
  console.log(`login and registration on the ${SERVER_LABEL}: ${MODE}, the session hook after registration`),
);

const atHome = (on) => new RegExp(`^${on.app.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?$`);
const headerWho = (onPage = s.page) => onPage.getByTestId('header-who');
const loginScreen = (onPage = s.page) =>
  onPage.locator('.kratos-login[data-kratos-screen]').getAttribute('data-kratos-screen');

/** The browser's session as Kratos sees it (whoami through the page's own cookies): its status and body. */
async function whoami(on, onPage = s.page) {
  const answer = await onPage.request.get(`${on.kratosPublic}/sessions/whoami`, {
    headers: { Accept: 'application/json' },
  });
  return { status: answer.status(), body: await answer.json() };
}

/** Signs `login` in on the demo's /login page, and waits for the home page to say who is signed in. */
async function signedIn(on, login, onPage = s.page) {
  await onPage.goto(`${on.app}/login`);
  await signIn(onPage, login.email, login.password);
  await onPage.waitForURL(atHome(on));
  await onPage.getByTestId('who').filter({ hasText: login.email }).waitFor();
}

s.scenario(
  'L1. register a new user (traits, then a password): signed in, and on the page to verify the address',
  async () => {
    const email = `newcomer-${Date.now()}@example.com`;
    const password = 'a-long-and-unusual-passphrase-1815';
    await s.page.goto(`${s.demo.app}/registration`);
    const registration = s.page.locator('.kratos-registration');
    await registration.locator('input[name="traits.email"]').fill(email);
    await registration.locator('input[name="traits.name.first"]').fill('Newton');
    await registration.locator('[data-kratos-node-group="profile"]').getByRole('button').click();
    // The credential screen: the traits are kept (hidden), the password asked for, and a way back.
    const passwordField = registration.locator('input[name="password"]');
    await passwordField.waitFor();
    assert.equal(await registration.locator('input[name="traits.email"]').getAttribute('type'), 'hidden');
    assert.ok(
      await registration.locator('button[name="screen"][value="previous"]').count(),
      'a way back to the traits',
    );
    await passwordField.fill(password);
    await registration.locator('[data-kratos-node-group="password"]').getByRole('button').click();
    // Signed in at once (the session hook), and taken to verify the new address (Kratos's show_verification_ui, the
    // demo's verification page: e2e/recovery-verification.e2e.test.mjs goes on from there).
    await s.page.waitForURL((url) => url.pathname === '/verification' && !!url.searchParams.get('flow'));
    await headerWho().filter({ hasText: email }).waitFor();
    const { status, body } = await whoami(s.demo);
    assert.equal(status, 200);
    assert.equal(body.identity.traits.email, email);
    assert.equal(body.identity.traits.name.first, 'Newton');
  },
);

s.scenario(
  'L2. sign in with a password: Kratos’s redirect_browser_to (its default return URL) is followed in the app',
  async () => {
    const ada = await s.demo.identity('ada');
    await s.page.goto(`${s.demo.app}/login`);
    assert.equal(await loginScreen(), 'sign-in');
    // An in-app navigation: the document stays (no reload), which a marker on `window` shows.
    await s.page.evaluate(() => (window.__sameDocument = true));
    await signIn(s.page, ada.email, ada.password);
    await s.page.waitForURL(atHome(s.demo));
    await s.page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
    assert.equal(await s.page.evaluate(() => window.__sameDocument), true, 'no full-page load');
    await headerWho().filter({ hasText: ada.email }).waitFor();
  },
);

s.scenario('L2b. a wrong password shows Kratos’s message next to the form and keeps the identifier', async () => {
  const ada = await s.demo.identity('ada');
  await s.page.goto(`${s.demo.app}/login`);
  await signIn(s.page, ada.email, 'not-her-password');
  const error = s.page.locator('.kratos-message--error');
  await error.waitFor();
  assert.match(await error.textContent(), /credentials are invalid/);
  assert.equal(await s.page.locator('input[name="identifier"]').inputValue(), ada.email);
  assert.equal(await s.page.locator('input[name="password"]').inputValue(), '', 'the password is not kept');
  assert.equal(
    await s.page.evaluate(() => document.activeElement?.closest('[data-kratos-section]') !== null),
    true,
    'focus is on the submitted form’s feedback, not the page body',
  );
});

s.scenario(
  'L3. grace signs in with her password and is taken to her second factor without a click, then home',
  async () => {
    const grace = await s.demo.identity('grace');
    await s.page.goto(`${s.demo.app}/login`);
    await signIn(s.page, grace.email, grace.password);
    // Kratos answers a browser login that needs AAL2 (whoami at highest_available) with a 422 to its AAL2 login,
    // which the navigator shows on the app's own login page.
    await s.page.waitForURL(/\/login\?(.*&)?flow=/);
    await s.page.locator('.kratos-login[data-kratos-screen="second-factor"]').waitFor();
    assert.deepEqual(
      await s.page.locator('.kratos-login form').evaluateAll((forms) => forms.map((f) => f.dataset.kratosGroup)),
      ['totp'],
      'only the second factor she has (an authenticator app), no password form',
    );
    await s.page.locator('input[name="totp_code"]').fill(await s.demo.totpCode(grace.totpSecret));
    await s.page.locator('[data-kratos-node-group="totp"]').getByRole('button').click();
    await s.page.waitForURL(atHome(s.demo));
    const { status, body } = await whoami(s.demo);
    assert.equal(status, 200);
    assert.equal(body.authenticator_assurance_level, 'aal2');
  },
);

s.scenario(
  'L4. a signed-in user opening /login goes home, at the cost of the flow’s request and one whoami',
  async () => {
    const ada = await s.demo.identity('ada');
    await signedIn(s.demo, ada);
    await s.demo.clearRequests();
    await s.page.goto(`${s.demo.app}/login`);
    await s.page.waitForURL(atHome(s.demo));
    await s.page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
    // Counted once the page is quiet, so that a late duplicate request would be counted too.
    await s.page.waitForLoadState('networkidle');
    const requests = async () => (await s.demo.requests()).map((r) => `${r.method} ${r.path}`).sort();
    // The login route's one request (answered session_already_available) and the app's one whoami (the header's
    // session signals, which the home page shares), in either order.
    assert.deepEqual(await requests(), ['GET /self-service/login/browser', 'GET /sessions/whoami']);
    // The same for the registration page.
    await s.demo.clearRequests();
    await s.page.goto(`${s.demo.app}/registration`);
    await s.page.waitForURL(atHome(s.demo));
    await s.page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
    await s.page.waitForLoadState('networkidle');
    assert.deepEqual(await requests(), ['GET /self-service/registration/browser', 'GET /sessions/whoami']);
  },
);

s.scenario('L5. a refresh login (“confirm it is you”) returns to the page that asked for it', async () => {
  const ada = await s.demo.identity('ada');
  await signedIn(s.demo, ada);
  const before = (await whoami(s.demo)).body.authenticated_at;
  const returnTo = `${s.demo.app}/session`;
  await s.page.goto(`${s.demo.app}/login?refresh=true&return_to=${encodeURIComponent(returnTo)}`);
  await s.page.locator('.kratos-login[data-kratos-screen="refresh"]').waitFor();
  await signIn(s.page, ada.email, ada.password);
  await s.page.waitForURL(returnTo);
  await s.page.getByTestId('session').filter({ hasText: ada.email }).waitFor();
  const after = (await whoami(s.demo)).body.authenticated_at;
  assert.ok(new Date(after) > new Date(before), `re-authenticated: ${before} → ${after}`);
});

s.scenario('L6. an expired login flow recovers without an error page, on reload and on submit', async () => {
  await s.ownDemo({ privilegedMaxAge: 3600, flowLifespan: 10 }, async (own, onPage) => {
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

s.scenario('L7. an open-redirect return_to on /login is not followed: the user lands on the app', async () => {
  const ada = await s.demo.identity('ada');
  await s.demo.clearRequests();
  for (const payload of ['https://evil.example/', '//evil.example/steal', '/\\evil.example', 'javascript:alert(1)']) {
    await s.context.clearCookies();
    await s.page.goto(`${s.demo.app}/login?return_to=${encodeURIComponent(payload)}`);
    await signIn(s.page, ada.email, ada.password);
    await s.page.waitForURL(atHome(s.demo));
    assert.equal(new URL(s.page.url()).origin, s.demo.app, payload);
  }
  const creates = (await s.demo.requests()).filter((r) => r.path === '/self-service/login/browser');
  assert.equal(creates.length, 4);
  for (const request of creates)
    assert.equal(request.query.return_to, undefined, 'an unsafe return_to is not passed on');
});

s.scenario('L8. keyboard-only sign-in: Tab to the identifier, type, Tab, type, Enter', async () => {
  const ada = await s.demo.identity('ada');
  await s.page.goto(`${s.demo.app}/login`);
  await s.page.locator('input[name="identifier"]').waitFor();
  let focused = '';
  for (let presses = 0; presses < 25 && focused !== 'identifier'; presses++) {
    await s.page.keyboard.press('Tab');
    focused = await s.page.evaluate(() => document.activeElement?.getAttribute('name') ?? '');
  }
  assert.equal(focused, 'identifier', 'the identifier is reachable by Tab');
  await s.page.keyboard.type(ada.email);
  await s.page.keyboard.press('Tab');
  assert.equal(await s.page.evaluate(() => document.activeElement?.getAttribute('name')), 'password');
  await s.page.keyboard.type(ada.password);
  await s.page.keyboard.press('Enter');
  await s.page.waitForURL(atHome(s.demo));
  await s.page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
});

s.scenario(
  'L9. /session needs a session: signed out → login → back, one whoami for header, guard and page',
  async () => {
    const ada = await s.demo.identity('ada');
    await s.page.goto(`${s.demo.app}/session`);
    await s.page.waitForURL(/\/login\?/);
    await signIn(s.page, ada.email, ada.password);
    await s.page.waitForURL(/\/session(\?|$)/);
    await s.page.getByTestId('session').filter({ hasText: ada.email }).waitFor();
    await s.demo.clearRequests();
    await s.page.reload();
    await s.page.getByTestId('session').filter({ hasText: ada.email }).waitFor();
    await s.page.waitForLoadState('networkidle');
    assert.deepEqual(
      (await s.demo.requests()).map((r) => `${r.method} ${r.path}`),
      ['GET /sessions/whoami'],
    );
  },
);

s.scenario(
  'L10. sign in with a provider as a new user: the provider’s page, back, registered and signed in',
  async () => {
    const email = `provided-${Date.now()}@example.com`;
    await s.demo.oidc.signInAs({ email });
    await s.page.goto(`${s.demo.app}/login`);
    await s.page.getByRole('button', { name: `Sign in with ${s.demo.oidc.label}` }).click();
    await s.page.waitForURL(s.demo.oidc.page);
    await s.page.locator('#continue').click();
    await s.page.waitForURL(atHome(s.demo));
    await headerWho().filter({ hasText: email }).waitFor();
    const { status, body } = await whoami(s.demo);
    assert.equal(status, 200);
    assert.equal(body.identity.traits.email, email);
  },
);

s.scenario(
  'L11. a provider’s email of an existing account: Kratos asks for the password, then links and signs in',
  async () => {
    const ada = await s.demo.identity('ada');
    await s.demo.oidc.signInAs({ email: ada.email });
    await s.page.goto(`${s.demo.app}/login`);
    await s.page.getByRole('button', { name: `Sign in with ${s.demo.oidc.label}` }).click();
    await s.page.waitForURL(s.demo.oidc.page);
    await s.page.locator('#continue').click();
    // Back on the app's login page with Kratos's account-linking flow: its message, and the password asked for.
    await s.page.waitForURL(/\/login\?(.*&)?flow=/);
    const message = s.page.locator('.kratos-message').first();
    await message.waitFor();
    console.log('linking message:', await message.textContent());
    await signIn(s.page, ada.email, ada.password);
    await s.page.waitForURL(atHome(s.demo));
    const { body } = await whoami(s.demo);
    assert.equal(body.identity.traits.email, ada.email);
  },
);
