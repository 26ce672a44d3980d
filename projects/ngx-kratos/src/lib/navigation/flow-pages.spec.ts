/*
 * withFlowPages(): the app's pages for each flow, where the navigator sends users instead of Kratos's own redirects,
 * and KratosNavigator.completeSignIn after a login or a registration. Sections (§) are docs/kratos-protocol.md's.
 */
import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { KRATOS_TESTING_BASE_URL, TESTING_NEW_FLOW_ID } from 'ngx-kratos/testing';
import { toKratosError } from '../errors/to-kratos-error';
import { ContinueWith } from '../models/continue-with';
import { provideKratos } from '../provide/provide-kratos';
import { withErrorRoute, withFlowPages, withLogin, withSessionToken } from '../provide/features';
import { OtherPage, RouterHarness, settle, setUpRouter } from '../../testing/router-harness';
import { KratosNavigator } from './kratos-navigator';
import { KRATOS_FLOW_PAGES } from './navigation-tokens';

const APP = new URL(document.baseURI).origin;
const routes = [
  { path: 'home', component: OtherPage },
  { path: 'login', component: OtherPage },
  { path: 'verify', component: OtherPage },
  { path: 'account', component: OtherPage },
];

describe('withFlowPages()', () => {
  it('merges with withLogin() and withErrorRoute(), and refuses one page named twice with different routes', () => {
    expect(() =>
      provideKratos(
        { baseUrl: KRATOS_TESTING_BASE_URL },
        withLogin({ route: '/login' }),
        withFlowPages({ login: '/signin' }),
      ),
    ).toThrowError(/the login page is named twice/);
    expect(() =>
      provideKratos(
        { baseUrl: KRATOS_TESTING_BASE_URL },
        withLogin({ route: '/login' }),
        withFlowPages({ login: '/login' }),
      ),
    ).not.toThrow();
    expect(() => withFlowPages({ registration: 'register' })).toThrowError(/app path/);
    TestBed.configureTestingModule({
      providers: [
        provideKratos(
          { baseUrl: KRATOS_TESTING_BASE_URL },
          withLogin({ route: '/login' }),
          withErrorRoute('/oops'),
          withFlowPages({ registration: '/register', home: '/home' }),
        ),
      ],
    });
    expect(TestBed.inject(KRATOS_FLOW_PAGES)).toEqual({
      login: '/login',
      error: '/oops',
      registration: '/register',
      home: '/home',
    });
  });

  describe('the navigator with the app’s pages', () => {
    let r: RouterHarness;
    let navigator: KratosNavigator;
    afterEach(() => r.http.verify());

    const setUp = async (...features: Parameters<typeof withFlowPages>[0][]) => {
      r = await setUpRouter({ routes, features: features.map((pages) => withFlowPages(pages)) });
      navigator = TestBed.inject(KratosNavigator);
      await r.harness.navigateByUrl('/login?return_to=%2Faccount');
    };

    it('a 422 to Kratos’s AAL2 login (§7.4) becomes the app’s login page with the same query, in the app', async () => {
      await setUp({ login: '/login' });
      const aal2 = `${KRATOS_TESTING_BASE_URL}/self-service/login/browser?aal=aal2&return_to=${encodeURIComponent(`${APP}/account`)}`;
      const error = toKratosError(
        new HttpErrorResponse({
          status: 422,
          error: JSON.stringify({
            error: { id: 'browser_location_change_required', code: 422, message: 'browser location change required' },
            redirect_browser_to: aal2,
          }),
        }),
      );
      expect(await navigator.handle(error)).toBeTrue();
      expect(r.assign).not.toHaveBeenCalled();
      const url = r.router.parseUrl(r.router.url);
      expect(url.root.children['primary'].segments.map(String)).toEqual(['login']);
      expect(url.queryParams).toEqual({ aal: 'aal2', return_to: `${APP}/account` });
    });

    it('without the app’s page, the same URL is a full-page navigation to Kratos', async () => {
      await setUp({});
      const aal2 = `${KRATOS_TESTING_BASE_URL}/self-service/login/browser?aal=aal2`;
      await navigator.follow(aal2);
      expect(r.assign).toHaveBeenCalledOnceWith(aal2);
    });

    describe('completeSignIn()', () => {
      const redirect = (url: string): ContinueWith => ({ action: 'redirect_browser_to', redirect_browser_to: url });
      const verification: ContinueWith = {
        action: 'show_verification_ui',
        flow: {
          id: TESTING_NEW_FLOW_ID,
          verifiable_address: 'ada@127.0.0.1',
          url: `${APP}/verify?flow=${TESTING_NEW_FLOW_ID}`,
        },
      };

      it('follows redirect_browser_to on the app’s origin in the app (no reload)', async () => {
        await setUp({ home: '/home' });
        await navigator.completeSignIn({ continueWith: [redirect(`${APP}/account`)] });
        await settle();
        expect(r.router.url).toBe('/account');
        expect(r.assign).not.toHaveBeenCalled();
      });

      it('never follows it to another origin: the error route or handler gets redirect_not_allowed', async () => {
        await setUp({ home: '/home' });
        await navigator.completeSignIn({ continueWith: [redirect('https://evil.example/phish')] });
        expect(r.assign).not.toHaveBeenCalled();
        expect(r.handleError).toHaveBeenCalled();
        expect((r.handleError.calls.mostRecent().args[0] as { kind: string }).kind).toBe('redirect_not_allowed');
      });

      it('afterSignIn: "home" goes to the page’s safe return_to (or home) instead', async () => {
        await setUp({ home: '/home', afterSignIn: 'home' });
        await navigator.completeSignIn({ continueWith: [redirect(`${APP}/elsewhere`)] });
        await settle();
        expect(r.router.url).toBe('/account');
      });

      it('without a redirect: home', async () => {
        r = await setUpRouter({ routes, features: [withFlowPages({ home: '/home' })] });
        navigator = TestBed.inject(KratosNavigator);
        await r.harness.navigateByUrl('/login');
        await navigator.completeSignIn({ continueWith: [] });
        await settle();
        expect(r.router.url).toBe('/home');
      });

      it('show_verification_ui goes to the app’s verification page with the flow', async () => {
        await setUp({ verification: '/verify', home: '/home' });
        const left = await navigator.completeSignIn({ continueWith: [verification, redirect(`${APP}/account`)] });
        await settle();
        expect(left).toBeUndefined();
        expect(r.router.url).toBe(`/verify?flow=${TESTING_NEW_FLOW_ID}`);
      });

      it('without a verification page, resolves to it for the app, and goes on', async () => {
        await setUp({ home: '/home' });
        const left = await navigator.completeSignIn({ continueWith: [verification, redirect(`${APP}/account`)] });
        await settle();
        expect(left).toEqual(verification as never);
        expect(r.router.url).toBe('/account');
      });

      it('a session token (set_ory_session_token, or the native session_token) goes to withSessionToken’s store', async () => {
        const stored: string[] = [];
        spyOn(console, 'warn');
        r = await setUpRouter({
          routes,
          features: [
            withFlowPages({ home: '/home' }),
            withSessionToken({ token: () => null, store: (t) => stored.push(t) }),
          ],
        });
        navigator = TestBed.inject(KratosNavigator);
        await r.harness.navigateByUrl('/login');
        await navigator.completeSignIn({
          continueWith: [{ action: 'set_ory_session_token', ory_session_token: 'ory_st_1' }],
        });
        await navigator.completeSignIn({ continueWith: [], sessionToken: 'ory_st_2' });
        expect(stored).toEqual(['ory_st_1', 'ory_st_2']);
      });
    });
  });
});
