// Every settings path of the demo in a real browser (Debian's Chromium), on the emulator or on real Kratos
// (`KRATOS_SERVER=real`): the same scenarios, with everything server-specific behind the harness. Numbers follow the
// scenarios of the demo issue. A scenario that needs other lifespans or another setup starts a demo of its own.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { launchChromium, REAL_UNAVAILABLE, SERVER, SERVER_LABEL, signIn, startDemo } from './harness.mjs';

// Set by `npm test` when real Kratos cannot be had here (no Go toolchain, say) and CI does not require it.
const unavailable = REAL_UNAVAILABLE;
const scenario = (name, fn) => test(`${name} [${SERVER_LABEL}]`, { skip: unavailable }, fn);
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let browser;
let demo;
let context;
let page;
before(async () => {
  if (unavailable) return;
  browser = await launchChromium();
  demo = await startDemo({ browser, privilegedMaxAge: 300, flowLifespan: 3600 });
});
after(async () => {
  await demo?.close();
  await browser?.close();
});
// Every scenario leaves a screenshot of where it ended in e2e/screenshots/ (git-ignored).
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

/** A demo of its own for one scenario (other lifespans, cross-origin, the NgModule build), on the shared browser. */
async function ownDemo(options, body) {
  const own = await startDemo({ browser, ...options });
  const ownContext = await browser.newContext();
  try {
    page = await ownContext.newPage();
    await body(own, page);
  } finally {
    await screenshot(); // before its servers stop
    page = undefined;
    await ownContext.close();
    await own.close();
  }
}

const form = (group, on = page) => on.locator(`form[data-kratos-group="${group}"]`);
const flowIdOf = (url) => new URL(url).searchParams.get('flow');

async function signedInOnSettings(on, login, onPage = page) {
  await onPage.goto(`${on.app}/settings`);
  await onPage.waitForURL(/\/login\?/);
  await signIn(onPage, login.email, login.password);
  await onPage.waitForURL(/\/settings\?flow=/);
}

/** The browser's current session (whoami through the page's own cookies). */
async function whoami(on, onPage = page) {
  const answer = await onPage.request.get(`${on.kratosPublic}/sessions/whoami`, {
    headers: { Accept: 'application/json' },
  });
  assert.equal(answer.status(), 200, await answer.text());
  return answer.json();
}

/** A settings flow as the browser may read it. */
async function settingsFlow(on, id, onPage = page) {
  const answer = await onPage.request.get(`${on.kratosPublic}/self-service/settings/flows?id=${id}`, {
    headers: { Accept: 'application/json' },
  });
  assert.equal(answer.status(), 200, await answer.text());
  return answer.json();
}

/** grace: signs in with her password, then steps up with a TOTP code on the AAL2 login, and lands on settings. */
async function graceOnSettings(on, grace) {
  await page.goto(`${on.app}/settings`);
  await page.waitForURL(/\/login\?/);
  await signIn(page, grace.email, grace.password);
  // The AAL2 login: the emulator's guard sends her to /login?aal=aal2; real Kratos answers her password login with a
  // 422 to its own AAL2 login, which comes back to /login?flow=.
  await page.locator('input[name="totp_code"]').fill(await on.totpCode(grace.totpSecret));
  await page.getByRole('button', { name: 'Use Authenticator' }).click();
  await page.waitForURL(/\/settings\?flow=/);
}

scenario('1. signed out → /settings → login → back on /settings with a flow (return_to honoured)', async () => {
  const ada = await demo.identity('ada');
  await page.goto(`${demo.app}/settings`);
  await page.waitForURL(/\/login\?/);
  const returnTo = new URL(page.url()).searchParams.get('return_to');
  assert.equal(returnTo, `${demo.app}/settings?kratos_step=login`);
  await signIn(page, ada.email, ada.password);
  await page.waitForURL(/\/settings\?flow=[0-9a-f-]{36}$/);
  await form('profile').waitFor();
  assert.equal(await form('profile').locator('input[name="traits.email"]').inputValue(), ada.email);
});

scenario(
  '2. a profile change succeeds; an invalid email shows the node’s error and keeps the rest of the form',
  async () => {
    await signedInOnSettings(demo, await demo.identity('ada'));
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
    assert.match(await form('profile').locator('.kratos-message--error').textContent(), /is not valid "email"/);
    assert.equal(await page.locator('.kratos-message--success').count(), 0);
  },
);

scenario(
  '3. password change on a stale privileged session → refresh login → back on the settings page → submit completes',
  async () => {
    // A privileged window of 10 s, waited out on the server's clock (advanced on the emulator, polled on real Kratos).
    await ownDemo({ privilegedMaxAge: 10, flowLifespan: 3600 }, async (own, onPage) => {
      const ada = await own.identity('ada');
      await signedInOnSettings(own, ada, onPage);
      const settingsUrl = onPage.url();
      const session = await whoami(own, onPage);
      await own.passTime(new Date(new Date(session.authenticated_at).getTime() + 10_000));
      await form('password', onPage).locator('input[name="password"]').fill('a-brand-new-password');
      await form('password', onPage).getByRole('button', { name: 'Save' }).click();
      await onPage.waitForURL(/\/login\?/);
      const login = new URL(onPage.url());
      assert.equal(login.searchParams.get('refresh'), 'true');
      assert.equal(login.searchParams.get('return_to'), `${settingsUrl}&kratos_step=refresh`);
      await signIn(onPage, ada.email, ada.password);
      await onPage.waitForURL((url) => url.href === settingsUrl);
      await form('password', onPage).locator('input[name="password"]').fill('a-brand-new-password');
      await form('password', onPage).getByRole('button', { name: 'Save' }).click();
      await onPage.locator('.kratos-message--success').waitFor();
    });
  },
);

scenario('4. grace (TOTP) with an AAL1 session → AAL2 step-up with a code from her secret → settings', async () => {
  await graceOnSettings(demo, await demo.identity('grace'));
  await form('totp').getByRole('button', { name: 'Unlink TOTP Authenticator App' }).waitFor();
});

scenario(
  '5. an expired flow id in the URL → a fresh flow, no error page; a submit on an expired flow continues on use_flow_id',
  async () => {
    // Flows of 10 s, waited out on the server's clock past each flow's own expires_at.
    await ownDemo({ privilegedMaxAge: 3600, flowLifespan: 10 }, async (own, onPage) => {
      await signedInOnSettings(own, await own.identity('ada'), onPage);
      const expired = flowIdOf(onPage.url());
      await own.passTime(new Date((await settingsFlow(own, expired, onPage)).expires_at));
      await onPage.goto(`${own.app}/settings?flow=${expired}`);
      await onPage.waitForURL(
        (url) =>
          url.pathname === '/settings' && url.searchParams.get('flow') && url.searchParams.get('flow') !== expired,
      );
      await form('profile', onPage).waitFor();

      const current = flowIdOf(onPage.url());
      await own.passTime(new Date((await settingsFlow(own, current, onPage)).expires_at));
      await form('profile', onPage).getByRole('button', { name: 'Save' }).click();
      await onPage.waitForURL((url) => url.searchParams.get('flow') && url.searchParams.get('flow') !== current);
      await onPage.getByText(/The settings flow expired/).waitFor();
    });
  },
);

scenario('6. a flow id of another identity → a fresh flow', async () => {
  await signedInOnSettings(demo, await demo.identity('ada'));
  const adaFlow = flowIdOf(page.url());
  await context.clearCookies();
  const grace = await demo.identity('grace');
  await graceOnSettings(demo, grace);
  await page.goto(`${demo.app}/settings?flow=${adaFlow}`);
  await page.waitForURL((url) => url.searchParams.get('flow') && url.searchParams.get('flow') !== adaFlow);
  await form('profile').waitFor();
  assert.equal(await form('profile').locator('input[name="traits.email"]').inputValue(), grace.email);
});

scenario('7. link an OIDC provider → 422 → the provider’s page → back on settings, linked', async () => {
  await signedInOnSettings(demo, await demo.identity('ada'));
  await form('oidc')
    .getByRole('button', { name: `Link ${demo.oidc.label}` })
    .click();
  await page.waitForURL(demo.oidc.page);
  await page.locator('#continue').click();
  await page.waitForURL(/\/settings\?flow=/);
  await form('oidc')
    .getByRole('button', { name: `Unlink ${demo.oidc.label}` })
    .waitFor();
});

scenario(
  '8. TOTP setup with a code from the displayed secret, then unlink; recovery codes regenerate, confirm and reveal',
  async () => {
    await signedInOnSettings(demo, await demo.identity('ada'));
    const secret = (await form('totp').locator('[data-kratos-node-id="totp_secret_key"] code').textContent()).trim();
    await form('totp')
      .locator('input[name="totp_code"]')
      .fill(await demo.totpCode(secret));
    await form('totp').getByRole('button', { name: 'Save' }).click();
    await form('totp').getByRole('button', { name: 'Unlink TOTP Authenticator App' }).click();
    await form('totp').locator('input[name="totp_code"]').waitFor();

    await form('lookup_secret').getByRole('button', { name: 'Generate new backup recovery codes' }).click();
    await form('lookup_secret').getByRole('button', { name: 'Confirm backup recovery codes' }).click();
    const reveal = form('lookup_secret').getByRole('button', { name: 'Reveal backup recovery codes' });
    await reveal.click();
    await reveal.waitFor({ state: 'detached' });
    assert.equal(await form('lookup_secret').locator('.kratos-text__secrets li').count(), 12);
  },
);

scenario(
  '10. session-token mode in the browser: a token from a native login works for reads, never reaches another origin; the api login and the submit are refused with typed errors',
  async () => {
    const ada = await demo.identity('ada');
    demo.recorded.length = 0;
    await page.goto(`${demo.app}/token`);
    // The browser's own api login: Kratos refuses it, since a browser sends Origin with every POST, and the library
    // turns its answer into a typed error that keeps Kratos's reason.
    await page.locator('#token-email').fill(ada.email);
    await page.locator('#token-password').fill(ada.password);
    await page.getByRole('button', { name: 'Get a session token' }).click();
    await page.getByTestId('token-error').waitFor();
    assert.match(
      await page.getByTestId('token-error').textContent(),
      /^Sign-in refused: bad_request: ngx-kratos: an api flow cannot be submitted from a browser\. \(Kratos: .*"Origin" key/,
    );

    // A token from an api login made in Node, as a native client gets one.
    await page.locator('#token-value').fill(await demo.sessionToken(ada));
    await page.getByRole('button', { name: 'Use this token' }).click();
    await page.getByTestId('token-state').waitFor();
    await demo.clearRequests();
    await page.getByRole('button', { name: 'Load settings (native flow)' }).click();
    assert.match(
      await page.getByTestId('token-flow').textContent(),
      new RegExp(`api flow for ${escapeRegExp(ada.email)}`),
    );
    const init = (await demo.requests()).find((r) => r.path === '/self-service/settings/api');
    assert.equal(init.headers['x-session-token'], '<present>');

    await page.getByRole('button', { name: 'Call another service' }).click();
    await page.getByTestId('token-other').waitFor();
    assert.ok(demo.recorded.length >= 1, 'the other service was called');
    for (const request of demo.recorded) {
      assert.equal(request.headers['x-session-token'], undefined);
      assert.equal(request.headers.authorization, undefined);
    }

    await page.getByRole('button', { name: 'Save (submit the native flow)' }).click();
    await page.getByText(/^bad_request: /).waitFor();
    assert.match(
      await page.getByTestId('token-error').textContent(),
      // The production build's message (dev mode explains more; the kind is what code acts on).
      /^bad_request: ngx-kratos: an api flow cannot be submitted from a browser\.$/,
    );
  },
);

scenario(
  '11. a fresh navigation to /settings and a reload with ?flow= each cost exactly one settings request',
  async () => {
    await signedInOnSettings(demo, await demo.identity('ada'));
    const settingsRequests = async () =>
      (await demo.requests()).filter((r) => r.path.startsWith('/self-service/settings')).length;
    await demo.clearRequests();
    await page.goto(`${demo.app}/settings`);
    await page.waitForURL(/\/settings\?flow=/);
    await form('profile').waitFor();
    assert.equal(await settingsRequests(), 1);
    await demo.clearRequests();
    await page.reload();
    await form('profile').waitFor();
    assert.equal(await settingsRequests(), 1);
  },
);

scenario('9. cross-origin mode: the demo talks to Kratos’s own origin with CORS and credentials', async () => {
  await ownDemo({ crossOrigin: true }, async (own, onPage) => {
    await signedInOnSettings(own, await own.identity('ada'), onPage);
    await form('profile', onPage).locator('input[name="traits.name.first"]').fill('Augusta');
    await form('profile', onPage).getByRole('button', { name: 'Save' }).click();
    await onPage.locator('.kratos-message--success').waitFor();
    const posts = (await own.requests()).filter((r) => r.method === 'POST' && r.path === '/self-service/settings');
    assert.equal(posts.length, 1);
    assert.equal(posts[0].headers.origin, own.app, 'the submit came cross-origin');
    assert.match(posts[0].headers['cookie-names'], /ory_kratos_session/);
  });
});

scenario(
  'the NgModule variant (KratosModule.forRoot) runs the same path: login, back on settings, a change saved',
  async () => {
    await ownDemo({ variant: 'demo-module' }, async (own, onPage) => {
      await signedInOnSettings(own, await own.identity('ada'), onPage);
      const password = form('password', onPage);
      await password.locator('input[name="password"]').fill('a-brand-new-password');
      await password.getByRole('button', { name: 'Save' }).click();
      await onPage.locator('.kratos-message--success').waitFor();
    });
  },
);

/** Chromium's virtual authenticator (DevTools Protocol), with resident keys and user verification, always present. */
async function virtualAuthenticator(onPage) {
  const cdp = await onPage.context().newCDPSession(onPage);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return cdp;
}

// WebAuthn needs a host name (browsers refuse an IP address as the relying party's ID): a demo of its own on
// localhost. Kratos's script registers and signs in through navigator.credentials and a native form post.
const webauthnName =
  SERVER === 'real'
    ? '12. a passkey and a security key registered in settings with Chromium’s virtual authenticator, then each used to sign in'
    : '12. a passkey and a security key registered in settings with Chromium’s virtual authenticator: stored, not verified by the emulator (no sign-in with them)';
scenario(webauthnName, async () => {
  await ownDemo({ host: 'localhost' }, async (own, onPage) => {
    await virtualAuthenticator(onPage);
    const ada = await own.identity('ada');
    await signedInOnSettings(own, ada, onPage);

    await form('passkey', onPage).getByRole('button', { name: 'Add passkey' }).click();
    await form('passkey', onPage)
      .getByRole('button', { name: /^Remove passkey/ })
      .waitFor();
    await onPage.locator('.kratos-message--success').waitFor();
    if (SERVER === 'real') {
      // Signed out, then in again with the passkey alone: the login page's passkey button.
      await onPage.context().clearCookies();
      await onPage.goto(`${own.app}/settings`);
      await onPage.waitForURL(/\/login\?/);
      await form('passkey', onPage).getByRole('button', { name: 'Sign in with passkey' }).click();
      await onPage.waitForURL(/\/settings\?flow=/);
      const session = await whoami(own, onPage);
      assert.deepEqual(
        session.authentication_methods.map((m) => m.method),
        ['passkey'],
      );
    }

    await form('webauthn', onPage).locator('input[name="webauthn_register_displayname"]').fill('Laptop key');
    await form('webauthn', onPage).getByRole('button', { name: 'Add security key' }).click();
    await form('webauthn', onPage)
      .getByRole('button', { name: /^Remove security key "Laptop key"/ })
      .waitFor();
    if (SERVER === 'real') {
      // Signed out, then in with the password and, as its second factor, the security key.
      await onPage.context().clearCookies();
      await onPage.goto(`${own.app}/settings`);
      await onPage.waitForURL(/\/login\?/);
      await signIn(onPage, ada.email, ada.password);
      await form('webauthn', onPage)
        .getByRole('button', { name: /security key|hardware key/i })
        .click();
      await onPage.waitForURL(/\/settings\?flow=/);
      const session = await whoami(own, onPage);
      assert.equal(session.authenticator_assurance_level, 'aal2');
      assert.deepEqual(
        session.authentication_methods.map((m) => m.method),
        ['password', 'webauthn'],
      );
    }
  });
});
