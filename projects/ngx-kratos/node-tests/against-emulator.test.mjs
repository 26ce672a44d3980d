// The built library on Angular's real HttpClient (fetch backend) in Node, against the Kratos emulator on loopback:
// two independent readings of the protocol checking each other (../shared/style.md). Native (api) flows, since
// Node is a server: create, get, update to success, validation, expiry, re-authentication, logout.
import '@angular/compiler'; // JIT-links the partially compiled package in Node.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEnvironmentInjector, PLATFORM_ID, provideZonelessChangeDetection, ɵINJECTOR_SCOPE } from '@angular/core';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const lib = await import(pathToFileURL(join(workspace, 'dist/ngx-kratos/fesm2022/ngx-kratos.mjs')).href);
const { startEmulator, totpCode } = createRequire(import.meta.url)(join(workspace, 'dist/kratos-emulator/index.js'));
const {
  SettingsFlowService,
  KratosSessionService,
  provideKratos,
  withSessionToken,
  kratosSessionTokenInterceptor,
  isKratosError,
  findInputNode,
} = lib;

let emulator;
before(async () => (emulator = await startEmulator({ port: 0, testControls: true, privilegedMaxAge: 600 })));
after(() => emulator.close());

function inject(...features) {
  const injector = createEnvironmentInjector(
    [
      { provide: ɵINJECTOR_SCOPE, useValue: 'root' },
      { provide: PLATFORM_ID, useValue: 'server' },
      provideZonelessChangeDetection(),
      provideHttpClient(withFetch(), withInterceptors([kratosSessionTokenInterceptor])),
      provideKratos({ baseUrl: emulator.url, timeout: 10_000 }, ...features),
    ],
    null,
  );
  return { settings: injector.get(SettingsFlowService), sessions: injector.get(KratosSessionService) };
}

async function apiLogin(email, password) {
  const flow = await (await fetch(`${emulator.url}/self-service/login/api`)).json();
  const answer = await fetch(`${emulator.url}/self-service/login?flow=${flow.id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ method: 'password', identifier: email, password }),
  });
  return (await answer.json()).session_token;
}

const advance = (seconds) =>
  fetch(`${emulator.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: seconds }) });

async function failure(observable) {
  try {
    await firstValueFrom(observable);
  } catch (error) {
    return error;
  }
  assert.fail('expected a KratosError');
}

test('native flow end to end: create, get, invalid, success', async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  const token = await apiLogin('ada@example.com', 'Lovelace-1815!');
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
  assert.equal(saved.flow.continue_with, undefined, 'api flows get no redirect_browser_to (§2.4 row 13)');
});

test('the interceptor of withSessionToken supplies the token to Kratos', async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  const token = await apiLogin('ada@example.com', 'Lovelace-1815!');
  const { settings, sessions } = inject(withSessionToken({ token: () => token }));
  const flow = await firstValueFrom(settings.createNativeFlow());
  assert.equal(flow.type, 'api');
  const session = await firstValueFrom(sessions.whoami());
  assert.equal(session.identity.traits.email, 'ada@example.com');
});

test('errors arrive as KratosError kinds: id-less 401, 404, expiry with useFlowId, refresh required', async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  const token = await apiLogin('ada@example.com', 'Lovelace-1815!');
  const { settings } = inject();
  const flow = await firstValueFrom(settings.createNativeFlow({ sessionToken: token }));

  const signedOut = await failure(settings.getFlow(flow.id));
  assert.ok(isKratosError(signedOut, 'session_inactive'));
  assert.equal(signedOut.id, undefined);

  const missing = await failure(settings.getFlow('00000000-0000-4000-8000-000000000000', { sessionToken: token }));
  assert.ok(isKratosError(missing, 'not_found'));

  await advance(601);
  const stale = await failure(
    settings.updateFlow(flow.id, { method: 'password', password: 'a-much-better-one' }, { sessionToken: token }),
  );
  assert.ok(isKratosError(stale, 'session_refresh_required'));
  assert.match(stale.redirectBrowserTo, /refresh=true/);

  await advance(3600);
  const expired = await failure(
    settings.updateFlow(flow.id, { method: 'profile', traits: { email: 'ada@example.com' } }, { sessionToken: token }),
  );
  assert.ok(isKratosError(expired, 'self_service_flow_expired'));
  const replacement = await firstValueFrom(settings.getFlow(expired.useFlowId, { sessionToken: token }));
  assert.equal(replacement.ui.messages[0].id, 4050001);

  const gone = await failure(settings.getFlow(flow.id, { sessionToken: token }));
  assert.ok(isKratosError(gone, 'self_service_flow_expired'));
  assert.equal(gone.details.api, `${emulator.url}/self-service/settings/api`);
});

test('AAL2: grace needs a second factor, the step-up code comes from the emulator clock', async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  const token = await apiLogin('grace@example.com', 'Hopper-1906!');
  const { settings } = inject();
  const error = await failure(settings.createNativeFlow({ sessionToken: token }));
  assert.ok(isKratosError(error, 'session_aal2_required'));
  assert.equal(error.redirectBrowserTo, `${emulator.url}/self-service/login/browser?aal=aal2`);
  assert.equal(typeof totpCode('JBSWY3DPEHPK3PXP', new Date()), 'string');
});

test('logout with the session token: whoami then answers session_inactive', async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  const token = await apiLogin('ada@example.com', 'Lovelace-1815!');
  const { sessions } = inject();
  await firstValueFrom(sessions.logout({ sessionToken: token }), { defaultValue: undefined });
  const error = await failure(sessions.whoami({ sessionToken: token }));
  assert.ok(isKratosError(error, 'session_inactive'));
});

test('retries on the real HttpClient: a read survives two gateway 503s; a submit is never sent twice', async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  const token = await apiLogin('ada@example.com', 'Lovelace-1815!');
  const faults = (count) =>
    fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ status: 503, count }) });
  const requests = async () => (await (await fetch(`${emulator.url}/__emulator/requests`)).json()).length;
  const clear = () => fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });
  const injector = createEnvironmentInjector(
    [
      { provide: ɵINJECTOR_SCOPE, useValue: 'root' },
      { provide: PLATFORM_ID, useValue: 'server' },
      provideZonelessChangeDetection(),
      provideHttpClient(withFetch()),
      provideKratos({ baseUrl: emulator.url, timeout: 10_000, retry: { count: 2, delay: 20, maxDelay: 100 } }),
    ],
    null,
  );
  const settings = injector.get(SettingsFlowService);

  await faults(2);
  await clear();
  const flow = await firstValueFrom(settings.createNativeFlow({ sessionToken: token }));
  assert.equal(flow.type, 'api');
  assert.equal(await requests(), 3, 'two 503s, then the flow');

  await faults(1);
  await clear();
  const refused = await failure(
    settings.updateFlow(flow.id, { method: 'password', password: 'a-much-better-one' }, { sessionToken: token }),
  );
  assert.ok(isKratosError(refused, 'server_error'));
  assert.match(refused.excerpt, /upstream unavailable/);
  assert.equal(await requests(), 1, 'the POST went once');

  await faults(3);
  const exhausted = await failure(settings.getFlow(flow.id, { sessionToken: token }));
  assert.ok(isKratosError(exhausted, 'server_error'));
  assert.equal(exhausted.status, 503);
});
