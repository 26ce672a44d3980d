/*
 * Recovery (docs/kratos-protocol.md §11), verification (§12) and the error flow (§13), with
 * `use_continue_with_transitions` off (v1.3.1's default) and on, codes read through the admin API's courier.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { EmulatorOptions } from '../config';
import { RunningEmulator } from '../server';
import { AJAX, Browser, browserLogin, csrfOf, emulator, Json, NAVIGATION, node } from './client';
import { conformanceTest } from './conformance';

const PASSWORD = 'Lovelace-1815!';
const ADA = 'ada@example.com';
const FORM = { ...NAVIGATION, 'Content-Type': 'application/x-www-form-urlencoded' };
const JSON_BODY = { ...AJAX, 'Content-Type': 'application/json' };

const servers = new Map<string, RunningEmulator>();
async function server(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const key = JSON.stringify(options);
  let em = servers.get(key);
  if (!em) servers.set(key, (em = await emulator(options)));
  await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
  return em;
}
let em: RunningEmulator;
beforeEach(async () => (em = await server()));
after(async () => {
  for (const running of servers.values()) await running.close();
});

const names = (flow: Json) => flow.ui.nodes.map((n: Json) => `${n.group}:${n.attributes.name ?? n.attributes.id}`);
const messageIds = (flow: Json) => (flow.ui.messages ?? []).map((m: Json) => m.id);

async function courier(base: RunningEmulator, email: string): Promise<Json[]> {
  const answer = await fetch(`${base.adminUrl}/admin/courier/messages?recipient=${encodeURIComponent(email)}`);
  return (await answer.json()) as Json[];
}
async function lastCode(base: RunningEmulator, email: string, template: string): Promise<string> {
  const message = (await courier(base, email)).find((m) => m.template_type === template);
  return /\d{6}/.exec(message?.body ?? '')?.[0] ?? '';
}
const advance = (base: RunningEmulator, seconds: number) =>
  fetch(`${base.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: seconds }) });

async function recoveryFlow(base: RunningEmulator, browser = new Browser(base.url)) {
  const flow = (await browser.get('/self-service/recovery/browser')).body as Json;
  return { browser, flow };
}
const recover = (browser: Browser, flow: Json, body: Json, headers: Record<string, string> = JSON_BODY) =>
  browser.post(`/self-service/recovery?flow=${flow.id}`, { csrf_token: csrfOf(flow), ...body }, headers);
const verify = (browser: Browser, flow: Json, body: Json, headers: Record<string, string> = JSON_BODY) =>
  browser.post(`/self-service/verification?flow=${flow.id}`, { csrf_token: csrfOf(flow), ...body }, headers);

describe('§11 recovery', () => {
  test('11.2: a new flow: its nodes, 303 to the recovery UI by navigation; api flows have an empty CSRF node', async () => {
    const { flow } = await recoveryFlow(em);
    assert.equal(flow.state, 'choose_method');
    assert.equal(flow.active, 'code');
    assert.deepEqual(names(flow), ['default:csrf_token', 'code:email', 'code:method']);
    const nav = await new Browser(em.url).get('/self-service/recovery/browser', NAVIGATION);
    assert.equal(nav.status, 303);
    assert.match(nav.location ?? '', /\/ui\/recovery\?flow=/);
    const api = (await new Browser(em.url).get('/self-service/recovery/api')).body as Json;
    assert.equal(node(api, 'csrf_token').attributes.value, '');
  });

  test('11.3: GET flows is CSRF-checked for browser flows', async () => {
    const { browser, flow } = await recoveryFlow(em);
    assert.equal((await browser.get(`/self-service/recovery/flows?id=${flow.id}`)).status, 200);
    const other = await new Browser(em.url).get(`/self-service/recovery/flows?id=${flow.id}`);
    assert.equal(other.status, 403);
    assert.equal((other.body as Json).error.id, 'security_csrf_violation');
    assert.equal((await browser.get('/self-service/recovery/flows?id=nope')).status, 404);
  });

  test('11.4: the email step sends a code (recovery_code_valid), unknown addresses get nothing, a wrong code 4060006', async () => {
    const { browser, flow } = await recoveryFlow(em);
    const sent = await recover(browser, flow, { method: 'code', email: ADA });
    assert.equal(sent.status, 200);
    const body = sent.body as Json;
    assert.equal(body.state, 'sent_email');
    assert.deepEqual(messageIds(body), [1060003]);
    assert.deepEqual(names(body), ['default:csrf_token', 'code:code', 'code:method', 'code:method', 'code:email']);
    const [message] = await courier(em, ADA);
    assert.equal(message.template_type, 'recovery_code_valid');
    assert.match(
      message.body,
      /^Hi,\n\nplease recover access to your account by entering the following code:\n\n\d{6}\n$/,
    );
    const wrong = await recover(browser, flow, { code: '000000' });
    assert.equal(wrong.status, 200);
    assert.deepEqual(messageIds(wrong.body as Json), [4060006]);
    const unknown = await recoveryFlow(em);
    const answer = await recover(unknown.browser, unknown.flow, { method: 'code', email: 'nobody@example.com' });
    assert.equal((answer.body as Json).state, 'sent_email');
    assert.deepEqual(await courier(em, 'nobody@example.com'), []);
    const none = await recover(unknown.browser, unknown.flow, { method: 'password', email: ADA });
    assert.equal(none.status, 400);
    assert.deepEqual(messageIds(none.body as Json), [4010005]);
  });

  test('11.5 flag off: the right code → 422 to the settings UI, a privileged session, a settings flow with 1060001', async () => {
    const { browser, flow } = await recoveryFlow(em);
    await recover(browser, flow, { method: 'code', email: ADA });
    const done = await recover(browser, flow, { code: await lastCode(em, ADA, 'recovery_code_valid') });
    assert.equal(done.status, 422);
    const body = done.body as Json;
    assert.equal(body.error.id, 'browser_location_change_required');
    assert.match(body.redirect_browser_to, /\/ui\/settings\?flow=/);
    const whoami = (await browser.get('/sessions/whoami')).body as Json;
    assert.equal(whoami.authentication_methods[0].method, 'code_recovery');
    assert.equal(whoami.identity.verifiable_addresses[0].verified, true);
    const sid = new URL(body.redirect_browser_to).searchParams.get('flow');
    const settings = (await browser.get(`/self-service/settings/flows?id=${sid}`)).body as Json;
    assert.deepEqual(messageIds(settings), [1060001]);
    // Privileged: a password change needs no re-authentication, and the new password signs in.
    await advance(em, 600);
    const changed = await browser.post(`/self-service/settings?flow=${sid}`, {
      method: 'password',
      password: 'A-new-pass-5678!',
      csrf_token: csrfOf(settings),
    });
    assert.equal(changed.status, 200, changed.text);
    await browserLogin(new Browser(em.url), ADA, 'A-new-pass-5678!');
    assert.equal((await browser.get(`/self-service/recovery/flows?id=${flow.id}`)).status, 200);
  });

  test('11.4 rows 10, 12: a sixth submission and a used code → a new flow (303 to its JSON)', async () => {
    const { browser, flow } = await recoveryFlow(em);
    await recover(browser, flow, { method: 'code', email: ADA });
    for (let i = 1; i <= 5; i++) await recover(browser, flow, { code: `00000${i}` });
    const sixth = await recover(browser, flow, { code: await lastCode(em, ADA, 'recovery_code_valid') });
    assert.equal(sixth.status, 303);
    assert.match(sixth.location ?? '', /\/self-service\/recovery\/flows\?id=/);
    const replacement = (await browser.get(sixth.location ?? '')).body as Json;
    assert.equal(replacement.ui.messages[0].text, 'The request was submitted too often. Please request another code.');
    const second = await recoveryFlow(em);
    await recover(second.browser, second.flow, { method: 'code', email: ADA });
    const code = await lastCode(em, ADA, 'recovery_code_valid');
    await recover(second.browser, second.flow, { code });
    const cookie = [...second.browser.cookies].find(([name]) => name.startsWith('csrf_token_'))?.[1];
    const again = await second.browser.post(`/self-service/recovery?flow=${second.flow.id}`, {
      code,
      csrf_token: cookie,
    });
    assert.equal(again.status, 303);
    const used = (await second.browser.get(again.location ?? '')).body as Json;
    assert.equal(used.ui.messages[0].text, 'The code was already used. Please request another code.');
  });

  test('11.4 rows 3, 13: an expired code → 4060005 in a new flow; an expired api flow → 303 (flag off)', async () => {
    em = await server({ codeLifespan: 60 });
    const { browser, flow } = await recoveryFlow(em);
    await recover(browser, flow, { method: 'code', email: ADA });
    await advance(em, 61);
    const late = await recover(browser, flow, { code: await lastCode(em, ADA, 'recovery_code_valid') });
    assert.equal(late.status, 303);
    const replacement = (await browser.get(late.location ?? '')).body as Json;
    assert.deepEqual(messageIds(replacement), [4060005]);
    const api = (await new Browser(em.url).get('/self-service/recovery/api')).body as Json;
    await advance(em, 3601);
    const expired = await new Browser(em.url).post(`/self-service/recovery?flow=${api.id}`, {
      method: 'code',
      email: ADA,
    });
    assert.equal(expired.status, 303);
  });

  test('11.5 flag on: 200 passed_challenge with continue_with (api: the token first); replacements carry continue_with', async () => {
    const on = await server({ continueWithTransitions: true, codeLifespan: 60 });
    const { browser, flow } = await recoveryFlow(on);
    await recover(browser, flow, { method: 'code', email: ADA });
    const done = await recover(browser, flow, { code: await lastCode(on, ADA, 'recovery_code_valid') });
    assert.equal(done.status, 200);
    const body = done.body as Json;
    assert.equal(body.state, 'passed_challenge');
    assert.deepEqual(
      body.continue_with.map((item: Json) => item.action),
      ['show_settings_ui'],
    );
    assert.ok(browser.cookies.has('ory_kratos_session'));
    const native = new Browser(on.url);
    const api = (await native.get('/self-service/recovery/api')).body as Json;
    await native.post(`/self-service/recovery?flow=${api.id}`, { method: 'code', email: ADA });
    const ok = (
      await native.post(`/self-service/recovery?flow=${api.id}`, {
        code: await lastCode(on, ADA, 'recovery_code_valid'),
      })
    ).body as Json;
    assert.deepEqual(
      ok.continue_with.map((item: Json) => item.action),
      ['set_ory_session_token', 'show_settings_ui'],
    );
    const token = ok.continue_with[0].ory_session_token;
    const settings = await native.get(`/self-service/settings/flows?id=${ok.continue_with[1].flow.id}`, {
      ...AJAX,
      'X-Session-Token': token,
    });
    assert.equal(settings.status, 200);
    const many = await recoveryFlow(on);
    await recover(many.browser, many.flow, { method: 'code', email: ADA });
    let last;
    for (let i = 1; i <= 6; i++) last = await recover(many.browser, many.flow, { code: `00000${i}` });
    assert.equal(last?.status, 400);
    assert.equal((last?.body as Json).error.details.continue_with[0].action, 'show_recovery_ui');
    // A code past selfservice.methods.code.config.lifespan: 410 with continue_with.
    const late = await recoveryFlow(on);
    await recover(late.browser, late.flow, { method: 'code', email: ADA });
    await advance(on, 61);
    const expired = await recover(late.browser, late.flow, { code: await lastCode(on, ADA, 'recovery_code_valid') });
    assert.equal(expired.status, 410);
    assert.equal((expired.body as Json).error.id, 'self_service_flow_expired');
  });

  test('11.2 row 1, 11.4 row 7: a signed-in browser is sent home / refused', async () => {
    const browser = new Browser(em.url);
    const { flow } = await recoveryFlow(em, browser);
    await browserLogin(browser, ADA, PASSWORD);
    assert.equal((await browser.get('/self-service/recovery/browser')).status, 400);
    assert.equal((await browser.get('/self-service/recovery/browser', NAVIGATION)).status, 302);
    const cookie = [...browser.cookies].find(([name]) => name.startsWith('csrf_token_'))?.[1];
    const answer = await browser.post(`/self-service/recovery?flow=${flow.id}`, {
      method: 'code',
      email: ADA,
      csrf_token: cookie,
    });
    assert.equal((answer.body as Json).error.id, 'session_already_available');
  });
});

describe('§12 verification', () => {
  test('12.4, 12.5: email step, the link pre-fills the code, the code verifies (whoami shows it)', async () => {
    const browser = new Browser(em.url);
    await browserLogin(browser, ADA, PASSWORD);
    const flow = (await browser.get('/self-service/verification/browser')).body as Json;
    assert.deepEqual(names(flow), ['code:email', 'code:method', 'default:csrf_token']);
    const sent = await verify(browser, flow, { method: 'code', email: ADA });
    assert.equal(sent.status, 200);
    assert.deepEqual(messageIds(sent.body as Json), [1080003]);
    const [message] = await courier(em, ADA);
    const link = /http\S+\/self-service\/verification\?code=(\d{6})&flow=(\S+)/.exec(message.body);
    assert.ok(link);
    assert.equal(link[2], flow.id);
    const other = new Browser(em.url);
    const click = await other.get(link[0], NAVIGATION);
    assert.equal(click.status, 303);
    assert.equal(new URL(click.location ?? '').search, `?flow=${flow.id}`);
    const prefilled = (await other.get(`/self-service/verification/flows?id=${flow.id}`)).body as Json;
    assert.equal(node(prefilled, 'code').attributes.value, link[1]);
    const wrong = await verify(other, prefilled, { method: 'code', code: '000000' });
    assert.deepEqual(messageIds(wrong.body as Json), [4070006]);
    const done = await verify(other, prefilled, { method: 'code', code: link[1] });
    assert.equal(done.status, 200);
    const passed = done.body as Json;
    assert.equal(passed.state, 'passed_challenge');
    assert.equal(passed.ui.method, 'GET');
    assert.deepEqual(messageIds(passed), [1080002]);
    assert.equal(node(passed, 'continue').type, 'a');
    const address = ((await browser.get('/sessions/whoami')).body as Json).identity.verifiable_addresses[0];
    assert.equal(address.verified, true);
    assert.equal(address.status, 'completed');
    const again = await verify(other, prefilled, { method: 'code', code: link[1] });
    assert.equal(again.status, 410);
    assert.equal((again.body as Json).error.id, 'self_service_flow_replaced');
    assert.ok((again.body as Json).use_flow_id);
  });

  test('12.4 rows 8, 10, 2: too many codes → 410 replaced; an expired code → 410 expired; an expired flow → 303', async () => {
    const browser = new Browser(em.url);
    const flow = (await browser.get('/self-service/verification/browser')).body as Json;
    await verify(browser, flow, { method: 'code', email: ADA });
    let last;
    for (let i = 1; i <= 6; i++) last = await verify(browser, flow, { code: `00000${i}` });
    assert.equal(last?.status, 410);
    assert.equal((last?.body as Json).error.reason, 'An error occured, please retry the flow.');
    const short = await server({ codeLifespan: 60 });
    const other = new Browser(short.url);
    const second = (await other.get('/self-service/verification/browser')).body as Json;
    await verify(other, second, { method: 'code', email: ADA });
    await advance(short, 61);
    const late = await verify(other, second, { code: await lastCode(short, ADA, 'verification_code_valid') });
    assert.equal(late.status, 410);
    assert.equal((late.body as Json).error.id, 'self_service_flow_expired');
    await advance(short, 3600);
    const expired = await verify(other, second, { method: 'code', email: ADA });
    assert.equal(expired.status, 303);
    assert.match(expired.location ?? '', /\/self-service\/verification\/flows\?id=/);
  });

  test('12.6: the flow of show_verification_ui after a registration is a sent_email flow whose code verifies', async () => {
    const browser = new Browser(em.url);
    const registration = (await browser.get('/self-service/registration/browser')).body as Json;
    const email = 'new-user@example.com';
    const done = (
      await browser.post(`/self-service/registration?flow=${registration.id}`, {
        method: 'password',
        password: 'A-good-pass-1234!',
        traits: { email },
        csrf_token: csrfOf(registration),
      })
    ).body as Json;
    const item = done.continue_with.find((c: Json) => c.action === 'show_verification_ui');
    const flow = (await browser.get(`/self-service/verification/flows?id=${item.flow.id}`)).body as Json;
    assert.equal(flow.state, 'sent_email');
    assert.deepEqual(names(flow), ['code:method', 'code:code', 'code:method', 'default:csrf_token']);
    const verified = await verify(browser, flow, { code: await lastCode(em, email, 'verification_code_valid') });
    assert.equal((verified.body as Json).state, 'passed_challenge');
  });

  test('12.4: a form post answers with 303 to the verification UI', async () => {
    const browser = new Browser(em.url);
    const flow = (await browser.get('/self-service/verification/browser')).body as Json;
    const sent = await verify(browser, flow, { method: 'code', email: ADA }, FORM);
    assert.equal(sent.status, 303);
    assert.match(sent.location ?? '', /\/ui\/verification\?flow=/);
  });
});

describe('disabled flows and §13 the error flow', () => {
  test('disabled: 400 without id (JSON), 303 to the error UI whose error GET /self-service/errors returns', async () => {
    const off = await server({ recoveryEnabled: false, verificationEnabled: false });
    const browser = new Browser(off.url);
    const json = await browser.get('/self-service/recovery/browser');
    assert.equal(json.status, 400);
    assert.equal((json.body as Json).error.reason, 'Recovery is not allowed because it was disabled.');
    const nav = await browser.get('/self-service/verification/browser', NAVIGATION);
    assert.equal(nav.status, 303);
    const id = new URL(nav.location ?? '').searchParams.get('id');
    const stored = await browser.get(`/self-service/errors?id=${id}`);
    assert.equal(stored.status, 200);
    assert.equal((stored.body as Json).error.reason, 'Verification is not allowed because it was disabled.');
    assert.equal((await browser.get(`/self-service/errors?id=${id}`)).status, 200);
  });

  test('13: stub:500 (also as ?error=), unknown ids 404', async () => {
    const browser = new Browser(em.url);
    for (const query of ['id=stub:500', 'error=stub:500']) {
      const stub = await browser.get(`/self-service/errors?${query}`);
      assert.equal(stub.status, 200);
      assert.equal((stub.body as Json).error.reason, 'This is a stub error.');
      assert.equal((stub.body as Json).created_at, '0001-01-01T00:00:00Z');
    }
    for (const query of ['id=stub:404', 'id=00000000-0000-4000-8000-000000000000', 'id=garbage', '']) {
      const answer = await browser.get(`/self-service/errors?${query}`);
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.body, {
        error: { code: 404, status: 'Not Found', message: 'Unable to locate the resource' },
      });
    }
  });
});

conformanceTest();
