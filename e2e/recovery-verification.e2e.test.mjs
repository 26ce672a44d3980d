// The demo's recovery, verification and error pages (<kratos-recovery>, <kratos-verification>, <kratos-flow-error>)
// in a real browser, on the emulator or on real Kratos (`KRATOS_SERVER=real`): codes come from the server's outbox
// (`GET /admin/courier/messages`), as a user reads them in the mail. Both servers run recovery and verification with
// `use: code`; `feature_flags.use_continue_with_transitions` is off (v1.3.1's default: recovery hands over to settings
// with a 422) except where a scenario's name says it is on.
import assert from 'node:assert/strict';
import { signIn } from './harness.mjs';
import { browserSuite } from './suite.mjs';

const s = browserSuite({ label: 'code method', demoOptions: { privilegedMaxAge: 300, flowLifespan: 3600 } });

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const atHome = (on) => new RegExp(`^${escapeRegExp(on.app)}/?$`);
const atPage = (path) => (url) => url.pathname === path && !!url.searchParams.get('flow');
const flowId = (onPage = s.page) => new URL(onPage.url()).searchParams.get('flow');
const continueButton = (root) => root.locator('button[name="method"][value="code"]');
const PASSWORD = 'a-long-and-unusual-passphrase-1815';

/** Registers `email` through the demo's two registration screens; the demo then shows the verification page. */
async function register(on, email, onPage = s.page) {
  await onPage.goto(`${on.app}/registration`);
  await onPage.locator('input[name="traits.email"]').fill(email);
  await onPage.locator('[data-kratos-node-group="profile"]').getByRole('button').click();
  await onPage.locator('input[name="password"]').fill(PASSWORD);
  await onPage.locator('[data-kratos-node-group="password"]').getByRole('button').click();
}

/** Types `code` into the page's code field and submits it. */
async function submitCode(code, onPage = s.page) {
  const field = onPage.locator('input[name="code"]');
  await field.fill(code);
  await continueButton(onPage.locator('form:has(input[name="code"])')).click();
}

/** Recovers `email`'s account on /recovery with the code from its mail, and waits for the settings page. */
async function recover(on, email, onPage = s.page) {
  await onPage.locator('input[name="email"]').fill(email);
  await continueButton(onPage.locator('form:has(input[name="email"])')).click();
  await onPage.locator('input[name="code"]').waitFor();
  await submitCode(await on.lastCode(email, 'recovery_code_valid'), onPage);
  await onPage.waitForURL(atPage('/settings'));
}

s.scenario('V1. register → the verification page → the code from the mail → verified on the home page', async () => {
  const email = s.demo.newEmail('verify');
  await register(s.demo, email);
  // Kratos's show_verification_ui after registration: the demo's verification page, with Kratos's flow.
  await s.page.waitForURL(atPage('/verification'));
  await s.page.locator('input[name="code"]').waitFor();
  await submitCode(await s.demo.lastCode(email, 'verification_code_valid'));
  await s.page.locator('.kratos-message--success').waitFor();
  assert.match(await s.page.locator('.kratos-message--success').textContent(), /successfully verified/);
  await s.page.goto(`${s.demo.app}/`);
  await s.page
    .getByTestId('address')
    .filter({ hasText: `${email}: verified` })
    .waitFor();
});

s.scenario('V2. the mail’s link, opened in another browser, verifies by itself, with one submit', async () => {
  const email = s.demo.newEmail('link');
  await register(s.demo, email);
  await s.page.waitForURL(atPage('/verification'));
  const link = await s.demo.verificationLink(email);
  assert.ok(link.startsWith(s.demo.kratosPublic), `the link points at Kratos: ${link}`);
  const other = await s.browser.newContext();
  try {
    const page = await other.newPage();
    await s.demo.clearRequests();
    await page.goto(link);
    await page.waitForURL(atPage('/verification'));
    await page.locator('.kratos-message--success').waitFor();
    assert.match(await page.locator('.kratos-message--success').textContent(), /successfully verified/);
    const submits = (await s.demo.requests()).filter(
      (r) => r.method === 'POST' && r.path === '/self-service/verification',
    );
    assert.equal(submits.length, 1, 'the pre-filled code was submitted once');
  } finally {
    await other.close();
  }
  await s.page.goto(`${s.demo.app}/`);
  await s.page
    .getByTestId('address')
    .filter({ hasText: `${email}: verified` })
    .waitFor();
});

s.scenario(
  'V3. recovery by code (ada, AAL1) → settings, privileged → a new password without a second login → sign out → sign in with it',
  async () => {
    const ada = await s.demo.identity('ada');
    await s.page.goto(`${s.demo.app}/login`);
    await s.page.locator('[data-kratos-link="recovery"]').click();
    await s.page.waitForURL(atPage('/recovery'));
    await s.page.evaluate(() => (window.__sameDocument = true));
    await recover(s.demo, ada.email);
    assert.equal(await s.page.evaluate(() => window.__sameDocument), true, 'settings reached in the app, no page load');
    const password = s.page.locator('form[data-kratos-group="password"]');
    await password.locator('input[name="password"]').fill('a-new-password-after-recovery-1');
    await password.getByRole('button').click();
    await s.page.locator('.kratos-message--success').waitFor();
    assert.doesNotMatch(s.page.url(), /\/login/, 'no refresh login was asked for');
    await s.page.getByRole('button', { name: 'Sign out' }).click();
    await s.page.waitForURL(atHome(s.demo));
    await s.page.getByTestId('who').filter({ hasText: 'signed out' }).waitFor();
    await s.page.goto(`${s.demo.app}/login`);
    await signIn(s.page, ada.email, 'a-new-password-after-recovery-1');
    await s.page.waitForURL(atHome(s.demo));
    await s.page.getByTestId('who').filter({ hasText: ada.email }).waitFor();
  },
);

s.scenario(
  'V3b. recovery with use_continue_with_transitions on: continue_with’s show_settings_ui → settings',
  async () => {
    await s.ownDemo({ continueWithTransitions: true }, async (own, page) => {
      const ada = await own.identity('ada');
      await page.goto(`${own.app}/recovery`);
      await recover(own, ada.email, page);
      await page.locator('form[data-kratos-group="password"] input[name="password"]').waitFor();
    });
  },
);

s.scenario(
  'V4. a wrong recovery code shows Kratos’s message beside the code field; the right one then works',
  async () => {
    const ada = await s.demo.identity('ada');
    await s.page.goto(`${s.demo.app}/recovery`);
    await s.page.locator('input[name="email"]').fill(ada.email);
    await continueButton(s.page.locator('form:has(input[name="email"])')).click();
    await s.page.locator('input[name="code"]').waitFor();
    const first = flowId();
    await submitCode('000000');
    const error = s.page.locator('form:has(input[name="code"])').locator('.kratos-message--error');
    await error.waitFor();
    assert.match(await error.textContent(), /recovery code is invalid or has already been used/);
    assert.equal(flowId(), first, 'the same flow');
    await submitCode(await s.demo.lastCode(ada.email, 'recovery_code_valid'));
    await s.page.waitForURL(atPage('/settings'));
  },
);

s.scenario('V5. six wrong codes → a new recovery flow, no error page', async () => {
  const ada = await s.demo.identity('ada');
  await s.page.goto(`${s.demo.app}/recovery`);
  await s.page.locator('input[name="email"]').fill(ada.email);
  await continueButton(s.page.locator('form:has(input[name="email"])')).click();
  await s.page.locator('input[name="code"]').waitFor();
  const first = flowId();
  for (let attempt = 1; attempt <= 6; attempt++) {
    await submitCode(String(100000 + attempt));
    await s.page.locator('.kratos-message--error, .kratos-message--info').first().waitFor();
    if (flowId() !== first) break;
  }
  await s.page.waitForURL((url) => url.pathname === '/recovery' && url.searchParams.get('flow') !== first);
  assert.doesNotMatch(s.page.url(), /\/error/);
  assert.match(await s.page.locator('.kratos-recovery').textContent(), /submitted too often/);
  await s.page.locator('input[name="email"]').waitFor();
});

s.scenario('V6. an email change in settings → the verification page → verified', async () => {
  const ada = await s.demo.identity('ada');
  await s.page.goto(`${s.demo.app}/settings`);
  await s.page.waitForURL(/\/login\?/);
  await signIn(s.page, ada.email, ada.password);
  await s.page.waitForURL(atPage('/settings'));
  const email = s.demo.newEmail('changed');
  const profile = s.page.locator('form[data-kratos-group="profile"]');
  await profile.locator('input[name="traits.email"]').fill(email);
  await profile.getByRole('button', { name: 'Save' }).click();
  await s.page.waitForURL(atPage('/verification'));
  await submitCode(await s.demo.lastCode(email, 'verification_code_valid'));
  await s.page.locator('.kratos-message--success').waitFor();
  await s.page.goto(`${s.demo.app}/`);
  await s.page
    .getByTestId('address')
    .filter({ hasText: `${email}: verified` })
    .waitFor();
});

s.scenario('V7. the error page: Kratos’s error for ?id=, and a readable page for an unknown id', async () => {
  await s.page.goto(`${s.demo.app}/error?id=stub:500`);
  await s.page.locator('.kratos-flow-error').waitFor();
  assert.match(await s.page.locator('.kratos-flow-error').textContent(), /stub error/i);
  await s.page.goto(`${s.demo.app}/error?id=00000000-0000-4000-8000-000000000000`);
  await s.page.locator('.kratos-flow-error').waitFor();
  const text = (await s.page.locator('.kratos-flow-error').textContent()).trim();
  assert.ok(text.length > 20, `a readable message: ${text}`);
});
