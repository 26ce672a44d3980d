/*
 * injectKratosSession(): one whoami shared by every caller and by the session guards of a navigation, null only when
 * Kratos says "no session", an error (not null) when Kratos cannot be reached, and nothing asked during a server
 * render without withServerRendering().
 */
import { Component, REQUEST } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { KRATOS_TESTING_BASE_URL, KratosTestingController, loginFlow, session } from 'ngx-kratos/testing';
import { flushKratosError, setUpKratos } from '../../testing/harness';
import { OtherPage, RouterHarness, settle, setUpRouter } from '../../testing/router-harness';
import { withServerRendering } from '../provide/features';
import { KratosNavigator } from '../navigation/kratos-navigator';
import { requireSession } from '../routing/session-guards';
import { sessionResolver } from '../routing/session-resolver';
import { injectKratosSession, KratosSessionSignals } from './inject-kratos-session';

const WHOAMI = `${KRATOS_TESTING_BASE_URL}/sessions/whoami`;

const inContext = <T>(fn: () => T): T => TestBed.runInInjectionContext(fn);

@Component({ selector: 'kratos-test-account', template: '{{ auth.identity()?.id }}' })
class AccountPage {
  readonly auth = injectKratosSession();
  readonly other = injectKratosSession();
}

describe('injectKratosSession()', () => {
  describe('in a browser', () => {
    let http: HttpTestingController;
    let kratos: KratosTestingController;
    beforeEach(() => ({ http, kratos } = setUpKratos()));
    afterEach(() => kratos.verify());

    it('is undefined while unknown, then the session; several callers share one whoami', async () => {
      const a = inContext(injectKratosSession);
      const b = inContext(injectKratosSession);
      expect(a.session()).toBeUndefined();
      expect(a.isSignedIn()).toBeFalse();
      expect(a.loading()).toBeTrue();
      const req = kratos.expectWhoami();
      expect(req.request.request.method).toBe('GET');
      req.flush(session({ authenticator_assurance_level: 'aal2' }));
      // A third caller after the answer asks nothing either.
      const c = inContext(injectKratosSession);
      for (const auth of [a, b, c]) {
        expect(auth.session()?.id).toBe(session().id);
        expect(auth.isSignedIn()).toBeTrue();
        expect(auth.aal()).toBe('aal2');
        expect(auth.identity()?.id).toBe(session().identity!.id);
        expect(auth.error()).toBeUndefined();
        expect(auth.loading()).toBeFalse();
      }
    });

    it('is null on whoami’s 401 (session_inactive), with no error', () => {
      const auth = inContext(injectKratosSession);
      kratos.expectWhoami().flushError('session_inactive');
      expect(auth.session()).toBeNull();
      expect(auth.isSignedIn()).toBeFalse();
      expect(auth.identity()).toBeUndefined();
      expect(auth.error()).toBeUndefined();
    });

    it('a network failure is an error, not "signed out"', () => {
      const auth = inContext(injectKratosSession);
      kratos.expectWhoami().flushError('network');
      expect(auth.session()).toBeUndefined();
      expect(auth.error()?.kind).toBe('network');
      // A failure asked once: a later caller does not ask again by itself (refresh() does).
      inContext(injectKratosSession);
      http.expectNone(WHOAMI);
    });

    it('a failure keeps the session known before', async () => {
      const auth = inContext(injectKratosSession);
      kratos.expectWhoami().flush(session());
      const refreshed = auth.refresh();
      kratos.expectWhoami().flushError('network');
      await expectAsync(refreshed).toBeRejected();
      expect(auth.session()?.id).toBe(session().id);
      expect(auth.error()?.kind).toBe('network');
    });

    it('refresh() asks again and resolves to the session, or null', async () => {
      const auth = inContext(injectKratosSession);
      kratos.expectWhoami().flush(session());
      const first = auth.refresh();
      kratos.expectWhoami().flushError('session_inactive');
      expect(await first).toBeNull();
      expect(auth.session()).toBeNull();
      const second = auth.refresh();
      kratos.expectWhoami().flush(session());
      expect((await second)?.id).toBe(session().id);
    });

    it('a superseded answer is dropped: the later refresh wins', async () => {
      const auth = inContext(injectKratosSession);
      const first = kratos.expectWhoami();
      const refreshed = auth.refresh();
      const second = kratos.expectWhoami();
      second.flush(session({ id: 'newer' }));
      first.flush(session({ id: 'older' }));
      await refreshed;
      expect(auth.session()?.id).toBe('newer');
    });

    it('asks again after KratosNavigator.completeSignIn', async () => {
      const auth = inContext(injectKratosSession);
      kratos.expectWhoami().flushError('session_inactive');
      void TestBed.inject(KratosNavigator).completeSignIn({ continueWith: [] }, '/login');
      kratos.expectWhoami().flush(session());
      await settle();
      expect(auth.isSignedIn()).toBeTrue();
    });

    it('logout(): signed out after Kratos revokes the session', async () => {
      const auth = inContext(injectKratosSession);
      kratos.expectWhoami().flush(session());
      const done = auth.logout({ sessionToken: 'token' });
      const revoke = http.expectOne(`${KRATOS_TESTING_BASE_URL}/self-service/logout/api`);
      expect(revoke.request.method).toBe('DELETE');
      revoke.flush(null, { status: 204, statusText: 'No Content' });
      await done;
      expect(auth.session()).toBeNull();
    });
  });

  describe('on the server', () => {
    it('without withServerRendering(): asks Kratos nothing, the session stays unknown', async () => {
      const { http } = setUpKratos({ platform: 'server' });
      const auth = inContext(injectKratosSession);
      expect(await auth.refresh()).toBeUndefined();
      http.expectNone(() => true);
      expect(auth.session()).toBeUndefined();
      expect(auth.loading()).toBeFalse();
      http.verify();
    });

    it('with withServerRendering(): asks, with the request’s cookie', () => {
      const request = new Request('http://127.0.0.1:4200/account');
      Object.defineProperty(request, 'headers', { value: new Headers({ cookie: 'ory_kratos_session=abc' }) });
      TestBed.configureTestingModule({ providers: [{ provide: REQUEST, useValue: request }] });
      const { http } = setUpKratos({ platform: 'server', features: [withServerRendering()] });
      const auth = inContext(injectKratosSession);
      http.expectOne((req) => req.url.endsWith('/sessions/whoami')).flush(session());
      expect(auth.isSignedIn()).toBeTrue();
      http.verify();
    });
  });

  describe('with the session guards', () => {
    let r: RouterHarness;
    afterEach(() => r.http.verify());

    it('one whoami for the guards, the resolver and every component of a navigation', async () => {
      r = await setUpRouter({
        routes: [
          { path: 'home', component: OtherPage },
          {
            path: 'area',
            canMatch: [requireSession()],
            canActivate: [requireSession()],
            children: [
              {
                path: 'account',
                component: AccountPage,
                canActivate: [requireSession()],
                resolve: { session: sessionResolver },
              },
            ],
          },
        ],
      });
      const page = r.harness.navigateByUrl('/area/account', AccountPage);
      const whoami = await r.nextRequest();
      expect(whoami.request.url).toBe(WHOAMI);
      whoami.flush(session());
      const account = await page;
      await settle();
      expect(r.requests()).toBe(1);
      const auth: KratosSessionSignals = account.auth;
      expect(auth.session()?.id).toBe(session().id);
      expect(account.other.isSignedIn()).toBeTrue();
      // Outside the page, too: no second request.
      expect(inContext(injectKratosSession).isSignedIn()).toBeTrue();
      r.http.expectNone(WHOAMI);
    });

    it('a component that asked first: the guards of the first navigation join its whoami', async () => {
      r = await setUpRouter({
        routes: [{ path: 'account', component: OtherPage, canActivate: [requireSession()] }],
      });
      const auth = inContext(injectKratosSession);
      const done = r.harness.navigateByUrl('/account');
      await settle();
      const [whoami, ...more] = r.http.match(WHOAMI);
      expect(more.length).toBe(0);
      whoami.flush(session());
      await done;
      await settle();
      expect(r.requests()).toBe(1);
      expect(auth.isSignedIn()).toBeTrue();
      expect(r.router.url).toBe('/account');
    });

    it('what a guard learns ("signed out") is what the signals show', async () => {
      r = await setUpRouter({
        routes: [
          { path: 'login', component: OtherPage },
          { path: 'account', component: OtherPage, canActivate: [requireSession()] },
        ],
      });
      void r.harness.navigateByUrl('/account');
      flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'whoami' });
      await settle();
      r.http.match(() => true).forEach((req) => req.flush(loginFlow()));
      await settle();
      expect(inContext(injectKratosSession).session()).toBeNull();
      r.http.expectNone(WHOAMI);
      r.http.match(() => true);
    });
  });
});
