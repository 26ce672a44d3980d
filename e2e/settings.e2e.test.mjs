// Every settings path of the demo in a real browser (Debian's Chromium) against the emulator, each from a reset
// emulator. Numbers follow the scenarios of the demo issue.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { signIn, startDemo } from './harness.mjs';

let demo;
let context;
let page;
before(async () => (demo = await startDemo({ privilegedMaxAge: 300, flowLifespan: 3600 })));
after(() => demo.close());
// Every scenario leaves a screenshot of where it ended in e2e/screenshots/ (git-ignored).
const SHOTS = new URL('./screenshots/', import.meta.url);
mkdirSync(SHOTS, { recursive: true });
afterEach(async (t) => {
  const name = t.name
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/-+$/, '');
  await page?.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true }).catch(() => undefined);
});
beforeEach(async () => {
  await demo.reset();
  await context?.close();
  context = await demo.browser.newContext();
  page = await context.newPage();
});

/** Scenarios that need the emulator's reset, clock, request log or its provider skip against a real Kratos. */
function needsEmulator(t) {
  if (demo.controls) return false;
  // Skipped on purpose, only with KRATOS_PUBLIC_URL: a real Kratos has no test controls to reset, advance or log.
  t.skip('needs the Kratos emulator (its clock, request log or OIDC provider); KRATOS_PUBLIC_URL is set');
  return true;
}

const settingsRequests = async () =>
  (await demo.requests()).filter((r) => r.path.startsWith('/self-service/settings')).length;
const form = (group) => page.locator(`form[data-kratos-group="${group}"]`);

async function signedInOnSettings(email = 'ada@example.com', password = 'Lovelace-1815!') {
  await page.goto(`${demo.app}/settings`);
  await page.waitForURL(/\/login\?/);
  await signIn(page, email, password);
  await page.waitForURL(/\/settings\?flow=/);
}

test('1. signed out → /settings → login → back on /settings with a flow (return_to honoured)', async () => {
  await page.goto(`${demo.app}/settings`);
  await page.waitForURL(/\/login\?/);
  const returnTo = new URL(page.url()).searchParams.get('return_to');
  assert.equal(returnTo, `${demo.app}/settings?kratos_step=login`);
  await signIn(page, 'ada@example.com', 'Lovelace-1815!');
  await page.waitForURL(/\/settings\?flow=[0-9a-f-]{36}$/);
  await form('profile').waitFor();
  assert.equal(await form('profile').locator('input[name="traits.email"]').inputValue(), 'ada@example.com');
});

test('2. a profile change succeeds; an invalid email shows the node’s error and keeps the rest of the form', async () => {
  await signedInOnSettings();
  await form('profile').locator('input[name="traits.name.first"]').fill('Augusta');
  await form('profile').getByRole('button', { name: 'Save' }).click();
  await page.locator('.kratos-message--success').waitFor();
  await form('profile').locator('input[name="traits.email"]').fill('not-an-email');
  await form('profile').getByRole('button', { name: 'Save' }).click();
  const email = form('profile').locator('input[name="traits.email"]');
  await page.locator('[aria-invalid="true"]').waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.equal(await email.inputValue(), 'not-an-email');
  assert.equal(await form('profile').locator('input[name="traits.name.first"]').inputValue(), 'Augusta');
  assert.match(await form('profile').locator('.kratos-message--error').textContent(), /valid email/);
  assert.equal(await page.locator('.kratos-message--success').count(), 0);
});

test('3. password change on a stale privileged session → refresh login → back on the settings page → submit completes', async (t) => {
  if (needsEmulator(t)) return;
  await signedInOnSettings();
  const settingsUrl = page.url();
  await demo.advance(301);
  await form('password').locator('input[name="password"]').fill('a-brand-new-password');
  await form('password').getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/login\?/);
  const login = new URL(page.url());
  assert.equal(login.searchParams.get('refresh'), 'true');
  assert.equal(login.searchParams.get('return_to'), `${settingsUrl}&kratos_step=refresh`);
  await signIn(page, 'ada@example.com', 'Lovelace-1815!');
  await page.waitForURL((url) => url.href === settingsUrl);
  await form('password').locator('input[name="password"]').fill('a-brand-new-password');
  await form('password').getByRole('button', { name: 'Save' }).click();
  await page.locator('.kratos-message--success').waitFor();
});

test('4. grace (TOTP) with an AAL1 session → AAL2 step-up with a code from the emulator clock → settings', async (t) => {
  if (needsEmulator(t)) return;
  await page.goto(`${demo.app}/settings`);
  await page.waitForURL(/\/login\?/);
  await signIn(page, 'grace@example.com', 'Hopper-1906!');
  await page.waitForURL(/\/login\?.*aal=aal2/);
  await page.locator('input[name="totp_code"]').fill(demo.totpCode('JBSWY3DPEHPK3PXP', await demo.clock()));
  await page.getByRole('button', { name: 'Use Authenticator' }).click();
  await page.waitForURL(/\/settings\?flow=/);
  await form('totp').getByRole('button', { name: 'Unlink TOTP Authenticator App' }).waitFor();
});

test('5. an expired flow id in the URL → a fresh flow, no error page; a submit on an expired flow continues on use_flow_id', async (t) => {
  if (needsEmulator(t)) return;
  await signedInOnSettings();
  const expired = new URL(page.url()).searchParams.get('flow');
  await demo.advance(3601);
  await page.goto(`${demo.app}/settings?flow=${expired}`);
  await page.waitForURL(
    (url) => url.pathname === '/settings' && url.searchParams.get('flow') && url.searchParams.get('flow') !== expired,
  );
  await form('profile').waitFor();

  const current = new URL(page.url()).searchParams.get('flow');
  await demo.advance(3601);
  await form('profile').getByRole('button', { name: 'Save' }).click();
  await page.waitForURL((url) => url.searchParams.get('flow') && url.searchParams.get('flow') !== current);
  await page.getByText(/The settings flow expired/).waitFor();
});

test('6. a flow id of another identity → a fresh flow', async (t) => {
  if (needsEmulator(t)) return;
  await signedInOnSettings();
  const adaFlow = new URL(page.url()).searchParams.get('flow');
  await context.clearCookies();
  await page.goto(`${demo.app}/settings`);
  await page.waitForURL(/\/login\?/);
  await signIn(page, 'grace@example.com', 'Hopper-1906!');
  await page.waitForURL(/aal=aal2/);
  await page.locator('input[name="totp_code"]').fill(demo.totpCode('JBSWY3DPEHPK3PXP', await demo.clock()));
  await page.getByRole('button', { name: 'Use Authenticator' }).click();
  await page.waitForURL(/\/settings\?flow=/);
  await page.goto(`${demo.app}/settings?flow=${adaFlow}`);
  await page.waitForURL((url) => url.searchParams.get('flow') && url.searchParams.get('flow') !== adaFlow);
  await form('profile').waitFor();
  assert.equal(await form('profile').locator('input[name="traits.email"]').inputValue(), 'grace@example.com');
});

test('7. link an OIDC provider → 422 → the emulator’s provider page → back on settings, linked', async (t) => {
  if (needsEmulator(t)) return;
  await signedInOnSettings();
  await form('oidc').getByRole('button', { name: 'Link Emulated Provider' }).click();
  await page.waitForURL(/\/oidc-provider\/authorize/);
  await page.locator('#continue').click();
  await page.waitForURL(/\/settings\?flow=/);
  await form('oidc').getByRole('button', { name: 'Unlink Emulated Provider' }).waitFor();
});

test('8. TOTP setup with a code from the displayed secret, then unlink; recovery codes regenerate, confirm and reveal', async (t) => {
  if (needsEmulator(t)) return;
  await signedInOnSettings();
  const secret = (await form('totp').locator('[data-kratos-node-id="totp_secret_key"] code').textContent()).trim();
  await form('totp')
    .locator('input[name="totp_code"]')
    .fill(demo.totpCode(secret, await demo.clock()));
  await form('totp').getByRole('button', { name: 'Save' }).click();
  await form('totp').getByRole('button', { name: 'Unlink TOTP Authenticator App' }).click();
  await form('totp').locator('input[name="totp_code"]').waitFor();

  await form('lookup_secret').getByRole('button', { name: 'Generate new backup recovery codes' }).click();
  await form('lookup_secret').getByRole('button', { name: 'Confirm backup recovery codes' }).click();
  const reveal = form('lookup_secret').getByRole('button', { name: 'Reveal backup recovery codes' });
  await reveal.click();
  await reveal.waitFor({ state: 'detached' });
  assert.equal(await form('lookup_secret').locator('.kratos-text__secrets li').count(), 12);
});

test('10. session-token mode in the browser: reads work, the token never reaches another origin, the submit is refused with a typed error', async (t) => {
  if (needsEmulator(t)) return;
  demo.recorded.length = 0;
  await page.goto(`${demo.app}/token`);
  await page.locator('#token-email').fill('ada@example.com');
  await page.locator('#token-password').fill('Lovelace-1815!');
  await page.getByRole('button', { name: 'Get a session token' }).click();
  await page.getByTestId('token-state').waitFor();
  await demo.clearRequests();
  await page.getByRole('button', { name: 'Load settings (native flow)' }).click();
  assert.match(await page.getByTestId('token-flow').textContent(), /api flow for ada@example.com/);
  const kratosRequests = await demo.requests();
  const init = kratosRequests.find((r) => r.path === '/self-service/settings/api');
  assert.equal(init.headers['x-session-token'], '<present>');

  await page.getByRole('button', { name: 'Call another service' }).click();
  await page.getByTestId('token-other').waitFor();
  assert.ok(demo.recorded.length >= 1, 'the other service was called');
  for (const request of demo.recorded) {
    assert.equal(request.headers['x-session-token'], undefined);
    assert.equal(request.headers.authorization, undefined);
  }

  await page.getByRole('button', { name: 'Save (submit the native flow)' }).click();
  const error = await page.getByTestId('token-error').textContent();
  assert.match(
    error,
    /^bad_request: ngx-kratos: Kratos refuses to accept the submit of an api \(native\) flow from a browser/,
  );
});

test('11. a fresh navigation to /settings and a reload with ?flow= each cost exactly one settings request', async (t) => {
  if (needsEmulator(t)) return;
  await signedInOnSettings();
  await demo.clearRequests();
  await page.goto(`${demo.app}/settings`);
  await page.waitForURL(/\/settings\?flow=/);
  await form('profile').waitFor();
  assert.equal(await settingsRequests(), 1);
  await demo.clearRequests();
  await page.reload();
  await form('profile').waitFor();
  assert.equal(await settingsRequests(), 1);
});

test('9. cross-origin mode: the demo talks to Kratos’s own origin with CORS and credentials', async (t) => {
  if (needsEmulator(t)) return;
  const crossOrigin = await startDemo({ crossOrigin: true });
  const crossContext = await crossOrigin.browser.newContext();
  try {
    const crossPage = await crossContext.newPage();
    await crossPage.goto(`${crossOrigin.app}/settings`);
    await crossPage.waitForURL(/\/login\?/);
    await signIn(crossPage, 'ada@example.com', 'Lovelace-1815!');
    await crossPage.waitForURL(/\/settings\?flow=/);
    const profile = crossPage.locator('form[data-kratos-group="profile"]');
    await profile.locator('input[name="traits.name.first"]').fill('Augusta');
    await profile.getByRole('button', { name: 'Save' }).click();
    await crossPage.locator('.kratos-message--success').waitFor();
    const requests = await crossOrigin.requests();
    const posts = requests.filter((r) => r.method === 'POST' && r.path === '/self-service/settings');
    assert.equal(posts.length, 1);
    assert.equal(posts[0].headers.origin, crossOrigin.app, 'the submit came cross-origin');
    assert.match(posts[0].headers['cookie-names'], /ory_kratos_session/);
  } finally {
    await crossContext.close();
    await crossOrigin.close();
  }
});

test('the NgModule variant (KratosModule.forRoot) runs the same path: login, back on settings, a change saved', async () => {
  const moduleDemo = await startDemo({ variant: 'demo-module' });
  const moduleContext = await moduleDemo.browser.newContext();
  try {
    const modulePage = await moduleContext.newPage();
    await modulePage.goto(`${moduleDemo.app}/settings`);
    await modulePage.waitForURL(/\/login\?/);
    await signIn(modulePage, 'ada@example.com', 'Lovelace-1815!');
    await modulePage.waitForURL(/\/settings\?flow=/);
    const password = modulePage.locator('form[data-kratos-group="password"]');
    await password.locator('input[name="password"]').fill('a-brand-new-password');
    await password.getByRole('button', { name: 'Save' }).click();
    await modulePage.locator('.kratos-message--success').waitFor();
  } finally {
    await moduleContext.close();
    await moduleDemo.close();
  }
});
