/*
 * Around the settings flow: login (password, TOTP step-up, refresh), whoami, logout, test controls, CORS, bad input.
 * Sections (§) are those of docs/kratos-protocol.md.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { negotiate } from '../negotiation';
import { RunningEmulator } from '../server';
import { totpCode } from '../totp';
import { AJAX, apiLogin, Browser, browserLogin, csrfOf, emulator, Json, NAVIGATION, node, statuses } from './client';
import { conformanceTest } from './conformance';

let em: RunningEmulator;
before(async () => (em = await emulator({ allowedOrigins: ['http://127.0.0.1:4200'] })));
after(() => em.close());
beforeEach(async () => {
  await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
});

const clockNow = async () =>
  new Date(((await (await fetch(`${em.url}/__emulator/clock`)).json()) as { unix: number }).unix * 1000);

describe('§1.1 content negotiation (golang/gddo)', () => {
  const offers = ['text/html', 'text/*', '*/*', 'application/json'];
  for (const [accept, expected] of [
    ['application/json', 'application/json'],
    ['application/json, text/plain, */*', 'application/json'],
    ['*/*', 'text/html'],
    [undefined, 'text/html'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
    ['application/json;q=0.5, text/html;q=0.4', 'application/json'],
    ['text/*;q=0.9, application/json;q=0', 'text/html'],
    // gddo stops at a parameter other than q, and its media ranges are case-sensitive.
    ['application/json; charset=utf-8', 'text/html'],
    ['Application/JSON', 'text/html'],
    // gddo reads q=1.2 and stops at ".3": the spec stays, with a q above 1.
    ['application/json;q=1.2.3', 'application/json'],
    ['text/html;level=1, application/json', 'text/html'],
  ] as const) {
    test(`${accept ?? '(none)'} → ${expected}`, () => assert.equal(negotiate(accept, offers, 'text/html'), expected));
  }
});

describe('login', () => {
  test('browser login with a wrong password → 400 flow with 4000006; then success sets the session cookie', async () => {
    const browser = new Browser(em.url);
    const flow = (await browser.get('/self-service/login/browser')).body as Json;
    const wrong = await browser.post(`/self-service/login?flow=${flow.id}`, {
      method: 'password',
      identifier: 'ada@example.com',
      password: 'nope',
      csrf_token: csrfOf(flow),
    });
    assert.equal(wrong.status, 400);
    assert.equal((wrong.body as Json).ui.messages[0].id, 4000006);
    const ok = await browser.post(`/self-service/login?flow=${flow.id}`, {
      method: 'password',
      identifier: 'ada@example.com',
      password: 'Lovelace-1815!',
      csrf_token: csrfOf(flow),
    });
    assert.equal(ok.status, 200);
    assert.equal((ok.body as Json).session.identity.traits.email, 'ada@example.com');
    assert.ok(browser.cookies.has('ory_kratos_session'));
  });

  test('browser login (B): 303 to the login UI, and after the form post 303 to return_to', async () => {
    const browser = new Browser(em.url);
    const returnTo = `${em.url}/self-service/settings/browser`;
    const init = await browser.get(`/self-service/login/browser?return_to=${encodeURIComponent(returnTo)}`, NAVIGATION);
    assert.equal(init.status, 303);
    const id = new URL(init.location!).searchParams.get('flow');
    const flow = (await browser.get(`/self-service/login/flows?id=${id}`)).body as Json;
    const done = await browser.post(
      `/self-service/login?flow=${id}`,
      `method=password&identifier=ada%40example.com&password=Lovelace-1815!&csrf_token=${encodeURIComponent(csrfOf(flow))}`,
      { 'Content-Type': 'application/x-www-form-urlencoded', ...NAVIGATION },
    );
    assert.equal(done.status, 303);
    assert.equal(done.location, returnTo);
  });

  test('with a session, a plain login is refused with session_already_available', async () => {
    const browser = new Browser(em.url);
    await browserLogin(browser, 'ada@example.com', 'Lovelace-1815!');
    const again = await browser.get('/self-service/login/browser');
    assert.equal(again.status, 400);
    assert.equal((again.body as Json).error.id, 'session_already_available');
  });

  test('a TOTP identity: the password login answers 422 to the AAL2 login (303 for a form post), the api login a token without the identity', async () => {
    const browser = new Browser(em.url);
    const after = `${em.url}/self-service/settings/browser`;
    const flow = (await browser.get(`/self-service/login/browser?return_to=${encodeURIComponent(after)}`)).body as Json;
    const login = { method: 'password', identifier: 'grace@example.com', password: 'Hopper-1906!' };
    const json = await browser.post(`/self-service/login?flow=${flow.id}`, { ...login, csrf_token: csrfOf(flow) });
    assert.equal(json.status, 422);
    const target = `${em.url}/self-service/login/browser?aal=aal2&return_to=${encodeURIComponent(after)}`;
    assert.equal((json.body as Json).redirect_browser_to, target);
    assert.ok(browser.cookies.has('ory_kratos_session'), 'the AAL1 session is set on that answer');
    const form = new Browser(em.url);
    const formFlow = (await form.get('/self-service/login/browser')).body as Json;
    const posted = await form.post(
      `/self-service/login?flow=${formFlow.id}`,
      new URLSearchParams({ ...login, csrf_token: csrfOf(formFlow) }).toString(),
      { ...NAVIGATION, 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    assert.equal(posted.status, 303);
    assert.equal(posted.location, `${em.url}/self-service/login/browser?aal=aal2`);
    const apiFlow = (await new Browser(em.url).get('/self-service/login/api')).body as Json;
    const api = await new Browser(em.url).post(`/self-service/login?flow=${apiFlow.id}`, login);
    assert.equal(api.status, 200);
    assert.ok((api.body as Json).session_token);
    assert.equal((api.body as Json).session.identity, null);
    assert.equal((api.body as Json).continue_with, null);
  });

  test('aal=aal2 step-up with a TOTP code from the emulator clock; whoami then passes', async () => {
    const browser = new Browser(em.url);
    await browserLogin(browser, 'grace@example.com', 'Hopper-1906!');
    const before = await browser.get('/sessions/whoami');
    assert.equal(before.status, 403);
    assert.equal((before.body as Json).error.id, 'session_aal2_required');
    const flow = (await browser.get('/self-service/login/browser?aal=aal2')).body as Json;
    assert.equal(flow.requested_aal, 'aal2');
    node(flow, 'totp_code');
    const wrong = await browser.post(`/self-service/login?flow=${flow.id}`, {
      method: 'totp',
      totp_code: '000000',
      csrf_token: csrfOf(flow),
    });
    assert.equal(wrong.status, 400);
    // The error replaces the flow's "complete the second challenge" info.
    assert.deepEqual(
      (wrong.body as Json).ui.messages.map((m: Json) => m.id),
      [4000008],
    );
    const ok = await browser.post(`/self-service/login?flow=${flow.id}`, {
      method: 'totp',
      totp_code: totpCode('JBSWY3DPEHPK3PXP', await clockNow()),
      csrf_token: csrfOf(flow),
    });
    assert.equal(ok.status, 200);
    const whoami = await browser.get('/sessions/whoami');
    assert.equal(whoami.status, 200);
    assert.equal((whoami.body as Json).authenticator_assurance_level, 'aal2');
    assert.equal(whoami.headers.get('x-kratos-authenticated-identity-id'), (whoami.body as Json).identity.id);
  });

  test('aal=aal2 without a session → 401 session_aal1_required', async () => {
    const answer = await new Browser(em.url).get('/self-service/login/browser?aal=aal2');
    assert.equal(answer.status, 401);
    assert.equal((answer.body as Json).error.id, 'session_aal1_required');
  });

  test('refresh=true keeps the session and renews authenticated_at; another identity’s credentials sign that one in', async () => {
    const browser = new Browser(em.url);
    await browserLogin(browser, 'ada@example.com', 'Lovelace-1815!');
    const first = (await browser.get('/sessions/whoami')).body as Json;
    await fetch(`${em.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: 120 }) });
    const flow = (await browser.get('/self-service/login/browser?refresh=true')).body as Json;
    assert.equal(flow.refresh, true);
    const ok = await browser.post(`/self-service/login?flow=${flow.id}`, {
      method: 'password',
      identifier: 'ada@example.com',
      password: 'Lovelace-1815!',
      csrf_token: csrfOf(flow),
    });
    assert.equal(ok.status, 200);
    const second = (await browser.get('/sessions/whoami')).body as Json;
    assert.equal(second.id, first.id);
    assert.ok(new Date(second.authenticated_at) > new Date(first.authenticated_at));
    assert.deepEqual(
      second.authentication_methods.map((m: Json) => m.method),
      ['password', 'password'],
    );
    // §7.4 "Refresh": "re-authenticate as another user" (real v1.3.1 signed grace in on ada's refresh flow).
    const again = (await browser.get('/self-service/login/browser?refresh=true')).body as Json;
    const other = await browser.post(`/self-service/login?flow=${again.id}`, {
      method: 'password',
      identifier: 'grace@example.com',
      password: 'Hopper-1906!',
      csrf_token: csrfOf(again),
    });
    assert.equal(other.status, 422);
    assert.match((other.body as Json).redirect_browser_to, /\/self-service\/login\/browser\?aal=aal2$/);
    const whoami = await browser.get('/sessions/whoami');
    assert.equal((whoami.body as Json).error.id, 'session_aal2_required');
  });

  test('api login returns a session token that works as X-Session-Token and as Bearer', async () => {
    const token = await apiLogin(em.url, 'ada@example.com', 'Lovelace-1815!');
    assert.equal((await new Browser(em.url).get('/sessions/whoami', { 'X-Session-Token': token })).status, 200);
    assert.equal((await new Browser(em.url).get('/sessions/whoami', { Authorization: `Bearer ${token}` })).status, 200);
  });

  test('an api login submitted with an Origin header or cookies (a browser) → 400 flow with 4000001, no token', async () => {
    const json = { ...AJAX, 'Content-Type': 'application/json' };
    const login = { method: 'password', identifier: 'ada@example.com', password: 'Lovelace-1815!' };
    for (const [headers, key] of [
      [{ ...json, Origin: 'http://127.0.0.1:4200' }, '"Origin" key'],
      [{ ...json, Cookie: 'some=cookie' }, '"Cookie" key'],
    ] as const) {
      const client = new Browser(em.url);
      const flow = (await client.get('/self-service/login/api')).body as Json;
      const refused = await client.post(`/self-service/login?flow=${flow.id}`, login, headers);
      assert.equal(refused.status, 400);
      const body = refused.body as Json;
      assert.equal(body.session_token, undefined);
      assert.equal(body.ui.messages[0].id, 4000001);
      assert.ok(body.ui.messages[0].text.includes(key), body.ui.messages[0].text);
      // Cloudflare's own cookies do not count, as in Kratos.
      const cloudflare = await client.post(`/self-service/login?flow=${flow.id}`, login, {
        ...json,
        Cookie: '__cf_bm=x',
      });
      assert.equal(cloudflare.status, 200);
    }
  });
});

describe('whoami and logout', () => {
  test('whoami without a session → the id-less 401 (§2.5)', async () => {
    const answer = await new Browser(em.url).get('/sessions/whoami');
    assert.equal(answer.status, 401);
    assert.deepEqual(answer.body, {
      error: {
        code: 401,
        status: 'Unauthorized',
        reason: 'No valid session credentials found in the request.',
        message: 'The request could not be authorized',
      },
    });
  });

  test('browser logout: logout_url ends the session and clears the cookie', async () => {
    const browser = new Browser(em.url);
    await browserLogin(browser, 'ada@example.com', 'Lovelace-1815!');
    const flow = (await browser.get('/self-service/logout/browser')).body as Json;
    assert.match(flow.logout_url, /\/self-service\/logout\?token=/);
    const done = await browser.get(flow.logout_url, NAVIGATION);
    assert.equal(done.status, 303);
    assert.equal(browser.cookies.has('ory_kratos_session'), false);
    assert.equal((await browser.get('/sessions/whoami')).status, 401);
  });

  test('api logout: DELETE with the token → 204; the token no longer works', async () => {
    const token = await apiLogin(em.url, 'ada@example.com', 'Lovelace-1815!');
    const client = new Browser(em.url);
    const done = await client.request('DELETE', '/self-service/logout/api', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session_token: token }),
    });
    assert.equal(done.status, 204);
    assert.equal((await client.get('/sessions/whoami', { 'X-Session-Token': token })).status, 401);
    const again = await client.request('DELETE', '/self-service/logout/api', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session_token: token }),
    });
    // v1.3.1 finds the revoked session and revokes it again; a token it never issued is a 403.
    assert.equal(again.status, 204);
    const unknown = await client.request('DELETE', '/self-service/logout/api', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session_token: 'ory_st_unknown' }),
    });
    assert.equal(unknown.status, 403);
  });

  test('with a session: aal=aal2 for an AAL1 session gives a flow (even without a second factor); at AAL2 it is session_already_available', async () => {
    const ada = new Browser(em.url);
    await browserLogin(ada, 'ada@example.com', 'Lovelace-1815!');
    const flow = await ada.get('/self-service/login/browser?aal=aal2');
    assert.equal(flow.status, 200);
    assert.deepEqual(
      (flow.body as Json).ui.nodes.map((n: Json) => n.attributes.name),
      ['csrf_token'],
    );
    assert.equal((flow.body as Json).ui.messages[0].id, 1010004);
  });
});

describe('test controls', () => {
  test('the request log records method, path, query and selected headers, and can be cleared', async () => {
    await fetch(`${em.url}/__emulator/requests`, { method: 'DELETE' });
    await new Browser(em.url).get('/self-service/settings/flows?id=abc', { ...AJAX, 'X-Session-Token': 'secret' });
    const log = (await (await fetch(`${em.url}/__emulator/requests`)).json()) as Json[];
    assert.equal(log.length, 1);
    assert.equal(log[0].path, '/self-service/settings/flows');
    assert.deepEqual(log[0].query, { id: 'abc' });
    assert.equal(log[0].headers['x-session-token'], '<present>');
    assert.equal(log[0].status, 401);
  });

  test('the clock advances flows, sessions and TOTP together; reset restores the seed', async () => {
    const before = await clockNow();
    const answer = await fetch(`${em.url}/__emulator/clock`, {
      method: 'POST',
      body: JSON.stringify({ advance_seconds: 90_000 }),
    });
    assert.equal(answer.status, 200);
    assert.ok((await clockNow()).getTime() - before.getTime() >= 90_000_000);
    const bad = await fetch(`${em.url}/__emulator/clock`, { method: 'POST', body: '{"advance_seconds":"x"}' });
    assert.equal(bad.status, 400);
    for (const absurd of [1e20, -1e12]) {
      const refused = await fetch(`${em.url}/__emulator/clock`, {
        method: 'POST',
        body: JSON.stringify({ advance_seconds: absurd }),
      });
      assert.equal(refused.status, 400);
    }
    assert.equal((await fetch(`${em.url}/__emulator/clock`)).status, 200);
    assert.equal((await fetch(`${em.url}/self-service/login/api`)).status, 200);
  });

  const stats = async () =>
    (await (await fetch(`${em.url}/__emulator/stats`)).json()) as { open: number; served: number };
  const setLatency = (body: string) => fetch(`${em.url}/__emulator/latency`, { method: 'POST', body });

  test('stats: nothing open at rest, answered requests counted as served, test controls not; reset zeroes it', async () => {
    assert.deepEqual(await stats(), { open: 0, served: 0 });
    await new Browser(em.url).get('/sessions/whoami');
    await new Browser(em.url).get('/self-service/nothing');
    await fetch(`${em.url}/__emulator/clock`);
    assert.deepEqual(await stats(), { open: 0, served: 2 });
    await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
    assert.deepEqual(await stats(), { open: 0, served: 0 });
  });

  test('latency: GET and POST {"ms"}; bad input → 400; reset clears it', async () => {
    assert.deepEqual(await (await fetch(`${em.url}/__emulator/latency`)).json(), { ms: 0 });
    const set = await setLatency('{"ms":120}');
    assert.equal(set.status, 200);
    assert.deepEqual(await set.json(), { ms: 120 });
    assert.deepEqual(await (await fetch(`${em.url}/__emulator/latency`)).json(), { ms: 120 });
    const started = Date.now();
    assert.equal((await fetch(`${em.url}/health/alive`)).status, 200);
    assert.ok(Date.now() - started >= 100, 'a non-control request waits for the latency');
    // Test controls are not delayed: with a latency far longer than any scheduling hiccup, a control answers at once.
    await setLatency('{"ms":5000}');
    const control = Date.now();
    await stats();
    assert.ok(Date.now() - control < 2500, 'test controls are not delayed');
    await setLatency('{"ms":120}');
    for (const bad of ['{"ms":-1}', '{"ms":60001}', '{"ms":1.5}', '{"ms":"100"}', '{}', 'null', 'nope', '']) {
      const answer = await setLatency(bad);
      assert.equal(answer.status, 400, bad);
      assert.match(((await answer.json()) as Json).error.message, /Expected \{"ms": <integer from 0 to 60000>\}/);
    }
    assert.deepEqual(await (await fetch(`${em.url}/__emulator/latency`)).json(), { ms: 120 });
    assert.equal((await setLatency('{"ms":60000}')).status, 200);
    await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
    assert.deepEqual(await (await fetch(`${em.url}/__emulator/latency`)).json(), { ms: 0 });
  });

  test('a request the client aborts during the latency is not handled and does not stay open', async () => {
    await setLatency('{"ms":1000}');
    const controller = new AbortController();
    const pending = fetch(`${em.url}/self-service/settings/browser`, { headers: AJAX, signal: controller.signal });
    // Wait until the server holds it (polled, not a fixed sleep, so that a loaded machine cannot fail this).
    for (let tries = 0; (await stats()).open !== 1 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal((await stats()).open, 1);
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    const deadline = Date.now() + 1000;
    let now = await stats();
    while (now.open !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      now = await stats();
    }
    assert.deepEqual(now, { open: 0, served: 0 });
    // Past the latency it still was not handled: no answer was recorded for it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const log = (await (await fetch(`${em.url}/__emulator/requests`)).json()) as Json[];
    assert.equal(log.length, 1);
    assert.equal(log[0].status, undefined);
    assert.deepEqual(await stats(), { open: 0, served: 0 });
    await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
  });

  test('faults: the next `count` requests get a gateway status and page, then Kratos answers again; bad input → 400', async () => {
    const setFaults = (body: string) => fetch(`${em.url}/__emulator/faults`, { method: 'POST', body });
    const set = await setFaults('{"status":503,"count":2}');
    assert.deepEqual(await set.json(), { status: 503, count: 2 });
    // Plain fetch, not Browser: these deliberate 5xx stay out of the file's no-5xx check.
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(`${em.url}/sessions/whoami`, { headers: AJAX });
      assert.equal(answer.status, 503);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
    }
    assert.equal((await fetch(`${em.url}/sessions/whoami`, { headers: AJAX })).status, 401);
    assert.deepEqual(await (await fetch(`${em.url}/__emulator/faults`)).json(), { status: 503, count: 0 });
    for (const bad of ['{"status":404,"count":1}', '{"status":503,"count":-1}', '{"status":503}', 'nope']) {
      assert.equal((await setFaults(bad)).status, 400, bad);
    }
    await setFaults('{"status":502,"count":5}');
    await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
    assert.deepEqual(await (await fetch(`${em.url}/__emulator/faults`)).json(), { status: 503, count: 0 });
  });

  test('without --test-controls they do not exist', async () => {
    const plain = await emulator({ testControls: false });
    try {
      assert.equal((await fetch(`${plain.url}/__emulator/reset`, { method: 'POST' })).status, 404);
      assert.equal((await fetch(`${plain.url}/__emulator/stats`)).status, 404);
      assert.equal((await fetch(`${plain.url}/__emulator/latency`, { method: 'POST', body: '{"ms":1}' })).status, 404);
      assert.equal((await fetch(`${plain.url}/__emulator/faults`)).status, 404);
    } finally {
      await plain.close();
    }
  });
});

describe('CORS (§1.6)', () => {
  test('a named origin gets credentials and X-Session-Token in the preflight, echoed as asked (rs/cors)', async () => {
    const answer = await fetch(`${em.url}/self-service/settings/flows`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:4200',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-session-token',
      },
    });
    assert.equal(answer.status, 204);
    assert.equal(answer.headers.get('access-control-allow-origin'), 'http://127.0.0.1:4200');
    assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(answer.headers.get('access-control-allow-headers'), 'x-session-token');
    assert.equal(answer.headers.get('access-control-allow-methods'), 'GET');
    assert.equal(answer.headers.get('access-control-expose-headers'), null);
    assert.equal(answer.headers.get('vary'), 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
  });

  test('a preflight from another origin, or for a header not allowed, gets its Vary only', async () => {
    for (const [origin, header] of [
      ['http://127.0.0.2:4200', 'content-type'],
      ['http://127.0.0.1:4200', 'x-not-allowed'],
    ]) {
      const answer = await fetch(`${em.url}/self-service/settings`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': header },
      });
      assert.equal(answer.status, 204);
      assert.equal(answer.headers.get('access-control-allow-origin'), null);
      assert.equal(answer.headers.get('access-control-allow-credentials'), null);
      assert.match(answer.headers.get('vary')!, /^Origin, Access-Control-Request-Method/);
    }
  });

  test('another origin gets no CORS headers, and never *', async () => {
    const answer = await fetch(`${em.url}/sessions/whoami`, { headers: { Origin: 'http://127.0.0.2:4200' } });
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
  });
});

describe('bad input: Kratos’s own errors, never a crash, never a 5xx', () => {
  async function signedInFlow(): Promise<{ browser: Browser; flow: Json }> {
    const browser = new Browser(em.url);
    await browserLogin(browser, 'ada@example.com', 'Lovelace-1815!');
    return { browser, flow: (await browser.get('/self-service/settings/browser')).body as Json };
  }

  test('malformed JSON → 400 flow with 4000001', async () => {
    const { browser, flow } = await signedInFlow();
    const answer = await browser.post(`/self-service/settings?flow=${flow.id}`, '{"method":"password",');
    assert.equal(answer.status, 400);
    assert.equal((answer.body as Json).ui.messages[0].id, 4000001);
  });

  test('a JSON array, a wrong content type → 400 flow', async () => {
    const { browser, flow } = await signedInFlow();
    assert.equal((await browser.post(`/self-service/settings?flow=${flow.id}`, '[1,2]')).status, 400);
    const xml = await browser.post(`/self-service/settings?flow=${flow.id}`, '<a/>', {
      ...AJAX,
      'Content-Type': 'application/xml',
    });
    assert.equal(xml.status, 400);
  });

  test('a body over 1 MiB → 400 flow, the connection survives', async () => {
    const { browser, flow } = await signedInFlow();
    const huge = JSON.stringify({ method: 'password', password: 'x'.repeat(1024 * 1024 + 10) });
    const answer = await browser.post(`/self-service/settings?flow=${flow.id}`, huge);
    assert.equal(answer.status, 400);
    assert.match((answer.body as Json).ui.messages[0].text, /1 MiB/);
  });

  test('prototype pollution keys are ignored', async () => {
    const { browser, flow } = await signedInFlow();
    const answer = await browser.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'profile',
      '__proto__.polluted': 'yes',
      'traits.email': 'ada@example.com',
      csrf_token: csrfOf(flow),
    });
    assert.ok(answer.status < 500);
    assert.equal(({} as Json).polluted, undefined);
  });

  test('a return_to with CR/LF or non-ASCII is redirected to in serialised form, never a dropped connection', async () => {
    const { browser } = await signedInFlow();
    const returnTo = `${em.url}/self-service/after\r\nX-Evil: 1\u2028`;
    const flow = (await browser.get(`/self-service/settings/browser?return_to=${encodeURIComponent(returnTo)}`))
      .body as Json;
    const answer = await browser.post(
      `/self-service/settings?flow=${flow.id}`,
      `method=password&password=abcdefghijk&csrf_token=${encodeURIComponent(csrfOf(flow))}`,
      { 'Content-Type': 'application/x-www-form-urlencoded', ...NAVIGATION },
    );
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('x-evil'), null);
    assert.doesNotMatch(answer.location!, /[\r\n]/);
  });

  test('an unparsable absolute-form request target and a bad escape in the path → 400, as from Go’s server', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(em.url);
      const req = httpRequest({ host: url.hostname, port: url.port, path: 'http://x:99999/', method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 400);
    assert.equal(
      (await new Browser(em.url).get('/self-service/methods/oidc/callback/%E0%A4%A', NAVIGATION)).status,
      400,
    );
  });

  test('the X-CSRF-Token header alone does not pass the settings CSRF check (§1.2)', async () => {
    const { browser, flow } = await signedInFlow();
    const answer = await browser.post(
      `/self-service/settings?flow=${flow.id}`,
      { method: 'password', password: 'abcdefghijk' },
      { ...AJAX, 'Content-Type': 'application/json', 'X-CSRF-Token': csrfOf(flow) },
    );
    assert.equal(answer.status, 403);
  });

  test('return_to: only {public}/self-service/* and the allowed URLs; relative ones resolve first', async () => {
    const { browser } = await signedInFlow();
    assert.equal(
      (await browser.get(`/self-service/settings/browser?return_to=${encodeURIComponent(`${em.url}/anything`)}`))
        .status,
      400,
    );
    const relative = await browser.get('/self-service/settings/browser?return_to=%2Fself-service%2Fafter');
    assert.equal(relative.status, 200);
  });

  test('a __proto__ key is skipped without losing the other keys; oidc unlink with an empty link', async () => {
    const { browser, flow } = await signedInFlow();
    const answer = await browser.post(`/self-service/settings?flow=${flow.id}`, {
      '__proto__.x': 1,
      method: 'password',
      password: 'short',
      csrf_token: csrfOf(flow),
    });
    assert.equal(node(answer.body as Json, 'password').messages[0].id, 4000032);
    const unlink = await browser.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'oidc',
      link: '',
      unlink: 'emulated',
    });
    assert.match((unlink.body as Json).ui.messages[0].text, /not linked/);
  });

  test('unknown path → 404; wrong method → 405 with Allow; an unsafe method without the CSRF token → 403', async () => {
    const unknown = await new Browser(em.url).get('/self-service/nothing');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.text, '404 page not found\n');
    // nosurf checks unsafe methods on the paths it does not ignore before any route: with the token they pass.
    const browser = new Browser(em.url);
    await browser.get('/self-service/login/browser');
    const csrf = [...browser.cookies].find(([name]) => name.startsWith('csrf_token_'))![1];
    const refused = await browser.request('PUT', '/self-service/settings/browser', { headers: AJAX });
    assert.equal(refused.status, 403);
    assert.equal((refused.body as Json).error.id, 'security_csrf_violation');
    const wrong = await browser.request('PUT', '/self-service/settings/browser', {
      headers: { ...AJAX, 'X-CSRF-Token': decodeURIComponent(csrf) },
    });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET, OPTIONS');
    // A route the middleware ignores has its own answers.
    assert.equal((await new Browser(em.url).request('PUT', '/self-service/settings', { headers: AJAX })).status, 405);
  });

  test('garbage in query and cookies, a truncated request: no crash', async () => {
    const browser = new Browser(em.url);
    browser.cookies.set('ory_kratos_session', '%E0%A4%A');
    assert.equal((await browser.get('/self-service/settings/flows?id=%E0%A4%A')).status, 401);
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${em.url}/self-service/settings?flow=x`, {
        method: 'POST',
        headers: { 'Content-Length': '100', 'Content-Type': 'application/json' },
      });
      req.on('error', () => resolve());
      req.write('{"meth');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    assert.equal((await fetch(`${em.url}/health/alive`)).status, 200);
  });

  test('no answer in this whole file was a 5xx', () => {
    assert.ok(statuses.length > 50);
    assert.deepEqual(
      statuses.filter((entry) => entry.status >= 500),
      [],
    );
  });
});

conformanceTest();
