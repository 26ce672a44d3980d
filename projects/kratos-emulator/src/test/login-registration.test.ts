/*
 * Registration (docs/kratos-protocol.md §8), the login rows beyond password and TOTP (§7: code, identifier-first,
 * OIDC sign-in and account linking, the deviations fixed against v1.3.1), the session token exchange (§9) and the
 * admin API with the courier (§10).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { EmulatorOptions } from '../config';
import { RunningEmulator } from '../server';
import { totpCode } from '../totp';
import { AJAX, apiLogin, Browser, browserLogin, csrfOf, emulator, Json, NAVIGATION, node } from './client';
import { conformanceTest } from './conformance';

const PASSWORD = 'A-good-pass-1234!';
const FORM = { ...NAVIGATION, 'Content-Type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** One emulator per configuration, reset before each test. */
const servers = new Map<string, RunningEmulator>();
async function server(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const key = JSON.stringify(options);
  let em = servers.get(key);
  if (!em) servers.set(key, (em = await emulator(options)));
  await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
  return em;
}
let em: RunningEmulator;
before(async () => (em = await server()));
beforeEach(async () => {
  await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
});
after(async () => {
  for (const running of servers.values()) await running.close();
});

const names = (flow: Json) => flow.ui.nodes.map((n: Json) => `${n.group}:${n.attributes.name ?? n.attributes.id}`);
const messageIds = (flow: Json) => (flow.ui.messages ?? []).map((m: Json) => m.id);

async function courier(base: RunningEmulator, email: string): Promise<Json[]> {
  const answer = await fetch(`${base.adminUrl}/admin/courier/messages?recipient=${encodeURIComponent(email)}`);
  assert.equal(answer.status, 200);
  return (await answer.json()) as Json[];
}
const codeIn = (message: Json | undefined) => /\d{6}/.exec(message?.body ?? '')?.[0] ?? '';

/** Follows the emulated provider's page to the callback, as a browser would. */
async function throughProvider(browser: Browser, authorize: string, loginHint?: string) {
  const url = new URL(authorize);
  if (loginHint) url.searchParams.set('login_hint', loginHint);
  const page = await browser.get(url.pathname + url.search, NAVIGATION);
  const href = /id="continue" href="([^"]+)"/.exec(page.text)?.[1]?.replace(/&(amp|#38);/g, '&');
  assert.ok(href, 'the provider page has a Continue link');
  return browser.get(new URL(href).pathname + new URL(href).search, NAVIGATION);
}

describe('§8 registration', () => {
  test('8.1: the first screen: traits, CSRF, method=profile, the provider; 303 to the UI by navigation', async () => {
    const browser = new Browser(em.url);
    const init = await browser.get('/self-service/registration/browser');
    assert.equal(init.status, 200);
    const flow = init.body as Json;
    assert.deepEqual(Object.keys(flow), [
      'id',
      'type',
      'expires_at',
      'issued_at',
      'request_url',
      'ui',
      'organization_id',
      'state',
    ]);
    assert.deepEqual(names(flow), [
      'oidc:provider',
      'default:traits.email',
      'default:traits.name.first',
      'default:traits.name.last',
      'default:csrf_token',
      'profile:method',
    ]);
    const nav = await new Browser(em.url).get('/self-service/registration/browser', NAVIGATION);
    assert.equal(nav.status, 303);
    assert.match(nav.location!, /\/ui\/registration\?flow=/);
    const got = await browser.get(`/self-service/registration/flows?id=${flow.id}`);
    assert.equal(got.status, 200);
    const stranger = await new Browser(em.url).get(`/self-service/registration/flows?id=${flow.id}`);
    assert.equal((stranger.body as Json).error.id, 'security_csrf_violation');
  });

  test('8.4 two-step: profile → 400 credential screen (1040009, screen=previous); back; password → 200 with the session', async () => {
    const browser = new Browser(em.url);
    const flow = (await browser.get('/self-service/registration/browser')).body as Json;
    const email = 'new-person@example.com';
    const step = await browser.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'profile',
      traits: { email, name: { first: 'New' } },
      csrf_token: csrfOf(flow),
    });
    assert.equal(step.status, 400);
    const second = step.body as Json;
    assert.deepEqual(messageIds(second), [1040009]);
    assert.deepEqual(second.transient_payload, {});
    assert.equal(node(second, 'traits.email').attributes.type, 'hidden');
    assert.equal(node(second, 'traits.name.first').attributes.value, 'New');
    assert.ok(names(second).includes('profile:screen'));
    const back = await browser.post(`/self-service/registration?flow=${flow.id}`, {
      screen: 'previous',
      traits: { email },
      csrf_token: csrfOf(flow),
    });
    assert.equal(back.status, 400);
    assert.equal(node(back.body as Json, 'traits.email').attributes.type, 'email');
    assert.equal(node(back.body as Json, 'traits.email').attributes.value, email);
    const done = await browser.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'password',
      password: PASSWORD,
      traits: { email },
      csrf_token: csrfOf(flow),
    });
    assert.equal(done.status, 200);
    const body = done.body as Json;
    assert.deepEqual(Object.keys(body), ['session', 'identity', 'continue_with']);
    assert.deepEqual(
      body.continue_with.map((item: Json) => item.action),
      ['redirect_browser_to', 'show_verification_ui'],
    );
    assert.ok(body.continue_with[1].flow.url);
    assert.equal(body.identity.credentials, undefined);
    assert.ok(browser.cookies.has('ory_kratos_session'));
    assert.equal((await browser.get('/sessions/whoami')).status, 200);
    // The verification hook queued a code at the courier.
    const messages = await courier(em, email);
    assert.equal(messages[0].template_type, 'verification_code_valid');
    // Signed in now: the inits refuse.
    const again = await browser.get('/self-service/registration/browser');
    assert.equal((again.body as Json).error.id, 'session_already_available');
    assert.equal(
      (again.body as Json).error.reason,
      'A valid session was detected and thus registration is not possible.',
    );
  });

  test('8.4 api: duplicate → 4000007; success → session_token and set_ory_session_token', async () => {
    const client = new Browser(em.url);
    const flow = (await client.get('/self-service/registration/api')).body as Json;
    assert.equal(flow.type, 'api');
    const dup = await client.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'password',
      password: PASSWORD,
      traits: { email: 'ada@example.com' },
    });
    assert.equal(dup.status, 400);
    assert.deepEqual(messageIds(dup.body as Json), [4000007]);
    const done = await client.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'password',
      password: PASSWORD,
      traits: { email: 'api-person@example.com' },
    });
    assert.equal(done.status, 200);
    const body = done.body as Json;
    assert.deepEqual(Object.keys(body), ['session_token', 'session', 'identity', 'continue_with']);
    assert.deepEqual(
      body.continue_with.map((item: Json) => item.action),
      ['show_verification_ui', 'set_ory_session_token'],
    );
    assert.equal(body.continue_with[1].ory_session_token, body.session_token);
    assert.equal(body.continue_with[0].flow.url, undefined);
  });

  test('8.4 rows 6, 9: schema errors before CSRF; password policy 4000032 / 4000031; no strategy 4010003', async () => {
    const browser = new Browser(em.url);
    const flow = (await browser.get('/self-service/registration/browser')).body as Json;
    const target = `/self-service/registration?flow=${flow.id}`;
    const bad = (await browser.post(target, { method: 'profile', traits: { email: 'nope' }, csrf_token: 'x' }))
      .body as Json;
    assert.equal(node(bad, 'traits.email').messages[0].text, '"nope" is not valid "email"');
    const none = (await browser.post(target, { traits: { email: 'x@example.com' }, csrf_token: csrfOf(flow) }))
      .body as Json;
    assert.deepEqual(messageIds(none), [4010003]);
    const short = await browser.post(target, {
      method: 'password',
      password: 'short',
      traits: { email: 'x@example.com' },
      csrf_token: csrfOf(flow),
    });
    assert.equal(node(short.body as Json, 'password').messages[0].id, 4000032);
    const similar = await browser.post(target, {
      method: 'password',
      password: 'x@example.com1',
      traits: { email: 'x@example.com' },
      csrf_token: csrfOf(flow),
    });
    assert.equal(node(similar.body as Json, 'password').messages[0].id, 4000031);
    const csrf = await browser.post(target, { method: 'profile', traits: { email: 'x@example.com' } });
    assert.equal((csrf.body as Json).error.id, 'security_csrf_violation');
    // Form posts: validation 302, the next screen 303.
    const invalid = await browser.request('POST', target, {
      headers: FORM,
      body: form({ method: 'password', 'traits.email': 'x@example.com', csrf_token: csrfOf(flow) }),
    });
    assert.equal(invalid.status, 302);
    const next = await browser.request('POST', target, {
      headers: FORM,
      body: form({ method: 'profile', 'traits.email': 'x@example.com', csrf_token: csrfOf(flow) }),
    });
    assert.equal(next.status, 303);
  });

  test('8.3, 8.4 row 4: an expired flow → 410 on GET (with the id) and on submit (use_flow_id)', async () => {
    const browser = new Browser(em.url);
    const flow = (await browser.get('/self-service/registration/browser')).body as Json;
    await fetch(`${em.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: 3700 }) });
    const got = await browser.get(`/self-service/registration/flows?id=${flow.id}`);
    assert.equal(got.status, 410);
    assert.equal((got.body as Json).error.id, 'self_service_flow_expired');
    const posted = await browser.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'profile',
      traits: { email: 'late@example.com' },
      csrf_token: csrfOf(flow),
    });
    assert.equal(posted.status, 410);
    const replacement = await browser.get(`/self-service/registration/flows?id=${(posted.body as Json).use_flow_id}`);
    assert.deepEqual(messageIds(replacement.body as Json), [4040001]);
  });

  test('options: registration off → self_service_flow_disabled; without the session hook no session', async () => {
    const off = await server({ registrationEnabled: false });
    const refused = await new Browser(off.url).get('/self-service/registration/browser');
    assert.equal((refused.body as Json).error.id, 'self_service_flow_disabled');
    const noHook = await server({ registrationSession: false });
    const client = new Browser(noHook.url);
    const flow = (await client.get('/self-service/registration/api')).body as Json;
    const done = await client.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'password',
      password: PASSWORD,
      traits: { email: 'nohook@example.com' },
    });
    assert.deepEqual(Object.keys(done.body as Json), ['identity', 'continue_with']);
  });

  test('one-step (legacy): password and the provider on the first screen; profile claims nothing', async () => {
    const one = await server({ legacyOneStepRegistration: true });
    const browser = new Browser(one.url);
    const flow = (await browser.get('/self-service/registration/browser')).body as Json;
    assert.ok(names(flow).includes('password:password'));
    const profile = await browser.post(`/self-service/registration?flow=${flow.id}`, {
      method: 'profile',
      traits: { email: 'one@example.com' },
      csrf_token: csrfOf(flow),
    });
    assert.deepEqual(messageIds(profile.body as Json), [4010003]);
  });

  test('code (passwordlessCode): sent (1040005), wrong (4040003), other traits (4000036), the code → verified', async () => {
    const coded = await server({ passwordlessCode: true });
    const browser = new Browser(coded.url);
    const flow = (await browser.get('/self-service/registration/browser')).body as Json;
    const email = 'coded@example.com';
    const target = `/self-service/registration?flow=${flow.id}`;
    const base = { method: 'code', traits: { email }, csrf_token: csrfOf(flow) };
    const sent = (await browser.post(target, base)).body as Json;
    assert.equal(sent.state, 'sent_email');
    assert.deepEqual(messageIds(sent), [1040005]);
    assert.equal((await browser.post(target, { ...base, code: '000000' })).status, 400);
    const other = (await browser.post(target, { ...base, traits: { email: `x${email}` }, code: '1' })).body as Json;
    assert.deepEqual(messageIds(other), [4000036]);
    const [message] = await courier(coded, email);
    assert.equal(message.template_type, 'registration_code_valid');
    const done = await browser.post(target, { ...base, code: codeIn(message) });
    assert.equal(done.status, 200);
    const body = done.body as Json;
    assert.equal(body.identity.verifiable_addresses[0].verified, true);
    assert.deepEqual(
      body.continue_with.map((item: Json) => item.action),
      ['redirect_browser_to'],
    );
  });
});

describe('§7 login beyond the password', () => {
  test('7.4 row 3: a signed-in submit → 400 flow with 4000001 (JSON), 303 to the default return URL (form)', async () => {
    const browser = new Browser(em.url);
    const spare = (await browser.get('/self-service/login/browser')).body as Json;
    await browserLogin(browser, 'ada@example.com', 'Lovelace-1815!');
    const body = { method: 'password', identifier: 'ada@example.com', password: 'x', csrf_token: csrfOf(spare) };
    const json = await browser.post(`/self-service/login?flow=${spare.id}`, body);
    assert.equal(json.status, 400);
    assert.equal((json.body as Json).ui.messages[0].id, 4000001);
    const nav = await browser.request('POST', `/self-service/login?flow=${spare.id}`, {
      headers: FORM,
      body: form(body),
    });
    assert.equal(nav.status, 303);
  });

  test('7.1: refresh by Go ParseBool, aal lower-cased, aal3 → 400; return_to before the session', async () => {
    const browser = new Browser(em.url);
    await browserLogin(browser, 'ada@example.com', 'Lovelace-1815!');
    assert.equal(((await browser.get('/self-service/login/browser?refresh=TRUE')).body as Json).refresh, true);
    assert.equal(((await browser.get('/self-service/login/browser?refresh=1')).body as Json).refresh, true);
    const yes = await browser.get('/self-service/login/browser?refresh=yes');
    assert.equal((yes.body as Json).error.id, 'session_already_available');
    assert.equal((yes.body as Json).error.message, 'you are already logged in');
    const evil = await browser.get('/self-service/login/browser?return_to=https%3A%2F%2Fevil.example%2F');
    assert.equal((evil.body as Json).error.id, 'self_service_flow_return_to_forbidden');
    const aal3 = await new Browser(em.url).get('/self-service/login/browser?aal=aal3');
    assert.equal(aal3.status, 400);
    const upper = await new Browser(em.url).get('/self-service/login/browser?aal=AAL2');
    assert.equal((upper.body as Json).error.id, 'session_aal1_required');
    // AcceptsJSON decides the signed-in answer: Content-Type alone gets the redirect.
    const typed = await browser.get('/self-service/login/browser', { 'Content-Type': 'application/json' });
    assert.equal(typed.status, 303);
  });

  test('7.4 rows 4, 5, 7: aal2 without a session → 401; expired aal2 flow with a session → 400 old flow; 4000002', async () => {
    const browser = new Browser(em.url);
    await browserLogin(browser, 'grace@example.com', 'Hopper-1906!');
    const aal2 = (await browser.get('/self-service/login/browser?aal=aal2')).body as Json;
    const cookie = browser.cookies.get('ory_kratos_session')!;
    browser.cookies.delete('ory_kratos_session');
    const signedOut = await browser.post(`/self-service/login?flow=${aal2.id}`, {
      method: 'totp',
      totp_code: '000000',
      csrf_token: csrfOf(aal2),
    });
    assert.equal((signedOut.body as Json).error.id, 'session_aal1_required');
    browser.cookies.set('ory_kratos_session', cookie);
    await fetch(`${em.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: 3700 }) });
    const expired = await browser.post(`/self-service/login?flow=${aal2.id}`, {
      method: 'totp',
      totp_code: '000000',
      csrf_token: csrfOf(aal2),
    });
    assert.equal(expired.status, 400);
    assert.equal((expired.body as Json).id, aal2.id);
    assert.equal((expired.body as Json).ui.messages[0].id, 4000001);
    const fresh = new Browser(em.url);
    const flow = (await fresh.get('/self-service/login/browser')).body as Json;
    const missing = (await fresh.post(`/self-service/login?flow=${flow.id}`, { method: 'password' })).body as Json;
    assert.equal(node(missing, 'identifier').messages[0].text, 'Property identifier is missing.');
    assert.equal(node(missing, 'password').messages[0].text, 'Property password is missing.');
  });

  test('api step-up: {session_token, session, continue_with: null}, the same token at aal2', async () => {
    const client = new Browser(em.url);
    const flow = (await client.get('/self-service/login/api')).body as Json;
    const first = (
      await client.post(`/self-service/login?flow=${flow.id}`, {
        method: 'password',
        identifier: 'grace@example.com',
        password: 'Hopper-1906!',
      })
    ).body as Json;
    assert.equal(first.session.identity, null);
    const headers = { ...AJAX, 'X-Session-Token': first.session_token };
    const step = (await client.get('/self-service/login/api?aal=aal2', headers)).body as Json;
    const now = new Date(((await (await fetch(`${em.url}/__emulator/clock`)).json()) as Json).unix * 1000);
    const done = await client.post(
      `/self-service/login?flow=${step.id}`,
      { method: 'totp', totp_code: totpCode('JBSWY3DPEHPK3PXP', now) },
      { ...headers, 'Content-Type': 'application/json' },
    );
    assert.equal(done.status, 200);
    const body = done.body as Json;
    assert.deepEqual(Object.keys(body), ['session_token', 'session', 'continue_with']);
    assert.equal(body.session_token, first.session_token);
    assert.equal(body.session.authenticator_assurance_level, 'aal2');
    assert.equal(body.continue_with, null);
    const used = (await client.get(`/self-service/login/flows?id=${flow.id}`)).body as Json;
    assert.equal(used.active, 'password');
  });

  test('code (passwordlessCode): sent (1010014), wrong (4010008), the courier’s code → signed in by code', async () => {
    const coded = await server({ passwordlessCode: true });
    const client = new Browser(coded.url);
    const flow = (await client.get('/self-service/login/api')).body as Json;
    assert.ok(names(flow).includes('code:method'));
    const target = `/self-service/login?flow=${flow.id}`;
    const sent = (await client.post(target, { method: 'code', identifier: 'ada@example.com' })).body as Json;
    assert.equal(sent.state, 'sent_email');
    assert.equal(sent.active, 'code');
    assert.deepEqual(messageIds(sent), [1010014]);
    const wrong = (await client.post(target, { method: 'code', identifier: 'ada@example.com', code: '000000' }))
      .body as Json;
    assert.deepEqual(messageIds(wrong), [4010008]);
    const [message] = await courier(coded, 'ada@example.com');
    assert.equal(message.template_type, 'login_code_valid');
    const done = await client.post(target, { method: 'code', identifier: 'ada@example.com', code: codeIn(message) });
    assert.equal(done.status, 200);
    assert.equal((done.body as Json).session.authentication_methods[0].method, 'code');
    const unknown = (
      await client.post(`/self-service/login?flow=${((await client.get('/self-service/login/api')).body as Json).id}`, {
        method: 'code',
        identifier: 'nobody@example.com',
      })
    ).body as Json;
    assert.deepEqual(messageIds(unknown), [4000035]);
  });

  test('identifier-first: the identifier, then the account’s methods (or 4000037), then the password', async () => {
    const idf = await server({ loginStyle: 'identifier_first' });
    const browser = new Browser(idf.url);
    const flow = (await browser.get('/self-service/login/browser')).body as Json;
    assert.deepEqual(names(flow), [
      'identifier_first:identifier',
      'identifier_first:method',
      'oidc:provider',
      'default:csrf_token',
    ]);
    const target = `/self-service/login?flow=${flow.id}`;
    const unknown = (
      await browser.post(target, { method: 'identifier_first', identifier: 'x@example.com', csrf_token: csrfOf(flow) })
    ).body as Json;
    assert.equal(node(unknown, 'identifier').messages[0].id, 4000037);
    const second = (await browser.post(target, { identifier: 'ada@example.com', csrf_token: csrfOf(flow) }))
      .body as Json;
    assert.equal(second.active, 'identifier_first');
    assert.equal(node(second, 'identifier').attributes.type, 'hidden');
    assert.ok(names(second).includes('password:password'));
    const done = await browser.post(target, {
      method: 'password',
      identifier: 'ada@example.com',
      password: 'Lovelace-1815!',
      csrf_token: csrfOf(flow),
    });
    assert.equal(done.status, 200);
  });

  test('OIDC: a new subject registers and signs in; the same subject signs in again', async () => {
    const browser = new Browser(em.url);
    const flow = (await browser.get('/self-service/login/browser')).body as Json;
    const start = await browser.post(`/self-service/login?flow=${flow.id}`, { provider: 'emulated' });
    assert.equal(start.status, 422);
    assert.equal((start.body as Json).error.id, 'browser_location_change_required');
    assert.ok(browser.cookies.has('ory_kratos_continuity'));
    const back = await throughProvider(browser, (start.body as Json).redirect_browser_to, 'oidc-new@example.com');
    assert.equal(back.status, 303);
    assert.ok(browser.cookies.has('ory_kratos_session'));
    const session = (await browser.get('/sessions/whoami')).body as Json;
    assert.deepEqual(session.authentication_methods[0].method, 'oidc');
    assert.equal(session.authentication_methods[0].provider, 'emulated');
    assert.equal(session.identity.traits.email, 'oidc-new@example.com');
    const again = new Browser(em.url);
    const second = (await again.get('/self-service/login/browser')).body as Json;
    const start2 = await again.post(`/self-service/login?flow=${second.id}`, { provider: 'emulated' });
    await throughProvider(again, (start2.body as Json).redirect_browser_to, 'oidc-new@example.com');
    assert.equal(((await again.get('/sessions/whoami')).body as Json).identity.id, session.identity.id);
    // Without the continuity cookie of the browser that started it, the callback is refused (error UI).
    const starter = new Browser(em.url);
    const third = (await starter.get('/self-service/login/browser')).body as Json;
    const start3 = await starter.post(`/self-service/login?flow=${third.id}`, { provider: 'emulated' });
    const elsewhere = await throughProvider(new Browser(em.url), (start3.body as Json).redirect_browser_to);
    assert.equal(elsewhere.status, 303);
    assert.match(elsewhere.location!, /\/ui\/error\?id=/);
    const unknown = await new Browser(em.url).post(
      `/self-service/login?flow=${((await new Browser(em.url).get('/self-service/login/api')).body as Json).id}`,
      { provider: 'nope' },
    );
    assert.equal(unknown.status, 404);
  });

  test('OIDC with the email of an existing identity → account linking (1010016); her password links the provider', async () => {
    const browser = new Browser(em.url);
    const flow = (await browser.get('/self-service/registration/browser')).body as Json;
    const start = await browser.post(`/self-service/registration?flow=${flow.id}`, { provider: 'emulated' });
    const back = await throughProvider(browser, (start.body as Json).redirect_browser_to, 'ada@example.com');
    assert.equal(back.status, 303);
    const link = new URL(back.location!);
    assert.equal(link.searchParams.get('no_org_ui'), 'true');
    const linking = (await browser.get(`/self-service/login/flows?id=${link.searchParams.get('flow')}`)).body as Json;
    assert.equal(linking.active, 'oidc');
    assert.deepEqual(messageIds(linking), [1010016]);
    assert.equal(node(linking, 'identifier').attributes.type, 'hidden');
    const done = await browser.post(`/self-service/login?flow=${linking.id}`, {
      method: 'password',
      identifier: 'ada@example.com',
      password: 'Lovelace-1815!',
      csrf_token: csrfOf(linking),
    });
    assert.equal(done.status, 200);
    assert.deepEqual(
      (done.body as Json).session.authentication_methods.map((m: Json) => m.method),
      ['password', 'oidc'],
    );
    // Linked: the provider now signs ada in directly.
    const later = new Browser(em.url);
    const next = (await later.get('/self-service/login/browser')).body as Json;
    const start2 = await later.post(`/self-service/login?flow=${next.id}`, { provider: 'emulated' });
    await throughProvider(later, (start2.body as Json).redirect_browser_to, 'ada@example.com');
    assert.equal(((await later.get('/sessions/whoami')).body as Json).identity.traits.email, 'ada@example.com');
  });

  test('§9 token exchange: an api flow with return_session_token_exchange_code, OIDC in a browser, the exchange', async () => {
    const app = new Browser(em.url);
    const flow = (await app.get('/self-service/login/api?return_session_token_exchange_code=true')).body as Json;
    assert.equal(typeof flow.session_token_exchange_code, 'string');
    assert.equal(flow.session_token_exchange_code.length, 64);
    const start = await app.post(`/self-service/login?flow=${flow.id}`, { provider: 'emulated' });
    const browser = new Browser(em.url); // the system browser, without the app's continuity cookie
    const back = await throughProvider(browser, (start.body as Json).redirect_browser_to, 'native@example.com');
    assert.equal(back.status, 303);
    const code = new URL(back.location!).searchParams.get('code');
    assert.equal(code?.length, 64);
    assert.ok(!browser.cookies.has('ory_kratos_session'));
    const missing = await app.get('/sessions/token-exchange?init_code=x');
    assert.equal(missing.status, 400);
    const wrong = await app.get(
      `/sessions/token-exchange?init_code=${flow.session_token_exchange_code}&return_to_code=x`,
    );
    assert.equal(wrong.status, 404);
    const exchanged = await app.get(
      `/sessions/token-exchange?init_code=${flow.session_token_exchange_code}&return_to_code=${code}`,
    );
    assert.equal(exchanged.status, 200);
    const token = (exchanged.body as Json).session_token;
    const whoami = await app.get('/sessions/whoami', { ...AJAX, 'X-Session-Token': token });
    assert.equal((whoami.body as Json).identity.traits.email, 'native@example.com');
  });
});

describe('admin API (own port, loopback)', () => {
  test('POST /admin/identities: 201 with credentials and Location; 409 for a taken email; 400 for bad traits', async () => {
    const created = await fetch(`${em.adminUrl}/admin/identities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        schema_id: 'default',
        traits: { email: 'seeded@example.com' },
        credentials: { password: { config: { password: PASSWORD } } },
      }),
    });
    assert.equal(created.status, 201);
    const identity = (await created.json()) as Json;
    assert.deepEqual(Object.keys(identity.credentials), ['password', 'webauthn']);
    assert.equal(created.headers.get('location'), `${em.adminUrl}/identities/${identity.id}`);
    assert.ok(await apiLogin(em.url, 'seeded@example.com', PASSWORD));
    const again = await fetch(`${em.adminUrl}/admin/identities`, {
      method: 'POST',
      body: JSON.stringify({ traits: { email: 'seeded@example.com' } }),
    });
    assert.equal(again.status, 409);
    const bad = await fetch(`${em.adminUrl}/admin/identities`, {
      method: 'POST',
      body: JSON.stringify({ traits: { email: 'nope' } }),
    });
    assert.equal(bad.status, 400);
    const list = (await (await fetch(`${em.adminUrl}/admin/identities`)).json()) as Json[];
    assert.equal(list.length, 3);
    assert.ok(list.every((entry) => entry.credentials === undefined && entry.metadata_admin === null));
    const one = await fetch(`${em.adminUrl}/admin/identities/${identity.id}`);
    assert.equal(((await one.json()) as Json).traits.email, 'seeded@example.com');
    assert.equal((await fetch(`${em.adminUrl}/admin/nothing`)).status, 404);
    // The public port does not serve the admin API.
    assert.equal((await fetch(`${em.url}/admin/identities`)).status, 404);
  });

  test('GET /admin/courier/messages?recipient=: newest first, X-Total-Count, v1.3.1’s template bodies', async () => {
    const browser = new Browser(em.url);
    await browserLogin(browser, 'ada@example.com', 'Lovelace-1815!');
    const flow = (await browser.get('/self-service/settings/browser')).body as Json;
    await browser.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'profile',
      traits: { email: 'ada@example.com', name: { first: 'Ada' } },
      csrf_token: csrfOf(flow),
    });
    const answer = await fetch(`${em.adminUrl}/admin/courier/messages?recipient=ada%40example.com`);
    assert.equal(answer.headers.get('x-total-count'), '1');
    const [message] = (await answer.json()) as Json[];
    assert.deepEqual(Object.keys(message), [
      'id',
      'status',
      'type',
      'recipient',
      'body',
      'subject',
      'template_type',
      'channel',
      'send_count',
      'created_at',
      'updated_at',
    ]);
    assert.equal(message.status, 'queued');
    assert.match(message.body, /^Hi,\n\nplease verify your account by entering the following code:\n\n\d{6}\n/);
  });
});

conformanceTest();
