// Every settings path of the demo in a real browser (Debian's Chromium), on the emulator or on real Kratos
// (`KRATOS_SERVER=real`): the same scenarios, with everything server-specific behind the harness. Numbers follow the
// scenarios of the demo issue. A scenario that needs other lifespans or another setup starts a demo of its own.
import assert from 'node:assert/strict';
import { SERVER, signIn } from './harness.mjs';
import { browserSuite } from './suite.mjs';

const s = browserSuite({ demoOptions: { privilegedMaxAge: 300, flowLifespan: 3600 } });
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const form = (group, on = s.page) => on.locator(`form[data-kratos-group="${group}"]`);
const flowIdOf = (url) => new URL(url).searchParams.get('flow');

async function signedInOnSettings(on, login, onPage = s.page) {
  await onPage.goto(`${on.app}/settings`);
  await onPage.waitForURL(/\/login\?/);
  await signIn(onPage, login.email, login.password);
  await onPage.waitForURL(/\/settings\?flow=/);
}

/** The browser's current session (whoami through the page's own cookies). */
async function whoami(on, onPage = s.page) {
  const answer = await onPage.request.get(`${on.kratosPublic}/sessions/whoami`, {
    headers: { Accept: 'application/json' },
  });
  assert.equal(answer.status(), 200, await answer.text());
  return answer.json();
}

/** A settings flow as the browser may read it. */
async function settingsFlow(on, id, onPage = s.page) {
  const answer = await onPage.request.get(`${on.kratosPublic}/self-service/settings/flows?id=${id}`, {
    headers: { Accept: 'application/json' },
  });
  assert.equal(answer.status(), 200, await answer.text());
  return answer.json();
}

/** grace: signs in with her password, then steps up with a TOTP code on the AAL2 login, and lands on settings. */
async function graceOnSettings(on, grace) {
  await s.page.goto(`${on.app}/settings`);
  await s.page.waitForURL(/\/login\?/);
  await signIn(s.page, grace.email, grace.password);
  // The AAL2 login: the emulator's guard sends her to /login?aal=aal2; real Kratos answers her password login with a
  // 422 to its own AAL2 login, which comes back to /login?flow=.
  await s.page.locator('input[name="totp_code"]').fill(await on.totpCode(grace.totpSecret));
  await s.page.getByRole('button', { name: 'Use Authenticator' }).click();
  await s.page.waitForURL(/\/settings\?flow=/);
}

s.scenario('1. signed out → /settings → login → back on /settings with a flow (return_to honoured)', async () => {
  const ada = await s.demo.identity('ada');
  await s.page.goto(`${s.demo.app}/settings`);
  await s.page.waitForURL(/\/login\?/);
  const returnTo = new URL(s.page.url()).searchParams.get('return_to');
  assert.equal(returnTo, `${s.demo.app}/settings?kratos_step=login`);
  await signIn(s.page, ada.email, ada.password);
  await s.page.waitForURL(/\/settings\?flow=[0-9a-f-]{36}$/);
  await form('profile').waitFor();
  assert.equal(await form('profile').locator('input[name="traits.email"]').inputValue(), ada.email);
});

s.scenario(
  '2. a profile change succeeds; an invalid email shows the node’s error and keeps the rest of the form',
  async () => {
    await signedInOnSettings(s.demo, await s.demo.identity('ada'));
    await form('profile').locator('input[name="traits.name.first"]').fill('Augusta');
    await form('profile').getByRole('button', { name: 'Save' }).click();
    await s.page.locator('.kratos-message--success').waitFor();
    await form('profile').locator('input[name="traits.email"]').fill('not-an-email');
    await form('profile').getByRole('button', { name: 'Save' }).click();
    const email = form('profile').locator('input[name="traits.email"]');
    await s.page.locator('[aria-invalid="true"]').waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await email.inputValue(), 'not-an-email');
    assert.equal(await form('profile').locator('input[name="traits.name.first"]').inputValue(), 'Augusta');
    assert.match(await form('profile').locator('.kratos-message--error').textContent(), /is not valid "email"/);
    assert.equal(await s.page.locator('.kratos-message--success').count(), 0);
  },
);

s.scenario(
  '3. password change on a stale privileged session → refresh login → back on the settings page → submit completes',
  async () => {
    // A privileged window of 10 s, waited out on the server's clock (advanced on the emulator, polled on real Kratos).
    await s.ownDemo({ privilegedMaxAge: 10, flowLifespan: 3600 }, async (own, onPage) => {
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

s.scenario('4. grace (TOTP) with an AAL1 session → AAL2 step-up with a code from her secret → settings', async () => {
  await graceOnSettings(s.demo, await s.demo.identity('grace'));
  await form('totp').getByRole('button', { name: 'Unlink TOTP Authenticator App' }).waitFor();
});

s.scenario(
  '5. an expired flow id in the URL → a fresh flow, no error page; a submit on an expired flow continues on use_flow_id',
  async () => {
    // Flows of 10 s, waited out on the server's clock past each flow's own expires_at.
    await s.ownDemo({ privilegedMaxAge: 3600, flowLifespan: 10 }, async (own, onPage) => {
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

s.scenario('6. a flow id of another identity → a fresh flow', async () => {
  await signedInOnSettings(s.demo, await s.demo.identity('ada'));
  const adaFlow = flowIdOf(s.page.url());
  await s.context.clearCookies();
  const grace = await s.demo.identity('grace');
  await graceOnSettings(s.demo, grace);
  await s.page.goto(`${s.demo.app}/settings?flow=${adaFlow}`);
  await s.page.waitForURL((url) => url.searchParams.get('flow') && url.searchParams.get('flow') !== adaFlow);
  await form('profile').waitFor();
  assert.equal(await form('profile').locator('input[name="traits.email"]').inputValue(), grace.email);
});

s.scenario('7. link an OIDC provider → 422 → the provider’s page → back on settings, linked', async () => {
  await signedInOnSettings(s.demo, await s.demo.identity('ada'));
  await form('oidc')
    .getByRole('button', { name: `Link ${s.demo.oidc.label}` })
    .click();
  await s.page.waitForURL(s.demo.oidc.page);
  await s.page.locator('#continue').click();
  await s.page.waitForURL(/\/settings\?flow=/);
  await form('oidc')
    .getByRole('button', { name: `Unlink ${s.demo.oidc.label}` })
    .waitFor();
});

s.scenario(
  '8. TOTP setup with a code from the displayed secret, then unlink; recovery codes regenerate, confirm and reveal',
  async () => {
    await signedInOnSettings(s.demo, await s.demo.identity('ada'));
    const secret = (await form('totp').locator('[data-kratos-node-id="totp_secret_key"] code').textContent()).trim();
    await form('totp')
      .locator('input[name="totp_code"]')
      .fill(await s.demo.totpCode(secret));
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

s.scenario(
  '10. session-token mode in the browser: a token from a native login works for reads, never reaches another origin; the api login and the submit are refused with typed errors',
  async () => {
    const ada = await s.demo.identity('ada');
    s.demo.recorded.length = 0;
    await s.page.goto(`${s.demo.app}/token`);
    // The browser's own api login: Kratos refuses it, since a browser sends Origin with every POST, and the library
    // turns its answer into a typed error that keeps Kratos's reason.
    await s.page.locator('#token-email').fill(ada.email);
    await s.page.locator('#token-password').fill(ada.password);
    await s.page.getByRole('button', { name: 'Get a session token' }).click();
    await s.page.getByTestId('token-error').waitFor();
    assert.match(
      await s.page.getByTestId('token-error').textContent(),
      /^Sign-in refused: bad_request: ngx-kratos: an api flow cannot be submitted from a browser\. \(Kratos: .*"Origin" key/,
    );

    // A token from an api login made in Node, as a native client gets one.
    await s.page.locator('#token-value').fill(await s.demo.sessionToken(ada));
    await s.page.getByRole('button', { name: 'Use this token' }).click();
    await s.page.getByTestId('token-state').waitFor();
    await s.demo.clearRequests();
    await s.page.getByRole('button', { name: 'Load settings (native flow)' }).click();
    assert.match(
      await s.page.getByTestId('token-flow').textContent(),
      new RegExp(`api flow for ${escapeRegExp(ada.email)}`),
    );
    const init = (await s.demo.requests()).find((r) => r.path === '/self-service/settings/api');
    assert.equal(init.headers['x-session-token'], '<present>');

    await s.page.getByRole('button', { name: 'Call another service' }).click();
    await s.page.getByTestId('token-other').waitFor();
    assert.ok(s.demo.recorded.length >= 1, 'the other service was called');
    for (const request of s.demo.recorded) {
      assert.equal(request.headers['x-session-token'], undefined);
      assert.equal(request.headers.authorization, undefined);
    }

    await s.page.getByRole('button', { name: 'Save (submit the native flow)' }).click();
    await s.page.getByText(/^bad_request: /).waitFor();
    assert.match(
      await s.page.getByTestId('token-error').textContent(),
      // The production build's message (dev mode explains more; the kind is what code acts on).
      /^bad_request: ngx-kratos: an api flow cannot be submitted from a browser\.$/,
    );
  },
);

s.scenario(
  '11. a fresh navigation to /settings and a reload with ?flow= each cost exactly one settings request',
  async () => {
    await signedInOnSettings(s.demo, await s.demo.identity('ada'));
    const settingsRequests = async () =>
      (await s.demo.requests()).filter((r) => r.path.startsWith('/self-service/settings')).length;
    await s.demo.clearRequests();
    await s.page.goto(`${s.demo.app}/settings`);
    await s.page.waitForURL(/\/settings\?flow=/);
    await form('profile').waitFor();
    assert.equal(await settingsRequests(), 1);
    await s.demo.clearRequests();
    await s.page.reload();
    await form('profile').waitFor();
    assert.equal(await settingsRequests(), 1);
  },
);

s.scenario('9. cross-origin mode: the demo talks to Kratos’s own origin with CORS and credentials', async () => {
  await s.ownDemo({ crossOrigin: true }, async (own, onPage) => {
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

s.scenario(
  'the NgModule variant (KratosModule.forRoot) runs the same path: login, back on settings, a change saved',
  async () => {
    await s.ownDemo({ variant: 'demo-module' }, async (own, onPage) => {
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
s.scenario(webauthnName, async () => {
  await s.ownDemo({ host: 'localhost' }, async (own, onPage) => {
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
