/*
 * requireSession() and guestOnly() with the real Router: where each sends the user, and how many requests a
 * navigation costs (one whoami, shared by every session guard of it; none on a flow route). Sections (§) are those of
 * docs/kratos-protocol.md.
 */
import { PLATFORM_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { KRATOS_TESTING_BASE_URL, loginFlow, session, TESTING_FLOW_ID } from 'ngx-kratos/testing';
import { withFlowPages } from '../provide/features';
import { flushKratosError } from '../../testing/harness';
import * as fx from '../../testing/kratos-fixtures';
import { OtherPage, RouterHarness, settle, setUpRouter, SettingsPage } from '../../testing/router-harness';
import { loginFlowRoute } from './login-flow-route';
import { settingsFlowRoute } from './settings-flow-route';
import { guestOnly, requireSession } from './session-guards';

const APP = new URL(document.baseURI).origin;
const WHOAMI = `${KRATOS_TESTING_BASE_URL}/sessions/whoami`;

describe('requireSession() and guestOnly()', () => {
  let r: RouterHarness;
  afterEach(() => r.http.verify());

  const routes = () => [
    { path: 'home', component: OtherPage },
    { path: 'account', component: OtherPage, canActivate: [requireSession()] },
    { path: 'secure', component: OtherPage, canMatch: [requireSession({ aal: 'aal2' })] },
    {
      path: 'area',
      canActivate: [requireSession()],
      children: [{ path: 'inner', component: OtherPage, canActivate: [requireSession()] }],
    },
    { path: 'welcome', component: OtherPage, canActivate: [guestOnly()] },
    {
      path: 'member',
      canActivate: [requireSession()],
      children: [settingsFlowRoute({ path: 'settings', component: SettingsPage })],
    },
    loginFlowRoute({ path: 'login', component: SettingsPage, canActivate: [guestOnly()] }),
    { path: 'error', component: OtherPage },
  ];
  const setUp = async () =>
    (r = await setUpRouter({
      routes: routes(),
      features: [withFlowPages({ login: '/login', home: '/home', error: '/error' })],
    }));

  it('no session: the login page, return_to = the page asked for, after one whoami', async () => {
    await setUp();
    r.harness.navigateByUrl('/account');
    const whoami = await r.nextRequest();
    expect(whoami.request.url).toBe(WHOAMI);
    flushKratosError(whoami, 'session_inactive', { endpoint: 'whoami' });
    // The login route's own request follows (its flow); the guard's part was one whoami.
    (await r.nextRequest()).flush(loginFlow());
    await settle();
    const url = r.router.parseUrl(r.router.url);
    expect(url.root.children['primary'].segments.map(String)).toEqual(['login']);
    expect(url.queryParams['return_to']).toBe(`${APP}/account?kratos_step=login`);
  });

  it('a session: the page, after one whoami', async () => {
    await setUp();
    r.harness.navigateByUrl('/account');
    (await r.nextRequest()).flush(session());
    await settle();
    expect(r.router.url).toBe('/account');
    expect(r.requests()).toBe(1);
  });

  it('canMatch with aal: "aal2": an aal1 session goes to the second-factor login, and back', async () => {
    await setUp();
    r.harness.navigateByUrl('/secure');
    (await r.nextRequest()).flush(session({ authenticator_assurance_level: 'aal1' }));
    (await r.nextRequest()).flush(loginFlow({ requested_aal: 'aal2' }));
    await settle();
    const url = r.router.parseUrl(r.router.url);
    expect(url.queryParams['aal']).toBe('aal2');
    expect(url.queryParams['return_to']).toBe(`${APP}/secure?kratos_step=aal2`);
  });

  it('an aal2 session passes aal: "aal2"', async () => {
    await setUp();
    r.harness.navigateByUrl('/secure');
    (await r.nextRequest()).flush(session({ authenticator_assurance_level: 'aal2' }));
    await settle();
    expect(r.router.url).toBe('/secure');
  });

  it("whoami's 403 session_aal2_required (§2.5) sends to the second-factor login", async () => {
    await setUp();
    r.harness.navigateByUrl('/account');
    flushKratosError(
      await r.nextRequest(),
      'session_aal2_required',
      { endpoint: 'whoami' },
      { redirectBrowserTo: fx.AAL2_INIT_URL },
    );
    (await r.nextRequest()).flush(loginFlow({ requested_aal: 'aal2' }));
    await settle();
    expect(r.router.parseUrl(r.router.url).queryParams['aal']).toBe('aal2');
  });

  it('back from the login step with a session: the page without kratos_step, in place, after one whoami', async () => {
    await setUp();
    r.harness.navigateByUrl('/account?tab=orders&kratos_step=login');
    (await r.nextRequest()).flush(session());
    await settle();
    expect(r.router.url).toBe('/account?tab=orders');
    // The redirect's navigation took the first one's whoami.
    expect(r.requests()).toBe(1);
  });

  it('back from the login step still without a session: a redirect_loop, not the login page again', async () => {
    await setUp();
    r.harness.navigateByUrl('/account?kratos_step=login');
    flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'whoami' });
    await settle();
    expect(r.router.url).toBe('/error');
    expect(r.requests()).toBe(1);
  });

  it('a flow route below requireSession keeps its own kratos_step: a second factor that did not take is a redirect_loop', async () => {
    await setUp();
    r.harness.navigateByUrl(`/member/settings?flow=${TESTING_FLOW_ID}&kratos_step=aal2`);
    (await r.nextRequest()).flush(session()); // requireSession's whoami: an aal1 session passes it
    // The settings flow's GET still wants the second factor the user was just sent to: a loop, not that login again.
    flushKratosError(await r.nextRequest(), 'session_aal2_required', { endpoint: 'get' });
    await settle();
    expect(r.router.url).toBe('/error');
    expect(r.requests()).toBe(2);
  });

  it('a redirect to the page already shown carries nothing: the next navigation asks Kratos again', async () => {
    await setUp();
    r.harness.navigateByUrl('/home');
    await settle();
    // Signed in, /welcome (guestOnly) sends the user home, where they already are: the router skips that navigation.
    r.harness.navigateByUrl('/welcome');
    (await r.nextRequest()).flush(session());
    await settle();
    expect(r.router.url).toBe('/home');
    // Later, the session is gone (revoked elsewhere): /account must ask, not reuse the earlier answer.
    r.harness.navigateByUrl('/account');
    flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'whoami' });
    (await r.nextRequest()).flush(loginFlow());
    await settle();
    expect(r.router.url).toMatch(/^\/login\?/);
    expect(r.requests()).toBe(3);
  });

  it('two session guards of one navigation (a parent and its child) share one whoami', async () => {
    await setUp();
    r.harness.navigateByUrl('/area/inner');
    await settle();
    r.http.expectOne(WHOAMI).flush(session());
    await settle();
    expect(r.router.url).toBe('/area/inner');
    expect(r.requests()).toBe(1);
  });

  it('a later navigation asks again', async () => {
    await setUp();
    r.harness.navigateByUrl('/account');
    (await r.nextRequest()).flush(session());
    await settle();
    r.harness.navigateByUrl('/area/inner');
    (await r.nextRequest()).flush(session());
    await settle();
    expect(r.requests()).toBe(2);
  });

  describe('guestOnly()', () => {
    it('signed out: the page, after one whoami', async () => {
      await setUp();
      r.harness.navigateByUrl('/welcome');
      flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'whoami' });
      await settle();
      expect(r.router.url).toBe('/welcome');
      expect(r.requests()).toBe(1);
    });

    it('signed in: the page’s safe return_to, in the app, whose requireSession takes the same whoami', async () => {
      await setUp();
      r.harness.navigateByUrl(`/welcome?return_to=${encodeURIComponent(`${APP}/account`)}`);
      (await r.nextRequest()).flush(session());
      await settle();
      expect(r.router.url).toBe('/account');
      expect(r.requests()).toBe(1);
    });

    it('signed in with an unsafe return_to: home, never the other origin', async () => {
      await setUp();
      r.harness.navigateByUrl(`/welcome?return_to=${encodeURIComponent('https://evil.example/x')}`);
      (await r.nextRequest()).flush(session());
      await settle();
      expect(r.router.url).toBe('/home');
      expect(r.assign).not.toHaveBeenCalled();
    });

    it('never for a refresh or a second factor: no whoami', async () => {
      await setUp();
      await r.harness.navigateByUrl('/welcome?refresh=true');
      await settle();
      expect(r.router.url).toBe('/welcome?refresh=true');
      expect(r.requests()).toBe(0);
    });

    for (const query of ['refresh=1', 'refresh=TRUE', 'aal=aal2', 'aal=AAL2']) {
      it(`never for ${query} either (Kratos reads refresh with Go's ParseBool and lower-cases aal, §7.1): no whoami`, async () => {
        await setUp();
        await r.harness.navigateByUrl(`/welcome?${query}`);
        await settle();
        expect(r.router.url).toBe(`/welcome?${query}`);
        expect(r.requests()).toBe(0);
      });
    }

    for (const query of ['refresh=false', 'aal=aal1', 'aal=']) {
      it(`${query} is a plain sign-in: a signed-in user is sent on`, async () => {
        await setUp();
        r.harness.navigateByUrl(`/welcome?${query}`);
        (await r.nextRequest()).flush(session());
        await settle();
        expect(r.router.url).toBe('/home');
        expect(r.requests()).toBe(1);
      });
    }

    it('on a login flow route: no whoami; Kratos’s session_already_available (§7.1) sends a signed-in user home', async () => {
      await setUp();
      r.harness.navigateByUrl('/login');
      const create = await r.nextRequest();
      expect(create.request.url).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/login/browser`);
      flushKratosError(create, 'session_already_available', { flow: 'login', endpoint: 'create' });
      await settle();
      expect(r.router.url).toBe('/home');
      expect(r.requests()).toBe(1);
    });

    it('on a login flow route signed out: the flow, in one request', async () => {
      await setUp();
      r.harness.navigateByUrl('/login');
      (await r.nextRequest()).flush(loginFlow());
      await settle();
      expect(r.router.url).toBe(`/login?flow=${TESTING_FLOW_ID}`);
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });
  });

  it('on the server outside session-token mode, requireSession cancels and asks nothing', async () => {
    TestBed.overrideProvider(PLATFORM_ID, { useValue: 'server' });
    await setUp();
    await r.harness.navigateByUrl('/account');
    await settle();
    expect(r.requests()).toBe(0);
    expect(r.router.url).not.toBe('/account');
  });

  it('on the server outside session-token mode, guestOnly cancels too: a cookie-less whoami would read "signed out"', async () => {
    TestBed.overrideProvider(PLATFORM_ID, { useValue: 'server' });
    await setUp();
    await r.harness.navigateByUrl('/welcome');
    await settle();
    expect(r.requests()).toBe(0);
    expect(r.router.url).not.toBe('/welcome');
  });
});
