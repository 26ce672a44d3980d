/*
 * sessionResolver with the real Router: the page's session from the navigation's one whoami, shared with
 * requireSession(); alone, its own whoami; no session, the login page (docs/kratos-protocol.md §4).
 */
import { Component, input } from '@angular/core';
import { kratosErrorBody, loginFlow, session } from 'ngx-kratos/testing';
import { Session } from '../models/session';
import { withFlowPages } from '../provide/features';
import { kratosHeaders } from '../../testing/harness';
import { OtherPage, RouterHarness, settle, setUpRouter, SettingsPage } from '../../testing/router-harness';
import { loginFlowRoute } from './login-flow-route';
import { requireSession } from './session-guards';
import { sessionResolver } from './session-resolver';

@Component({ selector: 'kratos-test-session-page', template: '{{ session()?.id }}' })
class SessionPage {
  readonly session = input<Session>();
}

const APP = new URL(document.baseURI).origin;

describe('sessionResolver', () => {
  let r: RouterHarness;
  afterEach(() => r.http.verify());

  const setUp = async () =>
    (r = await setUpRouter({
      routes: [
        {
          path: 'guarded',
          component: SessionPage,
          canMatch: [requireSession()],
          resolve: { session: sessionResolver },
        },
        { path: 'alone', component: SessionPage, resolve: { session: sessionResolver } },
        loginFlowRoute({ path: 'login', component: SettingsPage }),
        { path: 'home', component: OtherPage },
      ],
      features: [withFlowPages({ login: '/login', home: '/home' })],
    }));

  it('behind requireSession(): the guard’s whoami is the page’s session, one request in all', async () => {
    await setUp();
    const page = r.harness.navigateByUrl('/guarded', SessionPage);
    (await r.nextRequest()).flush(session({ id: 'the-session' }));
    const shown = await page;
    await settle();
    expect(r.router.url).toBe('/guarded');
    expect(shown.session()?.id).toBe('the-session');
    expect(r.requests()).toBe(1);
  });

  it('on its own: one whoami of its own', async () => {
    await setUp();
    const page = r.harness.navigateByUrl('/alone', SessionPage);
    (await r.nextRequest()).flush(session({ id: 'mine' }));
    expect((await page).session()?.id).toBe('mine');
    expect(r.requests()).toBe(1);
  });

  it('no session, on its own: the login page with return_to, no page shown', async () => {
    await setUp();
    r.harness.navigateByUrl('/alone');
    const whoami = await r.nextRequest();
    const { body } = kratosErrorBody('session_inactive', { endpoint: 'whoami' });
    whoami.flush(body, {
      status: 401,
      statusText: 'Unauthorized',
      headers: kratosHeaders(body),
    });
    (await r.nextRequest()).flush(loginFlow());
    await settle();
    const url = r.router.parseUrl(r.router.url);
    expect(url.root.children['primary'].segments.map(String)).toEqual(['login']);
    expect(url.queryParams['return_to']).toBe(`${APP}/alone?kratos_step=login`);
  });

  it('a later navigation asks again (the session may have changed)', async () => {
    await setUp();
    const first = r.harness.navigateByUrl('/alone', SessionPage);
    (await r.nextRequest()).flush(session({ id: 'first' }));
    await first;
    r.harness.navigateByUrl('/guarded');
    (await r.nextRequest()).flush(session({ id: 'second' }));
    await settle();
    expect(r.requests()).toBe(2);
  });
});
