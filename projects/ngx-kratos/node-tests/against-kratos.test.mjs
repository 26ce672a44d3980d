// The built library on Angular's real HttpClient (fetch backend) in Node, against a Kratos on loopback: the emulator
// (two independent readings of the protocol checking each other) or real Kratos v1.3.1
// (`KRATOS_SERVER=real`), the same tests on both. Native (api) flows, since Node is a server: create, get, update to
// success, validation, expiry, re-authentication, AAL2, logout, retries. Sections (§) are docs/kratos-protocol.md's.
import '@angular/compiler'; // JIT-links the partially compiled package in Node.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEnvironmentInjector, PLATFORM_ID, provideZonelessChangeDetection, ɵINJECTOR_SCOPE } from '@angular/core';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const lib = await import(pathToFileURL(join(workspace, 'dist/ngx-kratos/fesm2022/ngx-kratos.mjs')).href);
const { createFrontProxy } = await import(pathToFileURL(join(workspace, 'tools/kratos/front-proxy.mjs')).href);
const { REAL_UNAVAILABLE, SERVER_LABEL, startTestServer } = await import(
  pathToFileURL(join(workspace, 'tools/kratos/test-server.mjs')).href
);
const {
  SettingsFlowService,
  KratosSessionService,
  provideKratos,
  withSessionToken,
  withRetry,
  kratosSessionTokenInterceptor,
  isKratosError,
  findInputNode,
} = lib;

const check = (name, fn) => test(`${name} [${SERVER_LABEL}]`, { skip: REAL_UNAVAILABLE }, fn);

// The server, and the library's view of it: through a proxy that counts requests and can answer like a gateway.
let kratos;
let front;
let proxy;
let baseUrl;
before(async () => {
  if (REAL_UNAVAILABLE) return;
  kratos = await startTestServer({ privilegedMaxAge: 600 });
  ({ front, proxy, baseUrl } = await frontOf(kratos));
});
after(async () => {
  await new Promise((done) => (proxy ? proxy.close(done) : done()));
  await kratos?.close();
});
beforeEach(async () => {
  if (REAL_UNAVAILABLE) return;
  front.clear();
  await kratos.reset();
});

async function frontOf(server) {
  const front = createFrontProxy(server.url);
  const proxy = createServer(front.handle);
  await new Promise((done) => proxy.listen(0, '127.0.0.1', done));
  return { front, proxy, baseUrl: `http://127.0.0.1:${proxy.address().port}` };
}

function inject(config, ...features) {
  const injector = createEnvironmentInjector(
    [
      { provide: ɵINJECTOR_SCOPE, useValue: 'root' },
      { provide: PLATFORM_ID, useValue: 'server' },
      provideZonelessChangeDetection(),
      provideHttpClient(withFetch(), withInterceptors([kratosSessionTokenInterceptor])),
      provideKratos({ baseUrl, timeout: 10_000, ...config }, ...features),
    ],
    null,
  );
  return { settings: injector.get(SettingsFlowService), sessions: injector.get(KratosSessionService) };
}

async function failure(observable) {
  try {
    await firstValueFrom(observable);
  } catch (error) {
    return error;
  }
  assert.fail('expected a KratosError');
}

check('native flow end to end: create, get, invalid, success', async () => {
  const token = await kratos.sessionToken(await kratos.identity('ada'));
  const { settings } = inject();
  const flow = await firstValueFrom(settings.createNativeFlow({ sessionToken: token }));
  assert.equal(flow.type, 'api');
  const again = await firstValueFrom(settings.getFlow(flow.id, { sessionToken: token }));
  assert.equal(again.id, flow.id);

  const short = await firstValueFrom(
    settings.updateFlow(flow.id, { method: 'password', password: 'short' }, { sessionToken: token }),
  );
  assert.equal(short.kind, 'invalid');
  assert.equal(findInputNode(short.flow, 'password').messages[0].id, 4000032);

  const email = await firstValueFrom(
    settings.updateFlow(
      flow.id,
      { method: 'profile', traits: { email: 'nope' } },
      { sessionToken: token, observe: 'response' },
    ),
  );
  assert.equal(email.status, 400);
  assert.equal(email.body.kind, 'invalid');

  const saved = await firstValueFrom(
    settings.updateFlow(flow.id, { method: 'password', password: 'a-much-better-one' }, { sessionToken: token }),
  );
  assert.equal(saved.kind, 'success');
  assert.equal(saved.flow.state, 'success');
  // Api flows get no redirect_browser_to (§2.4 row 13). (Real Kratos v1.3.1 may add show_verification_ui: its
  // verification hook runs on any settings success while the identity's address is still pending.)
  assert.ok(!saved.flow.continue_with?.some((item) => item.action === 'redirect_browser_to'));
});

check('the interceptor of withSessionToken supplies the token to Kratos', async () => {
  const ada = await kratos.identity('ada');
  const token = await kratos.sessionToken(ada);
  const { settings, sessions } = inject({}, withSessionToken({ token: () => token }));
  const flow = await firstValueFrom(settings.createNativeFlow());
  assert.equal(flow.type, 'api');
  const session = await firstValueFrom(sessions.whoami());
  assert.equal(session.identity.traits.email, ada.email);
});

check('errors arrive as KratosError kinds: id-less 401, 404, refresh required, expiry with useFlowId', async () => {
  // Short lifespans on a server of its own: a privileged window of 10 s inside flows of 20 s, waited out on the
  // server's clock (advanced on the emulator, polled on real Kratos).
  const short = await startTestServer({ privilegedMaxAge: 10, flowLifespan: 20 });
  const shortFront = await frontOf(short);
  try {
    const token = await short.sessionToken(await short.identity('ada'));
    const { settings } = inject({ baseUrl: shortFront.baseUrl });
    const flow = await firstValueFrom(settings.createNativeFlow({ sessionToken: token }));

    const signedOut = await failure(settings.getFlow(flow.id));
    assert.ok(isKratosError(signedOut, 'session_inactive'), signedOut.kind);
    assert.equal(signedOut.id, undefined);

    const missing = await failure(settings.getFlow('00000000-0000-4000-8000-000000000000', { sessionToken: token }));
    assert.ok(isKratosError(missing, 'not_found'), missing.kind);

    const session = await firstValueFrom(
      inject({ baseUrl: shortFront.baseUrl }).sessions.whoami({ sessionToken: token }),
    );
    await short.passTime(new Date(new Date(session.authenticated_at).getTime() + 10_000));
    const stale = await failure(
      settings.updateFlow(flow.id, { method: 'password', password: 'a-much-better-one' }, { sessionToken: token }),
    );
    assert.ok(isKratosError(stale, 'session_refresh_required'), stale.kind);
    assert.match(stale.redirectBrowserTo, /refresh=true/);

    await short.passTime(new Date(flow.expires_at));
    const expired = await failure(
      settings.updateFlow(
        flow.id,
        { method: 'profile', traits: { email: 'ada@example.com' } },
        { sessionToken: token },
      ),
    );
    assert.ok(isKratosError(expired, 'self_service_flow_expired'), expired.kind);
    const replacement = await firstValueFrom(settings.getFlow(expired.useFlowId, { sessionToken: token }));
    assert.equal(replacement.ui.messages[0].id, 4050001);

    const gone = await failure(settings.getFlow(flow.id, { sessionToken: token }));
    assert.ok(isKratosError(gone, 'self_service_flow_expired'), gone.kind);
    assert.equal(gone.details.api, `${short.publicUrl}/self-service/settings/api`);
  } finally {
    await new Promise((done) => shortFront.proxy.close(done));
    await short.close();
  }
});

check('AAL2: grace needs a second factor before settings; her TOTP code steps the session up', async () => {
  const grace = await kratos.identity('grace');
  const token = await kratos.sessionToken(grace);
  const { settings } = inject();
  const error = await failure(settings.createNativeFlow({ sessionToken: token }));
  assert.ok(isKratosError(error, 'session_aal2_required'), error.kind);
  assert.equal(error.redirectBrowserTo, `${kratos.publicUrl}/self-service/login/browser?aal=aal2`);

  // The step-up an app would do: an api login with aal=aal2 and the session token, then settings works.
  const step = await (
    await fetch(`${kratos.url}/self-service/login/api?aal=aal2`, { headers: { 'X-Session-Token': token } })
  ).json();
  const stepped = await fetch(`${kratos.url}/self-service/login?flow=${step.id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Session-Token': token },
    body: JSON.stringify({ method: 'totp', totp_code: await kratos.totpCode(grace.totpSecret) }),
  });
  assert.equal(stepped.status, 200, await stepped.clone().text());
  const flow = await firstValueFrom(settings.createNativeFlow({ sessionToken: token }));
  assert.equal(flow.identity.traits.email, grace.email);
});

check('logout with the session token: whoami then answers session_inactive', async () => {
  const token = await kratos.sessionToken(await kratos.identity('ada'));
  const { sessions } = inject();
  await firstValueFrom(sessions.logout({ sessionToken: token }), { defaultValue: undefined });
  const error = await failure(sessions.whoami({ sessionToken: token }));
  assert.ok(isKratosError(error, 'session_inactive'), error.kind);
});

check(
  'withRetry() on the real HttpClient: a read survives two gateway 503s; a submit is never sent twice',
  async () => {
    const token = await kratos.sessionToken(await kratos.identity('ada'));
    const { settings } = inject({}, withRetry({ count: 2, delay: 20, maxDelay: 100 }));

    front.fail(503, 2);
    front.clear();
    const flow = await firstValueFrom(settings.createNativeFlow({ sessionToken: token }));
    assert.equal(flow.type, 'api');
    assert.equal(front.requests.length, 3, 'two 503s, then the flow');

    front.fail(503, 1);
    front.clear();
    const refused = await failure(
      settings.updateFlow(flow.id, { method: 'password', password: 'a-much-better-one' }, { sessionToken: token }),
    );
    assert.ok(isKratosError(refused, 'server_error'), refused.kind);
    assert.match(refused.excerpt, /upstream unavailable/);
    assert.equal(front.requests.length, 1, 'the POST went once');

    front.fail(503, 3);
    const exhausted = await failure(settings.getFlow(flow.id, { sessionToken: token }));
    assert.ok(isKratosError(exhausted, 'server_error'), exhausted.kind);
    assert.equal(exhausted.status, 503);
  },
);
