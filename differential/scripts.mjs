// The request scripts of the differential suite: each a short sequence of requests, run once on the emulator and
// once on real Kratos, whose recorded exchanges are compared step by step. Set-up (logins, tokens) goes through `s`
// and is not compared; every request made with a script's own clients is. Rows refer to the protocol tables
// (docs/kratos-protocol.md §2.1–2.6).
import { AJAX, csrfOf, JSON_BODY, NAVIGATION, nodeOf } from './client.mjs';

const FORM = { Accept: NAVIGATION.Accept, 'Content-Type': 'application/x-www-form-urlencoded' };
const ANY_UUID = '00000000-0000-4000-8000-000000000000';
export const SCRIPTS = [];
/**
 * The configuration of scripts that wait for flows, sessions' privileges or codes to expire: lifespans short enough to
 * be waited out on real Kratos (flows and the privileged window 4 s, recovery and verification codes 1 s).
 */
export const SHORT = { flowLifespan: 4, privilegedMaxAge: 4, codeLifespan: 1 };
/** A script; `config` (optional) runs it on a pair of servers of its own, configured so. */
const script = (name, run, config) => SCRIPTS.push({ name, run, config });

/**
 * A signed-in browser (AJAX login) with a settings flow created by JSON init: `{ browser, flow, login }`. `who` is a
 * seed's name, or a login already made (to use one identity twice: on the emulator every `ada` is the same one).
 */
async function browserFlow(s, who = 'ada') {
  const login = typeof who === 'string' ? await s.identity(who) : who;
  const browser = await s.signedIn(login);
  if (login.totpSecret) await s.stepUp(browser, login);
  const flow = (await browser.get('/self-service/settings/browser', AJAX, { record: false })).json;
  return { browser, flow, login };
}

/** A session token and an api settings flow: `{ native, token, flow, login }`; `who` as for browserFlow. */
async function apiFlow(s, who = 'ada') {
  const login = typeof who === 'string' ? await s.identity(who) : who;
  const token = await s.token(login);
  const native = s.client();
  const flow = (
    await native.get('/self-service/settings/api', { ...AJAX, 'X-Session-Token': token }, { record: false })
  ).json;
  return { native, token, flow, login };
}

const submit = (browser, flow, body, headers = JSON_BODY) =>
  browser.post(`/self-service/settings?flow=${flow.id}`, { csrf_token: csrfOf(flow), ...body }, headers);
const submitApi = (native, token, flow, body) =>
  native.post(`/self-service/settings?flow=${flow.id}`, body, { ...JSON_BODY, 'X-Session-Token': token });

// ---- §2.1 GET /self-service/settings/browser ---------------------------------------------------------------------

script('2.1 row 1: no session, navigation → 303 to the login init, return_to carried over', async (s) => {
  const browser = s.client();
  await browser.get('/self-service/settings/browser', NAVIGATION);
  await browser.get(`/self-service/settings/browser?return_to=${encodeURIComponent(`${s.app}/after`)}`, NAVIGATION);
});

script('2.1 row 1: no session, JSON → 401 session_inactive', async (s) => {
  await s.client().get('/self-service/settings/browser');
});

script('2.1 row 2: AAL1 session of a TOTP identity → 303 (navigation) / 403 (JSON) to the AAL2 login', async (s) => {
  const browser = await s.signedIn(await s.identity('grace'));
  await browser.get('/self-service/settings/browser', NAVIGATION);
  await browser.get(`/self-service/settings/browser?return_to=${encodeURIComponent(`${s.app}/after`)}`, NAVIGATION);
  await browser.get('/self-service/settings/browser');
});

script('2.1 row 3: return_to not allowed / unparsable → 400 (JSON), 303 to the error UI (navigation)', async (s) => {
  const browser = await s.signedIn(await s.identity('ada'));
  await browser.get('/self-service/settings/browser?return_to=https%3A%2F%2Fevil.example%2F');
  await browser.get('/self-service/settings/browser?return_to=%25zz');
  await browser.get('/self-service/settings/browser?return_to=https%3A%2F%2Fevil.example%2F', NAVIGATION);
});

script('2.1 row 4: success → 303 to the settings UI with a CSRF cookie (navigation), 200 flow (JSON)', async (s) => {
  const browser = await s.signedIn(await s.identity('ada'));
  browser.cookies.delete([...browser.cookies.keys()].find((name) => name.startsWith('csrf_token_')));
  await browser.get('/self-service/settings/browser', NAVIGATION);
  await browser.get('/self-service/settings/browser');
  await browser.get(`/self-service/settings/browser?return_to=${encodeURIComponent(`${s.app}/after`)}`);
});

// ---- §2.2 GET /self-service/settings/api ---------------------------------------------------------------------------

script(
  '2.2: no session → 401; AAL too low → 403; return_to forbidden → 400; success → 200 without cookies',
  async (s) => {
    const native = s.client();
    await native.get('/self-service/settings/api');
    await native.get('/self-service/settings/api', { ...AJAX, 'X-Session-Token': 'ory_st_not-a-token' });
    const grace = await s.token(await s.identity('grace'));
    await native.get('/self-service/settings/api', { ...AJAX, 'X-Session-Token': grace });
    const ada = await s.token(await s.identity('ada'));
    await native.get('/self-service/settings/api?return_to=https%3A%2F%2Fevil.example%2F', {
      ...AJAX,
      'X-Session-Token': ada,
    });
    await native.get('/self-service/settings/api', { ...AJAX, 'X-Session-Token': ada });
    await native.get('/self-service/settings/api', { ...AJAX, Authorization: `Bearer ${ada}` });
  },
);

// ---- §2.3 GET /self-service/settings/flows -------------------------------------------------------------------------

script('2.3 row 1: no session → 401 without id (JSON), 302 to the login UI (navigation)', async (s) => {
  const { flow } = await browserFlow(s);
  const stranger = s.client();
  await stranger.get(`/self-service/settings/flows?id=${flow.id}`);
  await stranger.get(`/self-service/settings/flows?id=${flow.id}`, NAVIGATION);
});

script('2.3 row 2: an unknown or malformed id → 404', async (s) => {
  const { browser } = await browserFlow(s);
  await browser.get(`/self-service/settings/flows?id=${ANY_UUID}`);
  await browser.get('/self-service/settings/flows?id=not-a-uuid');
  await browser.get('/self-service/settings/flows');
});

script('2.3 row 3: the flow of another identity → 403 security_identity_mismatch', async (s) => {
  const { flow } = await browserFlow(s, 'ada');
  const { browser: other } = await browserFlow(s, 'grace');
  await other.get(`/self-service/settings/flows?id=${flow.id}`);
});

script('2.3 row 4: an AAL1 session reading its flow after a second factor was added → 403 AAL2', async (s) => {
  const { browser, flow, login } = await browserFlow(s, 'ada');
  await s.enrolTotp(login);
  await browser.get(`/self-service/settings/flows?id=${flow.id}`);
});

script(
  '2.3 rows 5, 6; 2.4 row 5: expired flows (browser and api) → 410s; a POST gets use_flow_id',
  async (s) => {
    const browser = await browserFlow(s);
    const native = await apiFlow(s, browser.login);
    const second = (await browser.browser.get('/self-service/settings/browser', AJAX, { record: false })).json;
    const navigation = (await browser.browser.get('/self-service/settings/browser', AJAX, { record: false })).json;
    await s.passTime(new Date(native.flow.expires_at));
    await browser.browser.get(`/self-service/settings/flows?id=${browser.flow.id}`);
    await native.native.get(`/self-service/settings/flows?id=${native.flow.id}`, {
      ...AJAX,
      'X-Session-Token': native.token,
    });
    await submit(browser.browser, second, { method: 'profile', traits: { email: browser.login.email } });
    await submit(
      browser.browser,
      navigation,
      { method: 'profile', 'traits.email': browser.login.email, csrf_token: csrfOf(navigation) },
      FORM,
    );
    await submitApi(native.native, native.token, native.flow, {
      method: 'profile',
      traits: { email: native.login.email },
    });
  },
  SHORT,
);

script('2.3 row 6: a flow in state success is still readable', async (s) => {
  const { browser, flow, login } = await browserFlow(s);
  await submit(browser, flow, { method: 'profile', traits: { email: login.email, name: { first: 'A', last: 'L' } } });
  await browser.get(`/self-service/settings/flows?id=${flow.id}`);
});

// ---- §2.4 POST /self-service/settings ------------------------------------------------------------------------------

script('2.4 row 1: no session → 401 (JSON), 302 to the login UI (form post)', async (s) => {
  const { flow } = await browserFlow(s);
  const stranger = s.client();
  await submit(stranger, flow, { method: 'password', password: 'a-new-password-1' });
  await submit(stranger, flow, { method: 'password', password: 'a-new-password-1' }, FORM);
});

script(
  '2.4 rows 2, 3: flow missing, malformed or unknown → 400 / 404 (JSON), 303 to the error UI (form)',
  async (s) => {
    const { browser, flow } = await browserFlow(s);
    const body = { method: 'password', password: 'a-new-password-1', csrf_token: csrfOf(flow) };
    await browser.post('/self-service/settings', body);
    await browser.post('/self-service/settings?flow=not-a-uuid', body);
    await browser.post(`/self-service/settings?flow=${ANY_UUID}`, body);
    await browser.post(`/self-service/settings?flow=${ANY_UUID}`, body, FORM);
  },
);

script('2.4 row 4: an AAL1 session submitting after a second factor was added → 403 AAL2', async (s) => {
  const { browser, flow, login } = await browserFlow(s, 'ada');
  await s.enrolTotp(login);
  await submit(browser, flow, { method: 'password', password: 'a-new-password-1' });
  await submit(browser, flow, { method: 'password', password: 'a-new-password-1' }, FORM);
});

script('2.4 row 6: the flow of another identity → 403 security_identity_mismatch', async (s) => {
  const { flow } = await browserFlow(s, 'ada');
  const { browser: other, flow: own } = await browserFlow(s, 'grace');
  await other.post(`/self-service/settings?flow=${flow.id}`, {
    method: 'password',
    password: 'a-new-password-1',
    csrf_token: csrfOf(own),
  });
});

script('2.4 row 7: a missing or wrong CSRF token, or no CSRF cookie → 403 security_csrf_violation', async (s) => {
  const { browser, flow } = await browserFlow(s);
  await browser.post(`/self-service/settings?flow=${flow.id}`, { method: 'password', password: 'a-new-password-1' });
  await submit(browser, flow, { method: 'password', password: 'a-new-password-1', csrf_token: 'wrong' });
  await submit(browser, flow, { method: 'password', password: 'a-new-password-1', csrf_token: 'wrong' }, FORM);
  const session = browser.cookies.get('ory_kratos_session');
  browser.cookies.clear();
  browser.cookies.set('ory_kratos_session', session);
  await submit(browser, flow, { method: 'password', password: 'a-new-password-1' });
});

script(
  '2.4 row 8: a change after the privileged window → 403 session_refresh_required (JSON and api)',
  async (s) => {
    const login = await s.identity('ada');
    const browser = await s.signedIn(login);
    const token = await s.token(login);
    const session = (await browser.get('/sessions/whoami', AJAX, { record: false })).json;
    await s.passTime(new Date(Date.parse(session.authenticated_at) + s.privilegedMaxAge * 1000));
    const flow = (await browser.get('/self-service/settings/browser', AJAX, { record: false })).json;
    await submit(browser, flow, { method: 'password', password: 'a-new-password-1' });
    await submit(browser, flow, { method: 'profile', traits: { email: login.email, name: { first: 'Changed' } } });
    const native = s.client();
    const apiFlowBody = (
      await native.get('/self-service/settings/api', { ...AJAX, 'X-Session-Token': token }, { record: false })
    ).json;
    await submitApi(native, token, apiFlowBody, { method: 'password', password: 'a-new-password-1' });
  },
  SHORT,
);

script('2.4 row 9: linking an OIDC provider → 422 browser_location_change_required', async (s) => {
  const { browser, flow } = await browserFlow(s);
  await browser.post(`/self-service/settings?flow=${flow.id}`, { method: 'oidc', link: 'emulated' });
});

script('2.4 row 10: validation → 400 with the flow and node messages; no strategy → 400', async (s) => {
  const { browser, flow, login } = await browserFlow(s);
  await submit(browser, flow, { method: 'password', password: 'short' });
  await submit(browser, flow, { method: 'profile', traits: { email: 'not-an-email' } });
  await submit(browser, flow, { method: 'profile', traits: {} });
  await submit(browser, flow, { method: 'nothing-of-the-kind' });
  await submit(browser, flow, { method: 'password', password: login.password });
});

script('2.4 row 10 after a success: the state stays success', async (s) => {
  const { browser, flow, login } = await browserFlow(s);
  await submit(browser, flow, { method: 'profile', traits: { email: login.email, name: { first: 'A', last: 'B' } } });
  await submit(browser, flow, { method: 'profile', traits: { email: 'nope' } });
});

script('2.4 row 11: recovery codes regenerate, confirm, reveal, disable → 200', async (s) => {
  const { browser, flow } = await browserFlow(s);
  const generated = await submit(browser, flow, { method: 'lookup_secret', lookup_secret_regenerate: true });
  const confirmed = await submit(browser, generated.json, { method: 'lookup_secret', lookup_secret_confirm: true });
  await submit(browser, confirmed.json, { method: 'lookup_secret', lookup_secret_reveal: true });
});

script(
  '2.4: the GET form of the submit with nothing parked; revealing recovery codes before there are any',
  async (s) => {
    const { browser, flow } = await browserFlow(s);
    await browser.get(`/self-service/settings?flow=${flow.id}`);
    await submit(browser, flow, { method: 'lookup_secret', lookup_secret_reveal: true });
  },
);

script(
  '2.4 row 12: a method switched off → 404, before the CSRF token; its nodes are not offered',
  async (s) => {
    const { browser, flow } = await browserFlow(s);
    await browser.get(`/self-service/settings/flows?id=${flow.id}`);
    await submit(browser, flow, { method: 'lookup_secret', lookup_secret_regenerate: true });
    await submit(browser, flow, { method: 'lookup_secret', lookup_secret_regenerate: true, csrf_token: 'wrong' });
    await submit(browser, flow, { method: 'lookup_secret', lookup_secret_regenerate: true }, FORM);
  },
  { disabledMethods: ['lookup_secret'] },
);

script('2.4 row 13: success as JSON (browser and api) and as a form post (303)', async (s) => {
  // One identity for both (on the emulator every `ada` is the same one), its api flow first, before its password
  // changes.
  const native = await apiFlow(s);
  const { browser, flow, login } = await browserFlow(s, native.login);
  await submitApi(native.native, native.token, native.flow, { method: 'password', password: 'a-new-password-3' });
  await submit(browser, flow, { method: 'password', password: 'a-new-password-1' });
  await submit(browser, flow, { method: 'profile', traits: { email: login.email, name: { first: 'A', last: 'B' } } });
  const navigation = (await browser.get('/self-service/settings/browser', AJAX, { record: false })).json;
  await submit(browser, navigation, { method: 'password', password: 'a-new-password-2' }, FORM);
});

script('2.4: TOTP: a wrong code → 400, the code of the shown secret → 200, then unlink', async (s) => {
  const { browser, flow } = await browserFlow(s);
  await submit(browser, flow, { method: 'totp', totp_code: '000000' });
  const secret = nodeOf(flow, 'totp_secret_key').attributes.text.context.secret;
  const linked = await submit(browser, flow, { method: 'totp', totp_code: await s.totpCode(secret) });
  await submit(browser, linked.json, { method: 'totp', totp_unlink: true });
});

script('2.4: an email change → success with show_verification_ui', async (s) => {
  const { browser, flow, login } = await browserFlow(s);
  await submit(browser, flow, { method: 'profile', traits: { email: login.email.replace('@', '-new@') } });
});

// ---- §2.5 GET /sessions/whoami -----------------------------------------------------------------------------------

script('2.5: whoami without a session → 401 without id; AAL too low → 403; signed in → 200', async (s) => {
  await s.client().get('/sessions/whoami');
  await s.client().get('/sessions/whoami', { ...AJAX, 'X-Session-Token': 'ory_st_not-a-token' });
  const grace = await s.identity('grace');
  const aal1 = await s.signedIn(grace);
  await aal1.get('/sessions/whoami');
  await s.stepUp(aal1, grace);
  await aal1.get('/sessions/whoami');
  const ada = await s.signedIn(await s.identity('ada'));
  await ada.get('/sessions/whoami');
  await s.client().get('/sessions/whoami', { ...AJAX, 'X-Session-Token': await s.token(await s.identity('ada')) });
});

// ---- login -----------------------------------------------------------------------------------------------------

script(
  'login: browser flow as JSON, a wrong password → 400, the right one → 200 with the session cookie',
  async (s) => {
    const login = await s.identity('ada');
    const browser = s.client();
    const flow = (await browser.get('/self-service/login/browser')).json;
    await browser.get(`/self-service/login/flows?id=${flow.id}`);
    await browser.post(`/self-service/login?flow=${flow.id}`, {
      method: 'password',
      identifier: login.email,
      password: 'wrong-password',
      csrf_token: csrfOf(flow),
    });
    await browser.post(`/self-service/login?flow=${flow.id}`, {
      method: 'password',
      identifier: login.email,
      password: login.password,
      csrf_token: csrfOf(flow),
    });
    await browser.get('/self-service/login/browser');
    await browser.get('/self-service/login/browser', NAVIGATION);
  },
);

script('login: browser flow by navigation: 303 to the UI, the form post 303 to return_to', async (s) => {
  const login = await s.identity('ada');
  const browser = s.client();
  const init = await browser.get(
    `/self-service/login/browser?return_to=${encodeURIComponent(`${s.app}/after`)}`,
    NAVIGATION,
  );
  const id = new URL(init.location, s.publicUrl).searchParams.get('flow');
  const flow = (await browser.get(`/self-service/login/flows?id=${id}`, AJAX, { record: false })).json;
  await browser.post(
    `/self-service/login?flow=${id}`,
    { method: 'password', identifier: login.email, password: login.password, csrf_token: csrfOf(flow) },
    FORM,
  );
  await browser.get(`/self-service/login/flows?id=${id}`);
});

script('login: api flow → a session token; an unknown flow → 404; a malformed one → 400', async (s) => {
  const login = await s.identity('ada');
  const native = s.client();
  const flow = (await native.get('/self-service/login/api')).json;
  await native.post(`/self-service/login?flow=${flow.id}`, {
    method: 'password',
    identifier: login.email,
    password: login.password,
  });
  await native.post(`/self-service/login?flow=${ANY_UUID}`, { method: 'password' });
  await native.post('/self-service/login?flow=nope', { method: 'password' });
  await native.get(`/self-service/login/flows?id=${ANY_UUID}`);
});

script('login: a TOTP identity → her second factor (AAL2 login with the code)', async (s) => {
  const grace = await s.identity('grace');
  const browser = s.client();
  const flow = (await browser.get('/self-service/login/browser')).json;
  await browser.post(`/self-service/login?flow=${flow.id}`, {
    method: 'password',
    identifier: grace.email,
    password: grace.password,
    csrf_token: csrfOf(flow),
  });
  const step = (await browser.get('/self-service/login/browser?aal=aal2')).json;
  await browser.post(`/self-service/login?flow=${step.id}`, {
    method: 'totp',
    totp_code: '000000',
    csrf_token: csrfOf(step),
  });
  await browser.post(`/self-service/login?flow=${step.id}`, {
    method: 'totp',
    totp_code: await s.totpCode(grace.totpSecret),
    csrf_token: csrfOf(step),
  });
  await browser.get('/self-service/login/browser?aal=aal2');
});

script(
  'login: aal=aal2 without a session → 401 session_aal1_required; with a session → session_already_available',
  async (s) => {
    await s.client().get('/self-service/login/browser?aal=aal2');
    const browser = await s.signedIn(await s.identity('ada'));
    await browser.get('/self-service/login/browser');
    await browser.get('/self-service/login/browser?aal=aal2');
  },
);

script('login: refresh=true for a signed-in browser: the hidden identifier, the password again', async (s) => {
  const login = await s.identity('ada');
  const browser = await s.signedIn(login);
  const flow = (await browser.get('/self-service/login/browser?refresh=true')).json;
  await browser.post(`/self-service/login?flow=${flow.id}`, {
    method: 'password',
    identifier: login.email,
    password: login.password,
    csrf_token: csrfOf(flow),
  });
  await browser.get('/sessions/whoami');
});

script('login: return_to not allowed → 400', async (s) => {
  await s.client().get('/self-service/login/browser?return_to=https%3A%2F%2Fevil.example%2F');
  await s.client().get('/self-service/login/api?return_to=https%3A%2F%2Fevil.example%2F');
});

// ---- logout --------------------------------------------------------------------------------------------------------

script('logout: browser: the logout URL, then following it as JSON and by navigation', async (s) => {
  const first = await s.signedIn(await s.identity('ada'));
  await s.client().get('/self-service/logout/browser');
  const url = (await first.get('/self-service/logout/browser')).json;
  await first.get(new URL(url.logout_url).pathname + new URL(url.logout_url).search);
  await first.get('/sessions/whoami');
  const second = await s.signedIn(await s.identity('ada'));
  const again = (await second.get('/self-service/logout/browser', AJAX, { record: false })).json;
  await second.get(new URL(again.logout_url).pathname + new URL(again.logout_url).search, NAVIGATION);
  await second.get('/self-service/logout?token=not-a-token');
});

script('logout: api: DELETE with the token → 204, then the token is refused; bad bodies → 400', async (s) => {
  const token = await s.token(await s.identity('ada'));
  const native = s.client();
  await native.request('DELETE', '/self-service/logout/api', { headers: JSON_BODY, body: { session_token: token } });
  await native.get('/sessions/whoami', { ...AJAX, 'X-Session-Token': token });
  await native.request('DELETE', '/self-service/logout/api', { headers: JSON_BODY, body: { session_token: token } });
  await native.request('DELETE', '/self-service/logout/api', { headers: JSON_BODY, body: {} });
});

// ---- bad input -----------------------------------------------------------------------------------------------------

script('bad input: malformed JSON, a JSON array, text/plain, an empty body → 400 with the flow', async (s) => {
  const { browser, flow } = await browserFlow(s);
  const target = `/self-service/settings?flow=${flow.id}`;
  await browser.request('POST', target, { headers: JSON_BODY, body: '{"method":"password",' });
  await browser.request('POST', target, { headers: JSON_BODY, body: '[1,2]' });
  await browser.request('POST', target, {
    headers: { ...AJAX, 'Content-Type': 'text/plain' },
    body: 'method=password',
  });
  await browser.request('POST', target, { headers: JSON_BODY, body: '' });
});

script(
  'bad input: a profile change the schema refuses is a 400 before the CSRF token is checked; a password change is not',
  async (s) => {
    const { browser, flow, login } = await browserFlow(s);
    await browser.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'profile',
      csrf_token: 'wrong',
      traits: {},
    });
    await browser.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'profile',
      csrf_token: 'wrong',
      traits: { email: login.email, name: { first: 5 } },
    });
    await browser.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'profile',
      csrf_token: 'wrong',
      traits: { email: login.email },
    });
    await browser.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'password',
      csrf_token: 'wrong',
      password: 'x',
    });
  },
);

script(
  'bad input: unsafe methods on paths the CSRF middleware guards, and the GET form of the submit endpoints',
  async (s) => {
    const { browser, flow } = await browserFlow(s);
    await browser.request('PUT', '/self-service/settings/browser', { headers: AJAX });
    await browser.request('DELETE', '/self-service/nothing', { headers: AJAX });
    await browser.request('POST', '/self-service/login/browser', { headers: AJAX });
    await browser.get(`/self-service/settings?flow=${flow.id}&method=password&password=short`);
    await browser.get(`/self-service/login?flow=${ANY_UUID}`);
    await browser.request('OPTIONS', '/self-service/settings/browser', { headers: AJAX });
    await s.client().get('/self-service/settings%2Fbrowser');
    await s.client().get('//self-service/login/browser');
  },
);

script('bad input: the login flow with malformed JSON and a wrong content type', async (s) => {
  const browser = s.client();
  const flow = (await browser.get('/self-service/login/browser', AJAX, { record: false })).json;
  const target = `/self-service/login?flow=${flow.id}`;
  await browser.request('POST', target, { headers: JSON_BODY, body: '{"method":' });
  await browser.request('POST', target, { headers: { ...AJAX, 'Content-Type': 'text/plain' }, body: 'x' });
  await browser.post(target, { method: 'password', identifier: 'x@example.com', password: 'x' });
});

script('bad input: garbage flow ids on every flow endpoint', async (s) => {
  const browser = await s.signedIn(await s.identity('ada'));
  for (const id of ['', 'x', `${ANY_UUID}x`, '%00', ANY_UUID.toUpperCase()]) {
    await browser.get(`/self-service/settings/flows?id=${id}`);
    await browser.get(`/self-service/login/flows?id=${id}`);
  }
});

script('bad input: api flows submitted with an Origin header or cookies → 400 with the flow and 4000001', async (s) => {
  const native = await apiFlow(s);
  const target = `/self-service/settings?flow=${native.flow.id}`;
  const token = { 'X-Session-Token': native.token };
  await native.native.post(
    target,
    { method: 'password', password: 'a-new-password-1' },
    { ...JSON_BODY, ...token, Origin: s.app },
  );
  await native.native.post(
    target,
    { method: 'password', password: 'a-new-password-1' },
    { ...JSON_BODY, ...token, Cookie: 'a=b' },
  );
  const login = await s.identity('ada');
  const loginFlow = (await native.native.get('/self-service/login/api', AJAX, { record: false })).json;
  const body = { method: 'password', identifier: login.email, password: login.password };
  await native.native.post(`/self-service/login?flow=${loginFlow.id}`, body, { ...JSON_BODY, Origin: s.app });
  await native.native.post(`/self-service/login?flow=${loginFlow.id}`, body, { ...JSON_BODY, Cookie: 'a=b' });
});

script('bad input: unknown paths and methods', async (s) => {
  const client = s.client();
  await client.get('/self-service/nothing');
  await client.request('PUT', '/self-service/settings');
  await client.request('DELETE', '/sessions/whoami');
});

script('misc: CORS preflight from the allowed origin and another one', async (s) => {
  const client = s.client();
  const preflight = (origin) => ({
    Origin: origin,
    'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': 'content-type,x-session-token',
  });
  await client.request('OPTIONS', '/self-service/settings', { headers: preflight(s.app) });
  await client.request('OPTIONS', '/self-service/settings', { headers: preflight('https://evil.example') });
  await client.get('/sessions/whoami', { ...AJAX, Origin: s.app });
});

script('misc: the error flow, well-known URLs and health, each from a client without cookies', async (s) => {
  await s.client().get(`/self-service/errors?id=${ANY_UUID}`);
  await s.client().get('/self-service/errors?id=nope');
  await s.client().get('/.well-known/ory/webauthn.js', { Accept: '*/*' });
  await s.client().get('/.well-known/change-password', NAVIGATION);
  await s.client().get('/health/alive');
  await s.client().get('/health/ready');
});

// ---- §8 registration -----------------------------------------------------------------------------------------------

const PASSWORD = 'A-good-pass-1234!';
const register = (client, flow, body, headers = JSON_BODY) =>
  client.post(`/self-service/registration?flow=${flow.id}`, { csrf_token: csrfOf(flow), ...body }, headers);

script(
  '8.1–8.3: registration inits (JSON, navigation, api) and GET …/flows (own, another browser, unknown)',
  async (s) => {
    const browser = s.client();
    const flow = (await browser.get('/self-service/registration/browser')).json;
    await s.client().get('/self-service/registration/browser', NAVIGATION);
    await s.client().get(`/self-service/registration/browser?return_to=${encodeURIComponent(`${s.app}/after`)}`);
    await s.client().get('/self-service/registration/browser?return_to=https%3A%2F%2Fevil.example%2F');
    await s.client().get('/self-service/registration/browser?return_to=https%3A%2F%2Fevil.example%2F', NAVIGATION);
    await browser.get(`/self-service/registration/flows?id=${flow.id}`);
    await s.client().get(`/self-service/registration/flows?id=${flow.id}`);
    await browser.get(`/self-service/registration/flows?id=${ANY_UUID}`);
    const native = s.client();
    const api = (await native.get('/self-service/registration/api')).json;
    await native.get(`/self-service/registration/flows?id=${api.id}`);
    await native.get('/self-service/registration/api?return_to=https%3A%2F%2Fevil.example%2F');
  },
);

script(
  '8.4 rows 8, 12: two-step browser registration: profile → credential screen, back, password → 200',
  async (s) => {
    const email = s.newEmail('reg');
    const browser = s.client();
    const flow = (await browser.get('/self-service/registration/browser')).json;
    await register(browser, flow, { method: 'profile', traits: { email, name: { first: 'R' } } });
    await browser.get(`/self-service/registration/flows?id=${flow.id}`);
    await register(browser, flow, { screen: 'previous', traits: { email } });
    await register(browser, flow, { screen: 'credential-selection', traits: { email } });
    await register(browser, flow, { method: 'password', password: PASSWORD, traits: { email, name: { first: 'R' } } });
    await browser.get('/sessions/whoami');
  },
);

script(
  '8.4 rows 9, 11, 12: api registration: profile step, short password, duplicate (4000007), success',
  async (s) => {
    const taken = await s.seed({ email: s.newEmail('taken'), password: PASSWORD });
    const email = s.newEmail('api');
    const native = s.client();
    const flow = (await native.get('/self-service/registration/api')).json;
    await native.post(`/self-service/registration?flow=${flow.id}`, { method: 'profile', traits: { email } });
    await native.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'password',
      password: 'short',
      traits: { email },
    });
    await native.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'password',
      password: PASSWORD,
      traits: { email: taken.email },
    });
    const done = await native.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'password',
      password: PASSWORD,
      traits: { email },
    });
    await native.get('/sessions/whoami', { ...AJAX, 'X-Session-Token': done.json?.session_token ?? 'none' });
  },
);

script(
  '8.4 rows 5, 6, 7, 9: invalid traits, no strategy, missing password, CSRF, api flows from a browser',
  async (s) => {
    const email = s.newEmail('bad');
    const browser = s.client();
    const flow = (await browser.get('/self-service/registration/browser')).json;
    await register(browser, flow, { method: 'profile', traits: { email: 'not-an-email' } });
    await register(browser, flow, { method: 'profile', traits: {} });
    await register(browser, flow, { traits: { email } });
    await register(browser, flow, { method: 'password', traits: { email } });
    await register(browser, flow, { method: 'password', password: email, traits: { email } });
    await browser.post(`/self-service/registration?flow=${flow.id}`, { method: 'profile', traits: { email } });
    await register(browser, flow, { method: 'profile', traits: { email }, csrf_token: 'wrong' });
    await register(browser, flow, { method: 'profile', 'traits.email': email, csrf_token: 'wrong' }, FORM);
    const native = s.client();
    const api = (await native.get('/self-service/registration/api', AJAX, { record: false })).json;
    const body = { method: 'profile', traits: { email } };
    await native.post(`/self-service/registration?flow=${api.id}`, body, { ...JSON_BODY, Origin: s.app });
    await native.post(`/self-service/registration?flow=${api.id}`, {
      method: 'password',
      traits: { email },
      password: 'x',
    });
    await native.post('/self-service/registration', body);
    await native.post(`/self-service/registration?flow=${ANY_UUID}`, body);
    await native.request('POST', `/self-service/registration?flow=${api.id}`, {
      headers: JSON_BODY,
      body: '{"method":',
    });
  },
);

script(
  '8.4 navigation: form posts answer 303 for the next screen, 302 for errors, 303 with cookies at the end',
  async (s) => {
    const email = s.newEmail('nav');
    const browser = s.client();
    const init = await browser.get('/self-service/registration/browser', NAVIGATION);
    const id = new URL(init.location, s.publicUrl).searchParams.get('flow');
    const flow = (await browser.get(`/self-service/registration/flows?id=${id}`, AJAX, { record: false })).json;
    const form = (body) => ({ csrf_token: csrfOf(flow), ...body });
    await browser.post(
      `/self-service/registration?flow=${id}`,
      form({ method: 'profile', 'traits.email': email }),
      FORM,
    );
    await browser.post(
      `/self-service/registration?flow=${id}`,
      form({ method: 'password', 'traits.email': email }),
      FORM,
    );
    await browser.post(
      `/self-service/registration?flow=${id}`,
      form({ method: 'password', 'traits.email': email, password: PASSWORD }),
      FORM,
    );
    await browser.get('/sessions/whoami');
  },
);

script(
  '8.1 row 4, 8.2 row 1, 8.4 row 1: signed in → session_already_available (JSON), redirects (navigation)',
  async (s) => {
    const login = await s.identity('ada');
    const browser = await s.signedIn(login);
    const token = await s.token(login);
    await browser.get('/self-service/registration/browser');
    await browser.get('/self-service/registration/browser', NAVIGATION);
    const stranger = s.client();
    const flow = (await stranger.get('/self-service/registration/browser', AJAX, { record: false })).json;
    await browser.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'profile',
      traits: { email: login.email },
    });
    await browser.post(`/self-service/registration?flow=${flow.id}`, { method: 'profile' }, FORM);
    const native = s.client();
    await native.get('/self-service/registration/api', { ...AJAX, 'X-Session-Token': token });
    await native.post(
      `/self-service/registration?flow=${ANY_UUID}`,
      { method: 'password' },
      { ...JSON_BODY, 'X-Session-Token': token },
    );
  },
);

script(
  '8.3 row 4, 8.4 row 4: an expired registration flow → 410 (GET, browser and api; POST with use_flow_id)',
  async (s) => {
    const email = s.newEmail('late');
    const browser = s.client();
    const flow = (await browser.get('/self-service/registration/browser', AJAX, { record: false })).json;
    const other = (await browser.get('/self-service/registration/browser', AJAX, { record: false })).json;
    const native = s.client();
    const api = (await native.get('/self-service/registration/api', AJAX, { record: false })).json;
    await s.passTime(new Date(api.expires_at));
    await browser.get(`/self-service/registration/flows?id=${flow.id}`);
    await native.get(`/self-service/registration/flows?id=${api.id}`);
    await register(browser, flow, { method: 'profile', traits: { email } });
    await register(browser, other, { method: 'profile', 'traits.email': email }, FORM);
    await native.post(`/self-service/registration?flow=${api.id}`, { method: 'profile', traits: { email } });
  },
  SHORT,
);

script('8.4 row 10: registration with the OIDC provider → 422 to the provider (JSON, api), 303 (form)', async (s) => {
  const browser = s.client();
  const flow = (await browser.get('/self-service/registration/browser', AJAX, { record: false })).json;
  await browser.post(`/self-service/registration?flow=${flow.id}`, { provider: 'emulated' });
  await browser.post(`/self-service/registration?flow=${flow.id}`, { provider: 'emulated' }, FORM);
  await browser.post(`/self-service/registration?flow=${flow.id}`, { provider: 'nope' });
  const native = s.client();
  const api = (await native.get('/self-service/registration/api', AJAX, { record: false })).json;
  await native.post(`/self-service/registration?flow=${api.id}`, { method: 'oidc', provider: 'emulated' });
});

script(
  '8.4 row 12 without the session hook: the identity, continue_with, no session',
  async (s) => {
    const browser = s.client();
    const flow = (await browser.get('/self-service/registration/browser', AJAX, { record: false })).json;
    const email = s.newEmail('nohook');
    await register(browser, flow, { method: 'password', password: PASSWORD, traits: { email } });
    await browser.get('/sessions/whoami');
    const native = s.client();
    const api = (await native.get('/self-service/registration/api', AJAX, { record: false })).json;
    await native.post(`/self-service/registration?flow=${api.id}`, {
      method: 'password',
      password: PASSWORD,
      traits: { email: s.newEmail('nohook-api') },
    });
  },
  { registrationSession: false },
);

script(
  '8.1 row 1, 8.3 row 1: registration disabled → self_service_flow_disabled',
  async (s) => {
    await s.client().get('/self-service/registration/browser');
    await s.client().get('/self-service/registration/browser', NAVIGATION);
    await s.client().get('/self-service/registration/api');
    await s.client().get(`/self-service/registration/flows?id=${ANY_UUID}`);
    await s.client().post(`/self-service/registration?flow=${ANY_UUID}`, { method: 'password' });
  },
  { registrationEnabled: false },
);

script(
  '8.1 one-step registration (legacy): all methods on one screen; profile is no strategy; password → 200',
  async (s) => {
    const email = s.newEmail('onestep');
    const browser = s.client();
    const flow = (await browser.get('/self-service/registration/browser')).json;
    await register(browser, flow, { method: 'profile', traits: { email } });
    await register(browser, flow, { method: 'password', password: 'short', traits: { email } });
    await register(browser, flow, { method: 'password', password: PASSWORD, traits: { email } });
    await s.client().get('/self-service/registration/api');
  },
  { legacyOneStepRegistration: true },
);

script(
  '8.4 code: registration by code: sent (1040005), wrong (4040003), other traits (4000036), resend, right → 200',
  async (s) => {
    const email = s.newEmail('code-reg');
    const browser = s.client();
    const flow = (await browser.get('/self-service/registration/browser')).json;
    await register(browser, flow, { method: 'profile', traits: { email } });
    await register(browser, flow, { method: 'code', traits: { email } });
    await register(browser, flow, { method: 'code', traits: { email }, code: '000000' });
    await register(browser, flow, { method: 'code', traits: { email }, resend: 'code' });
    await register(browser, flow, { method: 'code', traits: { email }, code: await s.lastCode(email) });
    await browser.get('/sessions/whoami');
    const other = s.client();
    const second = (await other.get('/self-service/registration/browser', AJAX, { record: false })).json;
    const email2 = s.newEmail('code-reg2');
    await register(other, second, { method: 'code', traits: { email: email2 } });
    await register(other, second, { method: 'code', traits: { email: `x${email2}` }, code: '000000' });
    await s.admin().get(`/admin/courier/messages?recipient=${encodeURIComponent(email)}`);
  },
  { passwordlessCode: true },
);

// ---- §7 login, more rows -----------------------------------------------------------------------------------------

const loginWith = (client, flow, body, headers = JSON_BODY) =>
  client.post(`/self-service/login?flow=${flow.id}`, { csrf_token: csrfOf(flow), ...body }, headers);

script('7.4 row 3: a signed-in submit → 400 flow with 4000001 (JSON, api with a token), 303 (form)', async (s) => {
  const login = await s.identity('ada');
  const browser = s.client();
  const first = (await browser.get('/self-service/login/browser', AJAX, { record: false })).json;
  const second = (await browser.get('/self-service/login/browser', AJAX, { record: false })).json;
  await loginWith(browser, first, { method: 'password', identifier: login.email, password: login.password }, JSON_BODY);
  await browser.get(`/self-service/login/flows?id=${first.id}`);
  await loginWith(browser, second, { method: 'password', identifier: login.email, password: login.password });
  await loginWith(browser, second, { method: 'password', identifier: login.email, password: login.password }, FORM);
  const token = await s.token(login);
  const native = s.client();
  const api = (await native.get('/self-service/login/api', AJAX, { record: false })).json;
  await native.post(
    `/self-service/login?flow=${api.id}`,
    { method: 'password', identifier: login.email, password: login.password },
    { ...JSON_BODY, 'X-Session-Token': token },
  );
  await native.get('/self-service/login/api', { ...AJAX, 'X-Session-Token': token });
});

script(
  '7.4 row 7: a missing or empty identifier or password → 4000002 on the node, before the CSRF token',
  async (s) => {
    const login = await s.identity('ada');
    const browser = s.client();
    const flow = (await browser.get('/self-service/login/browser', AJAX, { record: false })).json;
    await loginWith(browser, flow, { method: 'password', password: 'x' });
    await loginWith(browser, flow, { method: 'password', identifier: login.email });
    await loginWith(browser, flow, { method: 'password' });
    await loginWith(browser, flow, { method: 'password', identifier: '', password: 'x' });
    await browser.post(`/self-service/login?flow=${flow.id}`, { method: 'password' });
    await loginWith(browser, flow, {
      method: 'password',
      identifier: ` ${login.email.toUpperCase()} `,
      password: login.password,
    });
  },
);

script('7.1: query parsing (refresh as Go ParseBool, aal), return_to before the session, AcceptsJSON', async (s) => {
  await s.client().get('/self-service/login/browser?refresh=1');
  await s.client().get('/self-service/login/browser?aal=AAL2');
  await s.client().get('/self-service/login/browser?aal=aal3');
  await s.client().get('/self-service/login/browser', { 'Content-Type': 'application/json' });
  await s.client().get('/self-service/login/browser?return_to=https%3A%2F%2Fevil.example%2F', {
    'Content-Type': 'application/json',
  });
  const browser = await s.signedIn(await s.identity('ada'));
  await browser.get('/self-service/login/browser?refresh=1');
  await browser.get('/self-service/login/browser?refresh=TRUE');
  await browser.get('/self-service/login/browser?refresh=yes');
  await browser.get('/self-service/login/browser?return_to=https%3A%2F%2Fevil.example%2F');
  await browser.get(`/self-service/login/browser?return_to=${encodeURIComponent(`${s.app}/after`)}`, NAVIGATION);
  await browser.get('/self-service/login/browser', { 'Content-Type': 'application/json' });
});

script(
  '7.4 row 4: an aal2 flow submitted without a session → 401 session_aal1_required (JSON), error UI (form)',
  async (s) => {
    const grace = await s.identity('grace');
    const browser = await s.signedIn(grace);
    const flow = (await browser.get('/self-service/login/browser?aal=aal2', AJAX, { record: false })).json;
    browser.cookies.delete('ory_kratos_session');
    await loginWith(browser, flow, { method: 'totp', totp_code: '000000' });
    await loginWith(browser, flow, { method: 'totp', totp_code: '000000' }, FORM);
  },
);

script(
  '7.4 row 5: expired refresh and aal2 flows of a signed-in browser → 400 with the old flow and 4000001',
  async (s) => {
    const ada = await s.identity('ada');
    const browser = await s.signedIn(ada);
    const refresh = (await browser.get('/self-service/login/browser?refresh=true', AJAX, { record: false })).json;
    const grace = await s.identity('grace');
    const second = await s.signedIn(grace);
    const aal2 = (await second.get('/self-service/login/browser?aal=aal2', AJAX, { record: false })).json;
    const plain = s.client();
    const expired = (await plain.get('/self-service/login/browser', AJAX, { record: false })).json;
    await s.passTime(new Date(aal2.expires_at));
    await loginWith(browser, refresh, { method: 'password', identifier: ada.email, password: ada.password });
    await loginWith(second, aal2, { method: 'totp', totp_code: '000000' });
    await loginWith(second, aal2, { method: 'totp', totp_code: '000000' }, FORM);
    await plain.get(`/self-service/login/flows?id=${expired.id}`);
    await loginWith(plain, expired, { method: 'password', identifier: ada.email, password: ada.password });
  },
  SHORT,
);

script(
  '7.4 refresh: credentials of another identity sign that identity in (grace: 422 to her AAL2 login)',
  async (s) => {
    const ada = await s.identity('ada');
    const grace = await s.identity('grace');
    const browser = await s.signedIn(ada);
    const flow = (await browser.get('/self-service/login/browser?refresh=true')).json;
    await loginWith(browser, flow, { method: 'password', identifier: grace.email, password: grace.password });
    await browser.get('/sessions/whoami');
  },
);

script('7.4 row 12: api step-up: an aal2 api flow with the token, TOTP → the same token at aal2', async (s) => {
  const grace = await s.identity('grace');
  const native = s.client();
  const flow = (await native.get('/self-service/login/api', AJAX, { record: false })).json;
  const first = await native.post(`/self-service/login?flow=${flow.id}`, {
    method: 'password',
    identifier: grace.email,
    password: grace.password,
  });
  const token = first.json?.session_token;
  const headers = { ...AJAX, 'X-Session-Token': token };
  const step = (await native.get('/self-service/login/api?aal=aal2', headers)).json;
  await native.post(
    `/self-service/login?flow=${step.id}`,
    { method: 'totp', totp_code: '000000' },
    { ...JSON_BODY, 'X-Session-Token': token },
  );
  await native.post(
    `/self-service/login?flow=${step.id}`,
    { method: 'totp', totp_code: await s.totpCode(grace.totpSecret) },
    { ...JSON_BODY, 'X-Session-Token': token },
  );
  await native.get(`/self-service/login/flows?id=${flow.id}`);
});

script(
  '7.4 row 11: OIDC sign-in start → 422 to the provider (JSON, api), 303 (form); unknown provider → 404',
  async (s) => {
    const browser = s.client();
    const flow = (await browser.get('/self-service/login/browser', AJAX, { record: false })).json;
    await browser.post(`/self-service/login?flow=${flow.id}`, { provider: 'emulated' });
    await browser.post(`/self-service/login?flow=${flow.id}`, { provider: 'emulated' }, FORM);
    const native = s.client();
    const api = (await native.get('/self-service/login/api', AJAX, { record: false })).json;
    await native.post(`/self-service/login?flow=${api.id}`, { method: 'oidc', provider: 'emulated' });
    await native.post(`/self-service/login?flow=${api.id}`, { provider: 'nope' });
  },
);

script(
  '7.6 code: login by code: sent (1010014), missing, wrong (4010008), resend, right → 200; unknown → 4000035',
  async (s) => {
    const login = await s.seed({ email: s.newEmail('code-login'), password: PASSWORD });
    const browser = s.client();
    const flow = (await browser.get('/self-service/login/browser')).json;
    await loginWith(browser, flow, { method: 'code', identifier: login.email });
    await loginWith(browser, flow, { method: 'code', identifier: login.email });
    await loginWith(browser, flow, { method: 'code', identifier: login.email, code: '000000' });
    await loginWith(browser, flow, { method: 'code', identifier: login.email, resend: 'code' });
    await loginWith(browser, flow, { method: 'code', identifier: login.email, code: await s.lastCode(login.email) });
    await browser.get('/sessions/whoami');
    const native = s.client();
    const api = (await native.get('/self-service/login/api')).json;
    await native.post(`/self-service/login?flow=${api.id}`, { method: 'code', identifier: s.newEmail('nobody') });
    await native.post(`/self-service/login?flow=${api.id}`, { method: 'code', identifier: login.email });
    await native.post(`/self-service/login?flow=${api.id}`, {
      method: 'code',
      identifier: login.email,
      code: await s.lastCode(login.email),
    });
    await native.get(`/self-service/login/flows?id=${api.id}`);
  },
  { passwordlessCode: true },
);

script(
  '7.6 identifier_first: the first screen, an unknown account (4000037), the second screen, then the password',
  async (s) => {
    const login = await s.seed({ email: s.newEmail('idfirst'), password: PASSWORD });
    const browser = s.client();
    const flow = (await browser.get('/self-service/login/browser')).json;
    await loginWith(browser, flow, { method: 'identifier_first', identifier: s.newEmail('nobody') });
    await loginWith(browser, flow, { method: 'identifier_first', identifier: login.email });
    await browser.get(`/self-service/login/flows?id=${flow.id}`);
    await loginWith(browser, flow, { method: 'password', identifier: login.email, password: PASSWORD });
    const native = s.client();
    const api = (await native.get('/self-service/login/api')).json;
    await native.post(`/self-service/login?flow=${api.id}`, { identifier: login.email });
  },
  { loginStyle: 'identifier_first' },
);

// ---- admin API -------------------------------------------------------------------------------------------------

script(
  'admin: identities created (201, 409, 400), read, listed by identifier; courier messages of a registration',
  async (s) => {
    const admin = s.admin();
    const email = s.newEmail('admin');
    const created = await admin.post('/admin/identities', {
      schema_id: 'default',
      traits: { email, name: { first: 'A' } },
      credentials: { password: { config: { password: PASSWORD } } },
    });
    await admin.post('/admin/identities', { schema_id: 'default', traits: { email } });
    await admin.post('/admin/identities', { schema_id: 'default', traits: { email: 'nope' } });
    await admin.request('POST', '/admin/identities', { headers: JSON_BODY, body: '{' });
    await admin.get(`/admin/identities/${created.json?.id}`);
    await admin.get(`/admin/identities/${ANY_UUID}`);
    await admin.get(`/admin/identities?credentials_identifier=${encodeURIComponent(email)}`);
    const browser = s.client();
    const flow = (await browser.get('/self-service/registration/browser', AJAX, { record: false })).json;
    const fresh = s.newEmail('courier');
    await register(browser, flow, { method: 'password', password: PASSWORD, traits: { email: fresh } });
    await admin.get(`/admin/courier/messages?recipient=${encodeURIComponent(fresh)}`);
    await admin.get(`/admin/courier/messages?recipient=${encodeURIComponent(s.newEmail('none'))}`);
    await admin.get('/admin/nothing');
  },
);

// ---- §11 recovery (method code) ----------------------------------------------------------------------------------

const ON = { continueWithTransitions: true };
const recover = (client, flow, body, headers = JSON_BODY) =>
  client.post(`/self-service/recovery?flow=${flow.id}`, { csrf_token: csrfOf(flow), ...body }, headers);
const verify = (client, flow, body, headers = JSON_BODY) =>
  client.post(`/self-service/verification?flow=${flow.id}`, { csrf_token: csrfOf(flow), ...body }, headers);
/** A new identity with a password, made through the admin API (its address `pending`). */
const someone = (s, prefix) => s.seed({ email: s.newEmail(prefix), password: PASSWORD });
const recoveryCode = (s, email) => s.lastCode(email, 'recovery_code_valid');
const verificationCode = (s, email) => s.lastCode(email, 'verification_code_valid');
/** The settings flow a recovery success points at (422 `redirect_browser_to`, or `continue_with`). */
const settingsIdOf = (answer) => {
  const url =
    answer.json?.redirect_browser_to ??
    answer.json?.continue_with?.find((item) => item.action === 'show_settings_ui')?.flow.url ??
    answer.location;
  return url ? new URL(url).searchParams.get('flow') : undefined;
};

script('11.2: recovery inits: 303 with a CSRF cookie, JSON 200, api 200, return_to, a signed-in browser', async (s) => {
  await s.client().get('/self-service/recovery/browser', NAVIGATION);
  await s.client().get('/self-service/recovery/browser');
  await s.client().get('/self-service/recovery/api');
  await s.client().get(`/self-service/recovery/browser?return_to=${encodeURIComponent(`${s.app}/after`)}`);
  await s.client().get('/self-service/recovery/browser?return_to=https%3A%2F%2Fevil.example%2F');
  await s.client().get('/self-service/recovery/browser?return_to=https%3A%2F%2Fevil.example%2F', NAVIGATION);
  const login = await someone(s, 'rec-init');
  const browser = await s.signedIn(login);
  await browser.get('/self-service/recovery/browser');
  await browser.get('/self-service/recovery/browser', NAVIGATION);
  await s.client().get('/self-service/recovery/api', { ...AJAX, 'X-Session-Token': await s.token(login) });
});

script(
  '11.3: GET recovery flows: 200 with the cookie, 403 without (any Accept), 404, api flows unchecked',
  async (s) => {
    const browser = s.client();
    const flow = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    await browser.get(`/self-service/recovery/flows?id=${flow.id}`);
    await s.client().get(`/self-service/recovery/flows?id=${flow.id}`);
    await s.client().get(`/self-service/recovery/flows?id=${flow.id}`, NAVIGATION);
    await browser.get(`/self-service/recovery/flows?id=${ANY_UUID}`);
    await browser.get('/self-service/recovery/flows?id=nope');
    const api = (await s.client().get('/self-service/recovery/api', AJAX, { record: false })).json;
    await s.client().get(`/self-service/recovery/flows?id=${api.id}`);
  },
);

script(
  '11.4 rows 4, 8, 9, 11: email step (missing, bad, no strategy, link), sent_email, unknown address, wrong codes, resend',
  async (s) => {
    const login = await someone(s, 'rec-email');
    const browser = s.client();
    const flow = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    await recover(browser, flow, { method: 'code' });
    await recover(browser, flow, { method: 'code', email: 'not-an-email' });
    // No strategy claims the flow, and from then on none does (`active: default`).
    const dead = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    await recover(browser, dead, { method: 'link', email: login.email });
    await recover(browser, dead, { method: 'password', email: login.email });
    await recover(browser, dead, { email: login.email });
    await recover(browser, dead, { method: 'code', email: login.email });
    const sent = await recover(browser, flow, { method: 'code', email: login.email });
    await s.admin().get(`/admin/courier/messages?recipient=${encodeURIComponent(login.email)}`);
    await recover(browser, sent.json, { method: 'code', code: '000000' });
    await recover(browser, sent.json, { code: '000001' });
    await recover(browser, sent.json, { method: 'code' });
    const first = await recoveryCode(s, login.email);
    await recover(browser, sent.json, { method: 'code', email: login.email });
    await recover(browser, sent.json, { method: 'code', code: first });
    const other = s.client();
    const unknown = (await other.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    const nobody = s.newEmail('nobody');
    await recover(other, unknown, { method: 'code', email: nobody });
    await s.admin().get(`/admin/courier/messages?recipient=${encodeURIComponent(nobody)}`);
    await recover(other, unknown, { method: 'code', code: '123456' });
  },
);

script(
  '11.5 flag off: the right code → 422 to the settings UI with the session; a privileged settings flow (1060001)',
  async (s) => {
    const login = await someone(s, 'rec-ok');
    const browser = s.client();
    const flow = (
      await browser.get(`/self-service/recovery/browser?return_to=${encodeURIComponent(`${s.app}/after`)}`, AJAX, {
        record: false,
      })
    ).json;
    await recover(browser, flow, { method: 'code', email: login.email });
    const code = await recoveryCode(s, login.email);
    const done = await recover(browser, flow, { method: 'code', code });
    await browser.get('/sessions/whoami');
    await browser.get(`/self-service/recovery/flows?id=${flow.id}`);
    const settings = (await browser.get(`/self-service/settings/flows?id=${settingsIdOf(done)}`)).json;
    await browser.post(`/self-service/settings?flow=${settings?.id}`, {
      method: 'password',
      password: 'A-new-pass-5678!',
      csrf_token: csrfOf(settings),
    });
    // Rows 12 and 15: the passed flow again, its code (used) and then an address without a session.
    const again = await browser.post(`/self-service/recovery?flow=${flow.id}`, {
      method: 'code',
      code,
      csrf_token: browser.cookies.get([...browser.cookies.keys()].find((n) => n.startsWith('csrf_token_'))),
    });
    if (again.location) await browser.get(again.location);
    const stranger = s.client();
    const own = (await stranger.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    const retried = await stranger.post(`/self-service/recovery?flow=${flow.id}`, {
      method: 'code',
      email: login.email,
      csrf_token: csrfOf(own),
    });
    if (retried.location) await stranger.get(retried.location);
  },
);

script('11.4 row 10: a sixth code submission → a new flow with 4000001 (303 to its JSON)', async (s) => {
  const login = await someone(s, 'rec-many');
  const browser = s.client();
  const flow = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
  await recover(browser, flow, { method: 'code', email: login.email }, JSON_BODY);
  for (let i = 1; i <= 5; i++) await recover(browser, flow, { method: 'code', code: `00000${i}` });
  const sixth = await recover(browser, flow, { method: 'code', code: await recoveryCode(s, login.email) });
  if (sixth.location) await browser.get(sixth.location);
  await browser.get(`/self-service/recovery/flows?id=${flow.id}`);
});

script(
  '11.4 row 5: recovery CSRF: a bad token → 403 (JSON), 303 to the error UI (form), also on the code step',
  async (s) => {
    const login = await someone(s, 'rec-csrf');
    const browser = s.client();
    const flow = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    const navigation = s.client();
    const form = (await navigation.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    await recover(navigation, form, { method: 'code', email: login.email, csrf_token: 'nope' }, FORM);
    await recover(browser, flow, { method: 'code', email: login.email, csrf_token: 'nope' });
    const fresh = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    await recover(browser, fresh, { method: 'code', email: login.email });
    await recover(browser, fresh, { method: 'code', code: '123456', csrf_token: 'nope' });
    await browser.post(`/self-service/recovery?flow=${fresh.id}`, { method: 'code', code: '123456' });
  },
);

script('11.4, 11.5: recovery form posts → 303 to the recovery UI, the settings UI on success', async (s) => {
  const login = await someone(s, 'rec-form');
  const browser = s.client();
  const flow = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
  await recover(browser, flow, { method: 'code', email: login.email }, FORM);
  await recover(browser, flow, { method: 'code', code: '999999' }, FORM);
  await recover(browser, flow, { method: 'code', code: await recoveryCode(s, login.email) }, FORM);
  await browser.get('/sessions/whoami');
});

script(
  '11.4, 11.5 api flows: email, wrong code, success → 422 (JSON), 303 (form); Origin → a browser flow',
  async (s) => {
    const login = await someone(s, 'rec-api');
    const native = s.client();
    const flow = (await native.get('/self-service/recovery/api', AJAX, { record: false })).json;
    await native.post(`/self-service/recovery?flow=${flow.id}`, { method: 'code', email: login.email });
    await native.post(`/self-service/recovery?flow=${flow.id}`, { method: 'code', code: '000000' });
    await native.post(`/self-service/recovery?flow=${flow.id}`, { code: await recoveryCode(s, login.email) });
    await native.post(`/self-service/recovery?flow=${flow.id}`, { method: 'code', code: '000000' });
    const second = (await native.get('/self-service/recovery/api', AJAX, { record: false })).json;
    await native.post(`/self-service/recovery?flow=${second.id}`, { method: 'code', email: login.email });
    await native.post(
      `/self-service/recovery?flow=${second.id}`,
      { method: 'code', code: await recoveryCode(s, login.email) },
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    const third = (await native.get('/self-service/recovery/api', AJAX, { record: false })).json;
    const refused = await native.post(
      `/self-service/recovery?flow=${third.id}`,
      { method: 'code', email: login.email },
      { ...JSON_BODY, Origin: s.app },
    );
    if (refused.location) await native.get(refused.location);
  },
);

script('11.4 rows 1, 2, 4, 7: no flow, unknown flow, a GET submit, a signed-in email step', async (s) => {
  const login = await someone(s, 'rec-misc');
  const browser = s.client();
  const flow = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
  await browser.post('/self-service/recovery', { method: 'code', email: login.email });
  await browser.post(`/self-service/recovery?flow=${ANY_UUID}`, { method: 'code', email: login.email });
  await browser.get(`/self-service/recovery?flow=${flow.id}&method=code&email=${encodeURIComponent(login.email)}`);
  const signed = await s.signedIn(login);
  const before = (await s.client().get('/self-service/recovery/api', AJAX, { record: false })).json;
  await signed.post(`/self-service/recovery?flow=${before.id}`, { method: 'code', email: login.email });
  const token = await s.token(login);
  await s
    .client()
    .post(
      `/self-service/recovery?flow=${before.id}`,
      { method: 'code', email: login.email },
      { ...JSON_BODY, 'X-Session-Token': token },
    );
});

script(
  '11.4, 11.5 flag on: success → 200 with continue_with (browser; api with the token); replacements → 400 with continue_with',
  async (s) => {
    const login = await someone(s, 'rec-on');
    const browser = s.client();
    const flow = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    await recover(browser, flow, { method: 'code', email: login.email });
    const code = await recoveryCode(s, login.email);
    const done = await recover(browser, flow, { method: 'code', code });
    await browser.get(`/self-service/settings/flows?id=${settingsIdOf(done)}`);
    const token = browser.cookies.get([...browser.cookies.keys()].find((n) => n.startsWith('csrf_token_')));
    const again = await browser.post(`/self-service/recovery?flow=${flow.id}`, {
      method: 'code',
      code,
      csrf_token: token,
    });
    const next = again.json?.error?.details?.continue_with?.[0]?.flow?.id;
    if (next) await browser.get(`/self-service/recovery/flows?id=${next}`);
    const native = s.client();
    const api = (await native.get('/self-service/recovery/api', AJAX, { record: false })).json;
    await native.post(`/self-service/recovery?flow=${api.id}`, { method: 'code', email: login.email });
    const ok = await native.post(`/self-service/recovery?flow=${api.id}`, {
      method: 'code',
      code: await recoveryCode(s, login.email),
    });
    const session = ok.json?.continue_with?.find((item) => item.action === 'set_ory_session_token')?.ory_session_token;
    await native.get('/sessions/whoami', { ...AJAX, 'X-Session-Token': session });
    await native.get(`/self-service/settings/flows?id=${settingsIdOf(ok)}`, { ...AJAX, 'X-Session-Token': session });
    const many = s.client();
    const manyFlow = (await many.get('/self-service/recovery/browser', AJAX, { record: false })).json;
    await recover(many, manyFlow, { method: 'code', email: login.email });
    for (let i = 1; i <= 6; i++) await recover(many, manyFlow, { method: 'code', code: `00000${i}` });
    const third = (await native.get('/self-service/recovery/api', AJAX, { record: false })).json;
    await native.post(
      `/self-service/recovery?flow=${third.id}`,
      { method: 'code', email: login.email },
      { ...JSON_BODY, Origin: s.app },
    );
  },
  ON,
);

/** §11.4 rows 3 and 13, §11.3 rows 4 and 5: a code that expired on a valid flow, then flows that expired. */
async function recoveryExpiry(s) {
  const login = await someone(s, 'rec-late');
  const browser = s.client();
  const flow = (await browser.get('/self-service/recovery/browser', AJAX, { record: false })).json;
  const late = s.client();
  const expiring = (await late.get('/self-service/recovery/browser', AJAX, { record: false })).json;
  const form = (await late.get('/self-service/recovery/browser', AJAX, { record: false })).json;
  const native = s.client();
  const api = (await native.get('/self-service/recovery/api', AJAX, { record: false })).json;
  const sent = await recover(browser, flow, { method: 'code', email: login.email }, JSON_BODY);
  const code = await recoveryCode(s, login.email);
  await s.passTime(new Date(Date.parse(sent.json?.issued_at ?? flow.issued_at) + 1000));
  const expired = await recover(browser, flow, { method: 'code', code });
  if (expired.location) await browser.get(expired.location);
  await s.passTime(new Date(api.expires_at));
  await late.get(`/self-service/recovery/flows?id=${expiring.id}`);
  const retried = await recover(late, expiring, { method: 'code', email: login.email });
  if (retried.location) await late.get(retried.location);
  await recover(late, form, { method: 'code', email: login.email }, FORM);
  await native.get(`/self-service/recovery/flows?id=${api.id}`);
  const apiLate = await native.post(`/self-service/recovery?flow=${api.id}`, { method: 'code', email: login.email });
  if (apiLate.location) await native.get(apiLate.location);
}

script('11.3 rows 4, 5; 11.4 rows 3, 13 flag off: expired codes and flows → new flows (303)', recoveryExpiry, SHORT);
script(
  '11.3 rows 4, 5; 11.4 rows 3, 13 flag on: expired codes and api flows → 410 with continue_with',
  recoveryExpiry,
  {
    ...SHORT,
    ...ON,
  },
);

// ---- §12 verification (method code) ------------------------------------------------------------------------------

script('12.2, 12.3: verification inits and GET flows (cookie 200, other browser 403, 404, api)', async (s) => {
  await s.client().get('/self-service/verification/browser', NAVIGATION);
  const browser = s.client();
  const flow = (await browser.get('/self-service/verification/browser')).json;
  await s.client().get('/self-service/verification/api');
  await s.client().get(`/self-service/verification/browser?return_to=${encodeURIComponent(`${s.app}/after`)}`);
  await s.client().get('/self-service/verification/browser?return_to=https%3A%2F%2Fevil.example%2F');
  await browser.get(`/self-service/verification/flows?id=${flow.id}`);
  await s.client().get(`/self-service/verification/flows?id=${flow.id}`);
  await browser.get(`/self-service/verification/flows?id=${ANY_UUID}`);
  const api = (await s.client().get('/self-service/verification/api', AJAX, { record: false })).json;
  await s.client().get(`/self-service/verification/flows?id=${api.id}`);
  const signed = await s.signedIn(await someone(s, 'ver-init'));
  await signed.get('/self-service/verification/browser');
});

script(
  '12.4, 12.5: email step, CSRF, unknown address, wrong codes (no CSRF check), success, a passed flow → 410',
  async (s) => {
    const login = await someone(s, 'ver-code');
    const browser = s.client();
    const flow = (await browser.get('/self-service/verification/browser', AJAX, { record: false })).json;
    await verify(browser, flow, { method: 'code' });
    await verify(browser, flow, { method: 'code', email: login.email, csrf_token: 'nope' });
    await verify(browser, flow, { method: 'code', email: login.email, csrf_token: 'nope' }, FORM);
    await verify(browser, flow, { method: 'code', email: login.email });
    await s.admin().get(`/admin/identities/${login.id}`);
    await verify(browser, flow, { method: 'code', code: '000000' });
    await verify(browser, flow, { method: 'code', code: '000001', csrf_token: 'nope' });
    await browser.post(`/self-service/verification?flow=${flow.id}`, { code: '000002' });
    await verify(browser, flow, { method: 'code', code: await verificationCode(s, login.email) });
    await s.admin().get(`/admin/identities/${login.id}`);
    await browser.get(`/self-service/verification/flows?id=${flow.id}`);
    await verify(browser, flow, { method: 'code', code: '000000' });
    const replaced = await verify(browser, flow, { method: 'code', email: login.email });
    if (replaced.json?.use_flow_id)
      await browser.get(`/self-service/verification/flows?id=${replaced.json.use_flow_id}`);
    await verify(browser, flow, { method: 'code', code: '000000' }, FORM);
    const other = s.client();
    const unknown = (await other.get('/self-service/verification/browser', AJAX, { record: false })).json;
    const nobody = s.newEmail('nobody');
    await verify(other, unknown, { method: 'code', email: nobody });
    await s.admin().get(`/admin/courier/messages?recipient=${encodeURIComponent(nobody)}`);
  },
);

script('12.4 row 6: the mail link pre-fills the code for another browser, which submits it (form)', async (s) => {
  const login = await someone(s, 'ver-link');
  const browser = s.client();
  const flow = (await browser.get('/self-service/verification/browser', AJAX, { record: false })).json;
  await verify(browser, flow, { method: 'code', email: login.email });
  const link = await s.verificationLink(login.email);
  const other = s.client();
  await other.get(link, NAVIGATION);
  const prefilled = (await other.get(`/self-service/verification/flows?id=${flow.id}`)).json;
  await browser.get(`/self-service/verification/flows?id=${flow.id}`);
  await other.post(
    `/self-service/verification?flow=${flow.id}`,
    { method: 'code', code: nodeOf(prefilled, 'code')?.attributes.value ?? '', csrf_token: csrfOf(prefilled) },
    FORM,
  );
  await other.get(`/self-service/verification/flows?id=${flow.id}`);
  await other.get(link);
});

script('12.4 rows 4, 8: no strategy (messages pile up); a sixth code → 410 self_service_flow_replaced', async (s) => {
  const login = await someone(s, 'ver-many');
  const browser = s.client();
  const flow = (await browser.get('/self-service/verification/browser', AJAX, { record: false })).json;
  await verify(browser, flow, { method: 'link', email: login.email });
  await verify(browser, flow, { method: 'password', email: login.email });
  await verify(browser, flow, { email: login.email });
  const second = (await browser.get('/self-service/verification/browser', AJAX, { record: false })).json;
  await verify(browser, second, { method: 'code', email: login.email });
  for (let i = 1; i <= 5; i++) await verify(browser, second, { method: 'code', code: `00000${i}` });
  const sixth = await verify(browser, second, { method: 'code', code: await verificationCode(s, login.email) });
  if (sixth.json?.use_flow_id) await browser.get(`/self-service/verification/flows?id=${sixth.json.use_flow_id}`);
  await browser.post('/self-service/verification', { method: 'code', email: login.email });
  await browser.post(`/self-service/verification?flow=${ANY_UUID}`, { method: 'code', email: login.email });
});

script('12.4 api flows: email, wrong code, success (200), a form without Accept → 303', async (s) => {
  const login = await someone(s, 'ver-api');
  const native = s.client();
  const flow = (await native.get('/self-service/verification/api', AJAX, { record: false })).json;
  await native.post(`/self-service/verification?flow=${flow.id}`, { method: 'code', email: login.email });
  await native.post(`/self-service/verification?flow=${flow.id}`, { method: 'code', code: '000000' });
  await native.post(`/self-service/verification?flow=${flow.id}`, {
    method: 'code',
    code: await verificationCode(s, login.email),
  });
  const second = (await native.get('/self-service/verification/api', AJAX, { record: false })).json;
  await native.post(
    `/self-service/verification?flow=${second.id}`,
    { method: 'code', email: login.email },
    { 'Content-Type': 'application/x-www-form-urlencoded' },
  );
});

script(
  '12.6: show_verification_ui after a registration and an email change: the flows, their codes verify',
  async (s) => {
    const email = s.newEmail('ver-reg');
    const browser = s.client();
    const flow = (await browser.get('/self-service/registration/browser', AJAX, { record: false })).json;
    const done = await register(browser, flow, { method: 'password', password: PASSWORD, traits: { email } });
    const item = done.json?.continue_with?.find((c) => c.action === 'show_verification_ui');
    const shown = (await browser.get(`/self-service/verification/flows?id=${item?.flow.id}`)).json;
    await verify(browser, shown, { method: 'code', code: await verificationCode(s, email) });
    await browser.get('/sessions/whoami');
    const native = s.client();
    const api = (await native.get('/self-service/registration/api', AJAX, { record: false })).json;
    const apiEmail = s.newEmail('ver-reg-api');
    const apiDone = await native.post(`/self-service/registration?flow=${api.id}`, {
      method: 'password',
      password: PASSWORD,
      traits: { email: apiEmail },
    });
    const apiItem = apiDone.json?.continue_with?.find((c) => c.action === 'show_verification_ui');
    await native.get(`/self-service/verification/flows?id=${apiItem?.flow.id}`);
    const login = await someone(s, 'ver-set');
    const { browser: signed, flow: settings } = await browserFlow(s, login);
    const changed = login.email.replace('@', '-new@');
    const saved = await submit(signed, settings, { method: 'profile', traits: { email: changed } });
    const settingsItem = saved.json?.continue_with?.find((c) => c.action === 'show_verification_ui');
    const fromSettings = (await signed.get(`/self-service/verification/flows?id=${settingsItem?.flow.id}`)).json;
    await verify(signed, fromSettings, { method: 'code', code: await verificationCode(s, changed) });
    await signed.get('/sessions/whoami');
  },
);

script(
  '12.3, 12.4 rows 2, 10: an expired code (410 with use_flow_id), expired flows (410 on GET, 303 on submit)',
  async (s) => {
    const login = await someone(s, 'ver-late');
    const browser = s.client();
    const flow = (await browser.get('/self-service/verification/browser', AJAX, { record: false })).json;
    const late = s.client();
    const expiring = (await late.get('/self-service/verification/browser', AJAX, { record: false })).json;
    const form = (await late.get('/self-service/verification/browser', AJAX, { record: false })).json;
    const native = s.client();
    const api = (await native.get('/self-service/verification/api', AJAX, { record: false })).json;
    await verify(browser, flow, { method: 'code', email: login.email });
    const code = await verificationCode(s, login.email);
    await s.passTime(new Date(Date.parse(flow.issued_at) + 1000));
    const expired = await verify(browser, flow, { method: 'code', code });
    if (expired.json?.use_flow_id) await browser.get(`/self-service/verification/flows?id=${expired.json.use_flow_id}`);
    await s.passTime(new Date(api.expires_at));
    await late.get(`/self-service/verification/flows?id=${expiring.id}`);
    const retried = await verify(late, expiring, { method: 'code', email: login.email });
    if (retried.location) await late.get(retried.location);
    await verify(late, form, { method: 'code', email: login.email }, FORM);
    await native.get(`/self-service/verification/flows?id=${api.id}`);
    await native.post(`/self-service/verification?flow=${api.id}`, { method: 'code', email: login.email });
  },
  SHORT,
);

// ---- disabled flows and §13 the error flow -----------------------------------------------------------------------

script(
  '11.2 row 2, 12.2, 13: recovery and verification disabled → 400 (JSON), the error UI (navigation), its error',
  async (s) => {
    const browser = s.client();
    await browser.get('/self-service/recovery/browser');
    const recovery = await browser.get('/self-service/recovery/browser', NAVIGATION);
    await browser.get(`/self-service/errors?id=${new URL(recovery.location).searchParams.get('id')}`);
    await browser.get(`/self-service/errors?id=${new URL(recovery.location).searchParams.get('id')}`);
    await s.client().get('/self-service/recovery/api');
    await s.client().get(`/self-service/recovery/flows?id=${ANY_UUID}`);
    await s.client().post(`/self-service/recovery?flow=${ANY_UUID}`, { method: 'code', email: 'a@example.com' });
    await browser.get('/self-service/verification/browser');
    const verification = await browser.get('/self-service/verification/browser', NAVIGATION);
    await browser.get(`/self-service/errors?id=${new URL(verification.location).searchParams.get('id')}`);
    await s.client().get('/self-service/verification/api');
    await s.client().get(`/self-service/verification/flows?id=${ANY_UUID}`);
    await s.client().post(`/self-service/verification?flow=${ANY_UUID}`, { method: 'code', email: 'a@example.com' });
    const flow = (await browser.get('/self-service/registration/browser', AJAX, { record: false })).json;
    await register(browser, flow, { method: 'password', password: PASSWORD, traits: { email: s.newEmail('nover') } });
  },
  { recoveryEnabled: false, verificationEnabled: false },
);

script(
  '13: GET /self-service/errors: stub:500, ?error=, unknown and malformed ids → 404, a logout error',
  async (s) => {
    const browser = s.client();
    await browser.get('/self-service/errors?id=stub:500');
    await browser.get('/self-service/errors?id=stub:500', NAVIGATION);
    await browser.get('/self-service/errors?error=stub:500');
    await browser.get('/self-service/errors?id=stub:404');
    await browser.get(`/self-service/errors?id=${ANY_UUID}`);
    await browser.get('/self-service/errors?id=garbage');
    await browser.get('/self-service/errors');
    const logout = await browser.get('/self-service/logout/browser', NAVIGATION);
    await browser.get(`/self-service/errors?id=${new URL(logout.location).searchParams.get('id')}`);
  },
);
