/* The settings flow over real HTTP on loopback, one test per row of docs/kratos-protocol.md §2.1–2.4. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { RunningEmulator } from '../server';
import { totpCode } from '../totp';
import { AJAX, apiLogin, Browser, browserLogin, csrfOf, emulator, Json, NAVIGATION, node } from './client';
import { conformanceTest } from './conformance';

let em: RunningEmulator;
const ADA = ['ada@example.com', 'Lovelace-1815!'] as const;
const GRACE = ['grace@example.com', 'Hopper-1906!'] as const;

before(async () => (em = await emulator({ privilegedMaxAge: 600, flowLifespan: 3600 })));
after(() => em.close());
beforeEach(async () => {
  await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
});

async function ada(): Promise<Browser> {
  const browser = new Browser(em.url);
  await browserLogin(browser, ...ADA);
  return browser;
}

async function graceAal2(): Promise<Browser> {
  const browser = new Browser(em.url);
  await browserLogin(browser, ...GRACE);
  const flow = (await browser.get('/self-service/login/browser?aal=aal2')).body as Json;
  const clock = (await (await fetch(`${em.url}/__emulator/clock`)).json()) as { unix: number };
  const done = await browser.post(`/self-service/login?flow=${flow.id}`, {
    method: 'totp',
    totp_code: totpCode('JBSWY3DPEHPK3PXP', new Date(clock.unix * 1000)),
    csrf_token: csrfOf(flow),
  });
  assert.equal(done.status, 200, done.text);
  return browser;
}

async function newFlow(browser: Browser): Promise<Json> {
  const answer = await browser.get('/self-service/settings/browser');
  assert.equal(answer.status, 200, answer.text);
  return answer.body as Json;
}

describe('§2.1 GET /self-service/settings/browser', () => {
  test('row 1 (B): no session → 303 to login init, return_to carried', async () => {
    const answer = await new Browser(em.url).get(
      '/self-service/settings/browser?return_to=' + encodeURIComponent(`${em.url}/self-service/x`),
      NAVIGATION,
    );
    assert.equal(answer.status, 303);
    const location = new URL(answer.location!);
    assert.equal(location.pathname, '/self-service/login/browser');
    assert.equal(location.searchParams.get('return_to'), `${em.url}/self-service/x`);
  });

  test('row 1 (J): 401 session_inactive, no Ory-Error-Id and no CredentialsMissing (both came after v1.3.1)', async () => {
    const answer = await new Browser(em.url).get('/self-service/settings/browser');
    assert.equal(answer.status, 401);
    assert.equal(answer.headers.get('ory-error-id'), null);
    assert.equal(answer.headers.get('cache-control'), 'private, no-cache, no-store, must-revalidate');
    assert.equal(answer.headers.get('content-type'), 'application/json');
    assert.deepEqual(answer.body, {
      error: {
        id: 'session_inactive',
        code: 401,
        status: 'Unauthorized',
        reason: 'No active session was found in this request.',
        message: 'request does not have a valid authentication session',
      },
    });
  });

  test('row 2: identity with TOTP, session aal1 → 403 (J) / 303 with return_to (B)', async () => {
    const browser = new Browser(em.url);
    await browserLogin(browser, ...GRACE);
    const json = await browser.get('/self-service/settings/browser');
    assert.equal(json.status, 403);
    assert.equal((json.body as Json).error.id, 'session_aal2_required');
    assert.equal((json.body as Json).redirect_browser_to, `${em.url}/self-service/login/browser?aal=aal2`);
    assert.equal(
      (json.body as Json).error.details.redirect_browser_to,
      `${em.url}/self-service/login/browser?aal=aal2`,
    );
    const returnTo = `${em.url}/self-service/after`;
    const nav = await browser.get(
      `/self-service/settings/browser?return_to=${encodeURIComponent(returnTo)}`,
      NAVIGATION,
    );
    assert.equal(nav.status, 303);
    const location = new URL(nav.location!);
    assert.equal(location.searchParams.get('aal'), 'aal2');
    assert.equal(
      location.searchParams.get('return_to'),
      `${em.url}/self-service/settings/browser?return_to=${encodeURIComponent(returnTo)}`,
    );
  });

  test('row 3: return_to not allowed → 400 (J) / 303 error UI (B); unparsable → 400 without id', async () => {
    const browser = await ada();
    const json = await browser.get('/self-service/settings/browser?return_to=https%3A%2F%2Fevil.example%2F');
    assert.equal(json.status, 400);
    assert.equal((json.body as Json).error.id, 'self_service_flow_return_to_forbidden');
    const nav = await browser.get('/self-service/settings/browser?return_to=https%3A%2F%2Fevil.example%2F', NAVIGATION);
    assert.equal(nav.status, 303);
    const errorId = new URL(nav.location!).searchParams.get('id');
    const stored = await browser.get(`/self-service/errors?id=${errorId}`);
    assert.equal((stored.body as Json).error.id, 'self_service_flow_return_to_forbidden');
    const unparsable = await browser.get('/self-service/settings/browser?return_to=%25zz');
    assert.equal(unparsable.status, 400);
    assert.equal((unparsable.body as Json).error.id, undefined);
  });

  test('row 4 (J): 200 flow, CSRF cookie csrf_token_<sha256 of the public URL>, token in the csrf node', async () => {
    const browser = await ada();
    browser.cookies.delete([...browser.cookies.keys()].find((k) => k.startsWith('csrf_token_'))!);
    const answer = await browser.get('/self-service/settings/browser');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
    const flow = answer.body as Json;
    assert.equal(flow.type, 'browser');
    assert.equal(flow.state, 'show_form');
    assert.equal('organization_id' in flow, false, 'v1.3.1 settings flows have no organization_id');
    assert.equal(flow.ui.messages, undefined);
    assert.equal(flow.ui.action, `${em.url}/self-service/settings?flow=${flow.id}`);
    const name = `csrf_token_${createHash('sha256').update(`${em.publicUrl}/`).digest('hex')}`;
    assert.equal(browser.cookies.get(name), csrfOf(flow));
    assert.match(answer.headers.getSetCookie().join('\n'), /HttpOnly/);
    for (const n of flow.ui.nodes) {
      assert.equal(n.type, n.attributes.node_type);
      assert.ok(Array.isArray(n.messages));
      assert.equal(typeof n.meta, 'object');
    }
  });

  test('row 4 (B): 303 to the settings UI ?flow=', async () => {
    const browser = await ada();
    const answer = await browser.get('/self-service/settings/browser', NAVIGATION);
    assert.equal(answer.status, 303);
    assert.match(answer.location!, new RegExp(`^${em.url}/ui/settings\\?flow=[0-9a-f-]{36}$`));
  });

  test('§1.1: Content-Type application/json alone makes errors JSON but success a redirect (two predicates)', async () => {
    const signedOut = await new Browser(em.url).get('/self-service/settings/browser', {
      'Content-Type': 'application/json',
    });
    assert.equal(signedOut.status, 401);
    const signedIn = await (await ada()).get('/self-service/settings/browser', { 'Content-Type': 'application/json' });
    assert.equal(signedIn.status, 303);
  });

  test("§1.1: Angular's default Accept gets JSON, fetch's */* gets redirects", async () => {
    const browser = await ada();
    assert.equal(
      (await browser.get('/self-service/settings/browser', { Accept: 'application/json, text/plain, */*' })).status,
      200,
    );
    assert.equal((await browser.get('/self-service/settings/browser', { Accept: '*/*' })).status, 303);
    assert.equal((await browser.get('/self-service/settings/browser', {})).status, 303);
  });
});

describe('§2.2 GET /self-service/settings/api', () => {
  test('no session → 401 session_inactive with the api reason', async () => {
    const answer = await new Browser(em.url).get('/self-service/settings/api');
    assert.equal(answer.status, 401);
    assert.equal(
      (answer.body as Json).error.reason,
      'This endpoint can only be accessed with a valid session. Please log in and try again.',
    );
  });

  test('success → 200 api flow, no Set-Cookie', async () => {
    const token = await apiLogin(em.url, ...ADA);
    const answer = await new Browser(em.url).get('/self-service/settings/api', {
      'X-Session-Token': token,
      Accept: '*/*',
    });
    assert.equal(answer.status, 200);
    assert.equal((answer.body as Json).type, 'api');
    assert.deepEqual(answer.headers.getSetCookie(), []);
  });

  test('AAL too low → 403 with redirect_browser_to; return_to forbidden → 400', async () => {
    const grace = await apiLogin(em.url, ...GRACE);
    const aal = await new Browser(em.url).get('/self-service/settings/api', { 'X-Session-Token': grace });
    assert.equal(aal.status, 403);
    assert.equal((aal.body as Json).redirect_browser_to, `${em.url}/self-service/login/browser?aal=aal2`);
    const token = await apiLogin(em.url, ...ADA);
    const forbidden = await new Browser(em.url).get('/self-service/settings/api?return_to=https%3A%2F%2Fevil.example', {
      'X-Session-Token': token,
    });
    assert.equal(forbidden.status, 400);
  });
});

describe('§2.3 GET /self-service/settings/flows', () => {
  test('row 1: no session → the id-less 401 (J) / 302 to the login UI (B)', async () => {
    const json = await new Browser(em.url).get('/self-service/settings/flows?id=00000000-0000-4000-8000-000000000000');
    assert.equal(json.status, 401);
    assert.deepEqual(json.body, {
      error: {
        code: 401,
        status: 'Unauthorized',
        reason: 'A valid Ory Session Cookie or Ory Session Token is missing.',
        message: 'The request could not be authorized',
      },
    });
    const nav = await new Browser(em.url).get('/self-service/settings/flows?id=x', NAVIGATION);
    assert.equal(nav.status, 302);
    assert.equal(nav.location, `${em.url}/ui/login`);
  });

  test('row 2: unknown or malformed id → 404 without id or reason', async () => {
    const browser = await ada();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'garbage', '../../etc', '']) {
      const answer = await browser.get(`/self-service/settings/flows?id=${encodeURIComponent(id)}`);
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.body, {
        error: { code: 404, status: 'Not Found', message: 'Unable to locate the resource' },
      });
    }
  });

  test('row 3: a flow of another identity → 403 security_identity_mismatch', async () => {
    const flow = await newFlow(await ada());
    const other = await graceAal2();
    const answer = await other.get(`/self-service/settings/flows?id=${flow.id}`);
    assert.equal(answer.status, 403);
    assert.equal(
      (answer.body as Json).error.reason,
      'The request was made for another identity and has been blocked for security reasons.',
    );
  });

  test('row 4: AAL too low → 403 with return_to the settings UI ?flow=', async () => {
    const grace = await graceAal2();
    const flow = await newFlow(grace);
    const weaker = new Browser(em.url);
    await browserLogin(weaker, ...GRACE);
    const answer = await weaker.get(`/self-service/settings/flows?id=${flow.id}`);
    assert.equal(answer.status, 403);
    const target = new URL((answer.body as Json).redirect_browser_to);
    assert.equal(target.searchParams.get('return_to'), `${em.url}/ui/settings?flow=${flow.id}`);
  });

  test('row 5: expired browser flow → the id-less 410 with details.redirect_to and return_to', async () => {
    const browser = await ada();
    const returnTo = `${em.url}/self-service/after`;
    const flow = (await browser.get(`/self-service/settings/browser?return_to=${encodeURIComponent(returnTo)}`))
      .body as Json;
    await fetch(`${em.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: 3601 }) });
    // The session lives on (a day) while the flow (an hour) has expired.
    const answer = await browser.get(`/self-service/settings/flows?id=${flow.id}`);
    assert.equal(answer.status, 410);
    const error = (answer.body as Json).error;
    assert.equal(error.id, undefined);
    assert.equal((answer.body as Json).use_flow_id, undefined);
    assert.equal(
      error.details.redirect_to,
      `${em.url}/self-service/settings/browser?return_to=${encodeURIComponent(returnTo)}`,
    );
    assert.equal(error.details.return_to, returnTo);
  });

  test("row 5': expired api flow → 410 with details.api", async () => {
    const token = await apiLogin(em.url, ...ADA);
    const client = new Browser(em.url);
    const flow = (await client.get('/self-service/settings/api', { 'X-Session-Token': token })).body as Json;
    await fetch(`${em.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: 3601 }) });
    const answer = await client.get(`/self-service/settings/flows?id=${flow.id}`, { 'X-Session-Token': token });
    assert.equal(answer.status, 410);
    assert.equal((answer.body as Json).error.details.api, `${em.url}/self-service/settings/api`);
  });

  test('row 6: 200 with the flow', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    const answer = await browser.get(`/self-service/settings/flows?id=${flow.id}`);
    assert.equal(answer.status, 200);
    assert.equal((answer.body as Json).id, flow.id);
  });
});

describe('§2.4 POST /self-service/settings', () => {
  const submit = (browser: Browser, flow: Json, body: Json, headers?: Record<string, string>) =>
    browser.post(`/self-service/settings?flow=${flow.id}`, { csrf_token: csrfOf(flow), ...body }, headers);

  test('row 1: no session → id-less 401 (J) / 302 login UI (B)', async () => {
    const flow = await newFlow(await ada());
    const json = await new Browser(em.url).post(`/self-service/settings?flow=${flow.id}`, {
      method: 'password',
      password: 'x',
    });
    assert.equal(json.status, 401);
    assert.equal((json.body as Json).error.id, undefined);
    const nav = await new Browser(em.url).post(`/self-service/settings?flow=${flow.id}`, 'method=password', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    assert.equal(nav.status, 302);
  });

  test('row 2: flow parameter missing or malformed → 400 (J) / 303 error UI (B)', async () => {
    const browser = await ada();
    const json = await browser.post('/self-service/settings?flow=nope', { method: 'password' });
    assert.equal(json.status, 400);
    assert.equal((json.body as Json).error.reason, 'The flow query parameter is missing or malformed.');
    const nav = await browser.post('/self-service/settings', 'method=password', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    assert.equal(nav.status, 303);
    assert.match(nav.location!, /\/ui\/error\?id=/);
  });

  test('row 3: unknown flow → 404 with the settings reason', async () => {
    const answer = await (
      await ada()
    ).post('/self-service/settings?flow=00000000-0000-4000-8000-000000000000', { method: 'password' });
    assert.equal(answer.status, 404);
    assert.equal(
      (answer.body as Json).error.reason,
      'The settings request could not be found. Please restart the flow.',
    );
  });

  test('row 4: AAL too low → 403 with return_to the POST URL', async () => {
    const flow = await newFlow(await graceAal2());
    const weaker = new Browser(em.url);
    await browserLogin(weaker, ...GRACE);
    const answer = await weaker.post(`/self-service/settings?flow=${flow.id}`, { method: 'password', password: 'x' });
    assert.equal(answer.status, 403);
    const target = new URL((answer.body as Json).redirect_browser_to);
    assert.equal(target.searchParams.get('return_to'), `${em.url}/self-service/settings?flow=${flow.id}`);
  });

  test('row 5: expired → 410 self_service_flow_expired with use_flow_id; the new flow carries 4050001', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    await fetch(`${em.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: 3660 }) });
    const answer = await submit(browser, flow, { method: 'profile', traits: { email: 'ada@example.com' } });
    assert.equal(answer.status, 410);
    const body = answer.body as Json;
    assert.equal(body.error.id, 'self_service_flow_expired');
    assert.equal(typeof body.expired_at, 'string');
    assert.equal(typeof body.since, 'number');
    const replacement = (await browser.get(`/self-service/settings/flows?id=${body.use_flow_id}`)).body as Json;
    assert.equal(replacement.ui.messages[0].id, 4050001);
    const nav = await browser.post(
      `/self-service/settings?flow=${flow.id}`,
      `method=profile&csrf_token=${csrfOf(flow)}`,
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    assert.equal(nav.status, 303);
    assert.match(nav.location!, /\/ui\/settings\?flow=/);
  });

  test('row 6: a flow of another identity → 403 with the submit reason', async () => {
    const flow = await newFlow(await ada());
    const other = await graceAal2();
    const answer = await other.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'password',
      password: 'abcdefghijk',
      csrf_token: csrfOf(flow),
    });
    assert.equal(answer.status, 403);
    assert.equal(
      (answer.body as Json).error.reason,
      'The request was initiated by someone else and has been blocked for security reasons. Please go back and try again.',
    );
  });

  test('row 7: CSRF → 403 security_csrf_violation (wrong token, no cookie); oidc does not check it', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    const wrong = await browser.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'password',
      password: 'abcdefghijk',
      csrf_token: 'forged',
    });
    assert.equal(wrong.status, 403);
    assert.equal((wrong.body as Json).error.id, 'security_csrf_violation');
    assert.match((wrong.body as Json).error.details.reject_reason, /do not match/);
    const sessionOnly = new Browser(em.url);
    sessionOnly.cookies.set('ory_kratos_session', browser.cookies.get('ory_kratos_session')!);
    const noCsrfCookie = await sessionOnly.post(`/self-service/settings?flow=${flow.id}`, {
      method: 'password',
      password: 'abcdefghijk',
      csrf_token: csrfOf(flow),
    });
    assert.equal(noCsrfCookie.status, 403);
    // v1.3.1 shows the same details for every cause (its CSRF errors share one details map).
    assert.deepEqual((noCsrfCookie.body as Json).error.details, (wrong.body as Json).error.details);
    const oidc = await sessionOnly.post(`/self-service/settings?flow=${flow.id}`, { method: 'oidc', link: 'emulated' });
    assert.equal(oidc.status, 422);
  });

  test('row 8: privileged session too old → 403 session_refresh_required; profile only for the email', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    await fetch(`${em.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: 601 }) });
    const answer = await submit(browser, flow, { method: 'password', password: 'a-new-password' });
    assert.equal(answer.status, 403);
    assert.equal((answer.body as Json).error.id, 'session_refresh_required');
    assert.equal(
      (answer.body as Json).redirect_browser_to,
      `${em.url}/self-service/login/browser?refresh=true&return_to=${encodeURIComponent(`${em.url}/self-service/settings?flow=${flow.id}`)}`,
    );
    const name = await submit(browser, flow, {
      method: 'profile',
      traits: { email: 'ada@example.com', name: { first: 'Augusta', last: 'King' } },
    });
    assert.equal(name.status, 200);
    const email = await submit(browser, flow, { method: 'profile', traits: { email: 'augusta@example.com' } });
    assert.equal(email.status, 403);
    // Re-authenticate (refresh=true), then the same change succeeds.
    const login = (await browser.get('/self-service/login/browser?refresh=true')).body as Json;
    assert.equal(node(login, 'identifier').attributes.value, 'ada@example.com');
    const refreshed = await browser.post(`/self-service/login?flow=${login.id}`, {
      method: 'password',
      identifier: 'ada@example.com',
      password: ADA[1],
      csrf_token: csrfOf(login),
    });
    assert.equal(refreshed.status, 200);
    assert.equal((await submit(browser, flow, { method: 'password', password: 'a-new-password' })).status, 200);
  });

  test('row 9: oidc link → 422 to the provider; its page returns through the callback to the settings UI, linked', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    const answer = await browser.post(`/self-service/settings?flow=${flow.id}`, { method: 'oidc', link: 'emulated' });
    assert.equal(answer.status, 422);
    const body = answer.body as Json;
    assert.equal(body.error.id, 'browser_location_change_required');
    assert.equal(
      body.error.reason,
      `In order to complete this flow please redirect the browser to: ${body.redirect_browser_to}`,
    );
    const providerPage = await browser.get(body.redirect_browser_to, NAVIGATION);
    const href = /id="continue" href="([^"]+)"/.exec(providerPage.text)![1].replace(/&#38;/g, '&');
    const callback = await browser.get(href, NAVIGATION);
    assert.equal(callback.status, 303);
    assert.equal(callback.location, `${em.url}/ui/settings?flow=${flow.id}`);
    const after = (await browser.get(`/self-service/settings/flows?id=${flow.id}`)).body as Json;
    assert.equal(after.state, 'success');
    assert.equal(node(after, 'unlink').attributes.value, 'emulated');
    const unlink = await submit(browser, after, { method: 'oidc', unlink: 'emulated' });
    assert.equal(unlink.status, 200);
    assert.equal(node(unlink.body as Json, 'link').attributes.value, 'emulated');
  });

  test('row 10: validation → 400 flow with node messages (4000032; 4000001 for a bad email), typed values kept', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    const short = await submit(browser, flow, { method: 'password', password: 'short' });
    assert.equal(short.status, 400);
    const message = node(short.body as Json, 'password').messages[0];
    assert.equal(message.id, 4000032);
    assert.deepEqual(message.context, { min_length: 8, actual_length: 5 });
    const email = await submit(browser, flow, {
      method: 'profile',
      'traits.email': 'not-an-email',
      'traits.name.first': 'Ada',
    });
    assert.equal(email.status, 400);
    const emailNode = node(email.body as Json, 'traits.email');
    assert.deepEqual(emailNode.messages[0], {
      id: 4000001,
      text: '"not-an-email" is not valid "email"',
      type: 'error',
      context: { reason: '"not-an-email" is not valid "email"' },
    });
    assert.equal(emailNode.attributes.value, 'not-an-email');
    // v1.3.1 takes the current password again as a new one (4000039 came later).
    assert.equal((await submit(browser, flow, { method: 'password', password: ADA[1] })).status, 200);
  });

  test('row 10 after a success: state stays success; v1.3.1 drops the earlier message (later Kratos keeps it, recorded/12)', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    assert.equal(
      (
        await submit(browser, flow, {
          method: 'profile',
          traits: { email: 'ada@example.com', name: { first: 'Ada', last: 'L' } },
        })
      ).status,
      200,
    );
    const invalid = await submit(browser, flow, { method: 'profile', traits: { email: 'nope' } });
    assert.equal(invalid.status, 400);
    const body = invalid.body as Json;
    assert.equal(body.state, 'success');
    assert.equal(body.ui.messages, undefined);
    assert.equal(node(body, 'traits.email').messages[0].id, 4000001);
  });

  test('no strategy claims the body → 400 flow with 4010004; empty traits → the email is missing (4000002)', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    const none = await submit(browser, flow, { method: 'carrier-pigeon' });
    assert.equal(none.status, 400);
    assert.equal((none.body as Json).ui.messages[0].id, 4010004);
    const empty = await submit(browser, flow, { method: 'profile', traits: {} });
    assert.equal(node(empty.body as Json, 'traits.email').messages[0].id, 4000002);
  });

  test('row 11: lookup_secret regenerate and reveal answer 200 with the codes; confirm saves, disable removes', async () => {
    const browser = await ada();
    let flow = await newFlow(browser);
    const regenerated = await submit(browser, flow, { method: 'lookup_secret', lookup_secret_regenerate: true });
    assert.equal(regenerated.status, 200);
    flow = regenerated.body as Json;
    assert.equal(flow.state, 'show_form');
    const codes = node(flow, 'lookup_secret_codes').attributes.text.context.secrets;
    assert.equal(codes.length, 12);
    const confirmed = await submit(browser, flow, { method: 'lookup_secret', lookup_secret_confirm: true });
    assert.equal(confirmed.status, 200);
    assert.equal((confirmed.body as Json).state, 'success');
    const revealed = await submit(browser, confirmed.body as Json, {
      method: 'lookup_secret',
      lookup_secret_reveal: true,
    });
    assert.equal(revealed.status, 200);
    assert.deepEqual(node(revealed.body as Json, 'lookup_secret_codes').attributes.text.context.secrets, codes);
    const disabled = await submit(browser, revealed.body as Json, {
      method: 'lookup_secret',
      lookup_secret_disable: true,
    });
    assert.equal(disabled.status, 200);
    node(disabled.body as Json, 'lookup_secret_regenerate');
  });

  test('row 13 (J): 200 success, 1050001, continue_with redirect_browser_to, session cookie re-issued', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    const answer = await submit(browser, flow, { method: 'password', password: 'correct horse battery staple' });
    assert.equal(answer.status, 200);
    const body = answer.body as Json;
    assert.equal(body.state, 'success');
    assert.deepEqual(body.ui.messages, [{ id: 1050001, text: 'Your changes have been saved!', type: 'success' }]);
    // The first change of an identity whose address is still pending also starts its verification (v1.3.1's hook).
    assert.deepEqual(
      body.continue_with.map((item: Json) => item.action),
      ['show_verification_ui', 'redirect_browser_to'],
    );
    assert.equal(body.continue_with[0].flow.verifiable_address, 'ada@example.com');
    assert.deepEqual(body.continue_with[1], {
      action: 'redirect_browser_to',
      redirect_browser_to: `${em.url}/ui/settings?flow=${flow.id}`,
    });
    assert.match(answer.headers.getSetCookie().join('\n'), /ory_kratos_session=/);
    const again = await submit(browser, body, { method: 'password', password: 'correct horse battery staple 2' });
    assert.deepEqual(
      (again.body as Json).continue_with.map((item: Json) => item.action),
      ['redirect_browser_to'],
      'the code is sent: no second verification flow',
    );
    const relogin = new Browser(em.url);
    await browserLogin(relogin, 'ada@example.com', 'correct horse battery staple 2');
  });

  test('row 13: an email change adds show_verification_ui', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    const answer = await submit(browser, flow, {
      method: 'profile',
      traits: { email: 'augusta@example.com', name: { first: 'Ada', last: 'King' } },
    });
    const cw = (answer.body as Json).continue_with;
    assert.equal(cw[0].action, 'show_verification_ui');
    assert.equal(cw[0].flow.verifiable_address, 'augusta@example.com');
  });

  test('row 13 (B): 303 to return_to when allowed, else the settings UI', async () => {
    const browser = await ada();
    const returnTo = `${em.url}/self-service/after`;
    const flow = (await browser.get(`/self-service/settings/browser?return_to=${encodeURIComponent(returnTo)}`))
      .body as Json;
    const answer = await browser.post(
      `/self-service/settings?flow=${flow.id}`,
      `method=password&password=abcdefghijk&csrf_token=${encodeURIComponent(csrfOf(flow))}`,
      { 'Content-Type': 'application/x-www-form-urlencoded', ...NAVIGATION },
    );
    assert.equal(answer.status, 303);
    assert.equal(answer.location, returnTo);
  });

  test('api flow: success without a redirect item; an Origin header or cookies are refused (§1.2) unless --dev-api-flows', async () => {
    const token = await apiLogin(em.url, ...ADA);
    const client = new Browser(em.url);
    const flow = (await client.get('/self-service/settings/api', { 'X-Session-Token': token })).body as Json;
    const headers = { ...AJAX, 'Content-Type': 'application/json', 'X-Session-Token': token };
    const fromBrowser = await client.post(
      `/self-service/settings?flow=${flow.id}`,
      { method: 'password', password: 'abcdefghijk' },
      { ...headers, Origin: 'http://127.0.0.1:4200' },
    );
    assert.equal(fromBrowser.status, 400);
    assert.equal((fromBrowser.body as Json).ui.messages[0].id, 4000001);
    assert.match((fromBrowser.body as Json).ui.messages[0].text, /included the "Origin" key/);
    const native = await client.post(
      `/self-service/settings?flow=${flow.id}`,
      { method: 'password', password: 'abcdefghijk' },
      { ...headers, Accept: '*/*' },
    );
    assert.equal(native.status, 200);
    assert.deepEqual(
      (native.body as Json).continue_with.map((item: Json) => item.action),
      ['show_verification_ui'],
      'no redirect_browser_to for api flows',
    );

    const dev = await emulator({ devApiFlows: true });
    try {
      const devToken = await apiLogin(dev.url, ...ADA);
      const devClient = new Browser(dev.url);
      const devFlow = (await devClient.get('/self-service/settings/api', { 'X-Session-Token': devToken })).body as Json;
      const answer = await devClient.post(
        `/self-service/settings?flow=${devFlow.id}`,
        { method: 'password', password: 'abcdefghijk' },
        { ...headers, 'X-Session-Token': devToken, Origin: 'http://127.0.0.1:4200' },
      );
      assert.equal(answer.status, 200);
    } finally {
      await dev.close();
    }
  });

  test('TOTP: set up with a code from the displayed secret, then unlink', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    assert.match(node(flow, 'totp_qr').attributes.src, /^data:image\/png;base64,/);
    const secret = node(flow, 'totp_secret_key').attributes.text.text;
    const wrong = await submit(browser, flow, { method: 'totp', totp_code: '000000' });
    assert.equal(wrong.status, 400);
    const clock = (await (await fetch(`${em.url}/__emulator/clock`)).json()) as { unix: number };
    const linked = await submit(browser, flow, {
      method: 'totp',
      totp_code: totpCode(secret, new Date(clock.unix * 1000)),
    });
    assert.equal(linked.status, 200, linked.text);
    node(linked.body as Json, 'totp_unlink');
    const unlinked = await submit(browser, linked.body as Json, { method: 'totp', totp_unlink: true });
    assert.equal(unlinked.status, 200);
    node(unlinked.body as Json, 'totp_secret_key');
  });

  test('webauthn and passkey: nodes, the served script with its integrity, register (unverified) and remove', async () => {
    const browser = await ada();
    const flow = await newFlow(browser);
    const script = node(flow, 'webauthn_script').attributes;
    const served = await browser.request('GET', script.src);
    assert.equal(served.status, 200);
    assert.equal(`sha512-${createHash('sha512').update(served.text).digest('base64')}`, script.integrity);
    assert.equal(node(flow, 'webauthn_register_trigger').attributes.onclickTrigger, 'oryWebAuthnRegistration');
    assert.equal(node(flow, 'passkey_register_trigger').attributes.onclickTrigger, 'oryPasskeySettingsRegistration');
    const added = await submit(browser, flow, {
      method: 'webauthn',
      webauthn_register: '{"id":"x"}',
      webauthn_register_displayname: 'YubiKey',
    });
    assert.equal(added.status, 200);
    const remove = node(added.body as Json, 'webauthn_remove');
    assert.match(remove.meta.label.text, /YubiKey/);
    assert.equal(
      (await submit(browser, added.body as Json, { method: 'webauthn', webauthn_remove: remove.attributes.value }))
        .status,
      200,
    );
    const passkey = await submit(browser, flow, { method: 'passkey', passkey_settings_register: '{"id":"p"}' });
    assert.equal(passkey.status, 200);
    node(passkey.body as Json, 'passkey_remove');
  });
});

conformanceTest();
