// withServerRendering() on Node, against dist: Angular's fetch backend sends the incoming Cookie header to Kratos
// and lets the library see each Set-Cookie of the answer, which goes to RESPONSE_INIT unmerged (run `ng build
// ngx-kratos` first).
import '@angular/compiler';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  createEnvironmentInjector,
  createPlatformFactory,
  PLATFORM_ID,
  platformCore,
  REQUEST,
  RESPONSE_INIT,
  provideZonelessChangeDetection,
  ɵINJECTOR_SCOPE,
} from '@angular/core';
import { firstValueFrom } from 'rxjs';

const dist = new URL('../../../dist/ngx-kratos/fesm2022/ngx-kratos.mjs', import.meta.url);
const { KratosLocation, KratosOrigins, KratosSessionService, provideKratos, withServerRendering } = await import(
  dist.href
);

test('a server render forwards Cookie and relays every Set-Cookie through the fetch backend', async () => {
  const seen = [];
  const kratos = createServer((req, res) => {
    seen.push({ url: req.url, cookie: req.headers.cookie });
    res.setHeader('Set-Cookie', [
      'csrf_token=a; Path=/; HttpOnly',
      'ory_kratos_session=rotated; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
    ]);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ id: 'session-1', active: true }));
  });
  await new Promise((resolve) => kratos.listen(0, '127.0.0.1', resolve));
  const kratosUrl = `http://127.0.0.1:${kratos.address().port}`;
  try {
    const platform = createPlatformFactory(platformCore, 'ssr-test', [])();
    const response = {};
    const request = new Request('http://app.test/account', { headers: { cookie: 'ory_kratos_session=alice' } });
    const injector = createEnvironmentInjector(
      [
        { provide: PLATFORM_ID, useValue: 'server' },
        { provide: REQUEST, useValue: request },
        { provide: RESPONSE_INIT, useValue: response },
        provideHttpClient(withFetch()),
        provideKratos({ baseUrl: '/.ory' }, withServerRendering({ kratosUrl })),
        // No application here: this injector is the root one.
        { provide: ɵINJECTOR_SCOPE, useValue: 'root' },
        provideZonelessChangeDetection(),
      ],
      platform.injector,
    );
    const session = await firstValueFrom(injector.get(KratosSessionService).whoami());
    assert.equal(session.id, 'session-1');
    assert.deepEqual(seen, [{ url: '/sessions/whoami', cookie: 'ory_kratos_session=alice' }]);
    assert.deepEqual(response.headers.getSetCookie(), [
      'csrf_token=a; Path=/; HttpOnly',
      'ory_kratos_session=rotated; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
    ]);
    assert.equal(response.headers.get('Cache-Control'), 'private, no-store');
    assert.equal(response.headers.get('Vary'), 'Cookie');
    injector.destroy();
    platform.destroy();
  } finally {
    kratos.close();
  }
});
