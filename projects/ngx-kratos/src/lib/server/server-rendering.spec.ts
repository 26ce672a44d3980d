/*
 * withServerRendering(): a server render (PLATFORM_ID 'server', REQUEST, RESPONSE_INIT) asks Kratos with the
 * request's cookies, relays Set-Cookie and cache headers, renders a new flow with 200 and hands it to the browser
 * in TransferState; the browser's first navigation takes it without a request.
 */
import { makeStateKey, PLATFORM_ID, REQUEST, RESPONSE_INIT, TransferState } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  settingsFlow,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { flushKratosError, kratosHeaders } from '../../testing/harness';
import { OtherPage, RouterHarness, settle, setUpRouter, SettingsPage } from '../../testing/router-harness';
import { withErrorRoute, withLogin, withServerRendering } from '../provide/features';
import { KratosFeature } from '../provide/provide-kratos';
import { requireSession } from '../routing/session-guards';
import { settingsFlowRoute } from '../routing/settings-flow-route';
import { ServerRenderingOptions } from './server-render';

const APP = new URL(document.baseURI).origin;
const INTERNAL = 'http://kratos.internal:4433';
const COOKIE = 'ory_kratos_session=alice; csrf_token_abc=xyz';

const routes = [
  { path: 'home', component: OtherPage },
  { path: '', component: OtherPage },
  { path: 'login', component: OtherPage },
  { path: 'error', component: OtherPage },
  { path: 'account', component: OtherPage, canActivate: [requireSession()] },
  settingsFlowRoute({ path: 'settings', component: SettingsPage }),
];

interface Render extends RouterHarness {
  response: ResponseInit;
  transfer: TransferState;
}

async function serverRender(
  url: string,
  options: {
    cookie?: string;
    feature?: ServerRenderingOptions | false;
    features?: KratosFeature[];
    baseUrl?: string;
    platform?: 'server' | 'browser';
  } = {},
): Promise<Render> {
  const response: ResponseInit = {};
  const headers: Record<string, string> = options.cookie === undefined ? {} : { cookie: options.cookie };
  const r = await setUpRouter({
    routes,
    baseUrl: options.baseUrl,
    features: [
      ...(options.feature === false ? [] : [withServerRendering(options.feature ?? { kratosUrl: INTERNAL })]),
      ...(options.features ?? []),
    ],
    providers: [
      { provide: PLATFORM_ID, useValue: options.platform ?? 'server' },
      { provide: REQUEST, useValue: incoming(`${APP}${url}`, headers) },
      { provide: RESPONSE_INIT, useValue: response },
    ],
  });
  return { ...r, response, transfer: TestBed.inject(TransferState) };
}

/**
 * The incoming request as a server sees it. A browser's `Request` drops `Cookie` (a forbidden request header), so
 * here it is a `Request` whose headers are a guard-free `Headers`; on Node `new Request(url, { headers })` keeps it.
 */
function incoming(url: string, headers: Record<string, string>): Request {
  const request = new Request(url);
  Object.defineProperty(request, 'headers', { value: new Headers(headers) });
  return request;
}

function responseHeaders(response: ResponseInit): Headers {
  return response.headers instanceof Headers ? response.headers : new Headers(response.headers);
}

const FLOW_KEY = makeStateKey<{ id: string; flow: unknown }>('ngx-kratos:flow:settings:/settings');

describe('withServerRendering()', () => {
  let r: Render | undefined;
  afterEach(() => {
    r?.http.verify();
    r = undefined;
  });

  describe('during a server render', () => {
    it('sends the request to kratosUrl with the incoming Cookie header', async () => {
      r = await serverRender('/settings', { cookie: COOKIE });
      r.harness.navigateByUrl('/settings');
      const req = await r.nextRequest();
      expect(req.request.url).toBe(`${INTERNAL}/self-service/settings/browser`);
      expect(req.request.headers.get('Cookie')).toBe(COOKIE);
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.transferCache).toBeFalse();
      req.flush(settingsFlow());
      await settle();
    });

    it('without kratosUrl: an absolute public base is used as it is', async () => {
      r = await serverRender('/settings', { cookie: COOKIE, feature: {}, baseUrl: 'https://auth.example.com' });
      r.harness.navigateByUrl('/settings');
      const req = await r.nextRequest();
      expect(req.request.url).toBe('https://auth.example.com/self-service/settings/browser');
      expect(req.request.headers.get('Cookie')).toBe(COOKIE);
      req.flush(settingsFlow());
      await settle();
    });

    it('without kratosUrl, a path base is refused: a forged Host must not choose where the cookies go', async () => {
      r = await serverRender('/settings', { cookie: COOKIE, feature: {}, baseUrl: '/.ory' });
      await r.harness.navigateByUrl('/settings').catch((error: unknown) => {
        expect(String(error)).toContain('needs kratosUrl');
      });
      await settle();
      expect(r.requests()).toBe(0);
    });

    it('a new flow renders with 200, no redirect, and goes into TransferState', async () => {
      r = await serverRender('/settings', { cookie: COOKIE });
      r.harness.navigateByUrl('/settings');
      (await r.nextRequest()).flush(settingsFlow());
      await settle();
      expect(r.router.url).toBe('/settings');
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
      expect(r.response.status).toBeUndefined();
      expect(r.transfer.get(FLOW_KEY, null)?.id).toBe(TESTING_FLOW_ID);
    });

    it('relays every Set-Cookie of Kratos, unmerged, and marks the page private', async () => {
      r = await serverRender('/settings', { cookie: COOKIE });
      r.response.headers = { Vary: 'Accept-Encoding' };
      r.harness.navigateByUrl('/settings');
      const cookies = [
        'csrf_token_abc=new; Path=/; HttpOnly; SameSite=Lax',
        'ory_kratos_session=rotated; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Path=/; HttpOnly',
      ];
      (await r.nextRequest()).flush(settingsFlow(), { headers: { 'Set-Cookie': cookies } });
      await settle();
      const headers = responseHeaders(r.response);
      expect(r.response.headers instanceof Headers).toBeTrue();
      expect(headers.getSetCookie()).toEqual(cookies);
      expect(headers.get('Cache-Control')).toBe('private, no-store');
      expect(headers.get('Vary')).toBe('Accept-Encoding, Cookie');
    });

    it('relays Set-Cookie of an error answer too', async () => {
      r = await serverRender('/settings', { cookie: COOKIE, features: [withLogin({ route: '/login' })] });
      r.harness.navigateByUrl('/settings');
      const { body } = kratosErrorBody('session_inactive', { endpoint: 'create' });
      (await r.nextRequest()).flush(body, {
        status: 401,
        statusText: 'Unauthorized',
        headers: { ...kratosHeaders(body), 'Set-Cookie': ['csrf_token_abc=new; Path=/'] },
      });
      await settle();
      expect(responseHeaders(r.response).getSetCookie()).toEqual(['csrf_token_abc=new; Path=/']);
    });

    it('?flow=<id>: gets that flow with the cookie and transfers it', async () => {
      r = await serverRender(`/settings?flow=${TESTING_FLOW_ID}`, { cookie: COOKIE });
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      const req = await r.nextRequest();
      expect(req.request.urlWithParams).toBe(`${INTERNAL}/self-service/settings/flows?id=${TESTING_FLOW_ID}`);
      expect(req.request.headers.get('Cookie')).toBe(COOKIE);
      req.flush(settingsFlow());
      await settle();
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.transfer.get(FLOW_KEY, null)?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    it('no Cookie header when the request has none', async () => {
      r = await serverRender('/settings');
      r.harness.navigateByUrl('/settings');
      const req = await r.nextRequest();
      expect(req.request.headers.has('Cookie')).toBeFalse();
      req.flush(settingsFlow());
      await settle();
    });

    it('signed out, with a login page: the guard redirects in the app (@angular/ssr answers it with a 302)', async () => {
      r = await serverRender('/settings', { cookie: COOKIE, features: [withLogin({ route: '/login' })] });
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'get' });
      await settle();
      expect(r.router.url.startsWith('/login?')).toBeTrue();
      expect(r.location.path().startsWith('/login?')).toBeTrue();
      expect(r.assign).not.toHaveBeenCalled();
    });

    it('an expired flow id: a redirect to a fresh flow (an HTTP redirect, then a 200 render)', async () => {
      r = await serverRender(`/settings?flow=${TESTING_FLOW_ID}`, { cookie: COOKIE });
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'not_found', { endpoint: 'get' });
      await settle();
      // The redirected navigation is the next render's; here it already creates the new flow.
      (await r.nextRequest()).flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.location.path()).toBe('/settings');
      expect(r.page()?.flow()?.id).toBe(TESTING_NEW_FLOW_ID);
    });

    it('signed out, Kratos’s own login: status 303 and Location on RESPONSE_INIT, never KratosLocation', async () => {
      r = await serverRender('/settings', { cookie: COOKIE });
      r.harness.navigateByUrl('/settings');
      flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'create' });
      await settle();
      expect(r.assign).not.toHaveBeenCalled();
      expect(r.response.status).toBe(303);
      const location = new URL(responseHeaders(r.response).get('Location')!);
      expect(location.origin + location.pathname).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/login/browser`);
      expect(location.searchParams.get('return_to')).toBe(`${APP}/settings?kratos_step=login`);
      // The render completes (home, without a URL change), so that the response is sent.
      expect(r.location.path()).toBe('');
      expect(r.page()).toBeUndefined();
    });

    for (const [what, answer, status] of [
      ['Kratos unreachable', 'network', 503],
      ['Kratos failing', 'server', 502],
    ] as const) {
      it(`${what}: the error page in place, status ${status}`, async () => {
        r = await serverRender('/settings', { cookie: COOKIE, features: [withErrorRoute('/error')] });
        r.harness.navigateByUrl('/settings');
        const req = await r.nextRequest();
        if (answer === 'network') req.error(new ProgressEvent('error'), { status: 0 });
        else flushKratosError(req, 'server_error', { endpoint: 'create' });
        await settle();
        expect(r.response.status).toBe(status);
        expect(r.router.url).toBe('/error');
        expect(r.location.path()).toBe('');
        expect(r.handleError).not.toHaveBeenCalled();
      });
    }

    it('requireSession asks whoami with the forwarded cookie', async () => {
      r = await serverRender('/account', { cookie: COOKIE });
      r.harness.navigateByUrl('/account');
      const req = await r.nextRequest();
      expect(req.request.url).toBe(`${INTERNAL}/sessions/whoami`);
      expect(req.request.headers.get('Cookie')).toBe(COOKIE);
      req.flush({ id: 'session-1', active: true, authenticator_assurance_level: 'aal1' });
      await settle();
      expect(r.router.url).toBe('/account');
    });

    it('two renders never share cookies, responses or flows', async () => {
      r = await serverRender('/settings', { cookie: 'ory_kratos_session=alice' });
      r.harness.navigateByUrl('/settings');
      (await r.nextRequest()).flush(settingsFlow(), { headers: { 'Set-Cookie': 'a=1' } });
      await settle();
      const first = r;
      TestBed.resetTestingModule();
      r = await serverRender('/settings', { cookie: 'ory_kratos_session=bob' });
      r.harness.navigateByUrl('/settings');
      const req = await r.nextRequest();
      expect(req.request.headers.get('Cookie')).toBe('ory_kratos_session=bob');
      expect(r.transfer.get(FLOW_KEY, null)).toBeNull();
      req.flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(responseHeaders(r.response).getSetCookie()).toEqual([]);
      expect(responseHeaders(first.response).getSetCookie()).toEqual(['a=1']);
      expect(first.transfer.get(FLOW_KEY, null)?.id).toBe(TESTING_FLOW_ID);
      expect(r.transfer.get(FLOW_KEY, null)?.id).toBe(TESTING_NEW_FLOW_ID);
    });
  });

  describe('without the feature, on the server', () => {
    it('asks Kratos nothing and cancels the navigation (as before)', async () => {
      r = await serverRender('/settings', { cookie: COOKIE, feature: false });
      await r.harness.navigateByUrl('/settings');
      await settle();
      expect(r.requests()).toBe(0);
      expect(r.page()).toBeUndefined();
      expect(r.response.headers).toBeUndefined();
    });
  });

  describe('in the browser, after a server render', () => {
    it('takes the transferred flow: 0 requests, the URL gets ?flow=<id> by replacing the entry', async () => {
      r = await serverRender('/settings', { platform: 'browser' });
      r.transfer.set(FLOW_KEY, { id: TESTING_FLOW_ID, flow: settingsFlow() });
      await r.harness.navigateByUrl('/settings');
      await settle();
      expect(r.requests()).toBe(0);
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.router.url).toBe(`/settings?flow=${TESTING_FLOW_ID}`);
      expect(r.location.urlChanges).toEqual([`replace: /settings?flow=${TESTING_FLOW_ID}`]);
      expect(r.transfer.hasKey(FLOW_KEY)).toBeFalse();
    });

    it('takes it for the same flow id, once', async () => {
      r = await serverRender(`/settings?flow=${TESTING_FLOW_ID}`, { platform: 'browser' });
      r.transfer.set(FLOW_KEY, { id: TESTING_FLOW_ID, flow: settingsFlow() });
      await r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      await settle();
      expect(r.requests()).toBe(0);
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      await r.harness.navigateByUrl('/home');
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      (await r.nextRequest()).flush(settingsFlow());
      await settle();
      expect(r.requests()).toBe(1);
    });

    it('not for another flow id', async () => {
      r = await serverRender(`/settings?flow=${TESTING_NEW_FLOW_ID}`, { platform: 'browser' });
      r.transfer.set(FLOW_KEY, { id: TESTING_FLOW_ID, flow: settingsFlow() });
      r.harness.navigateByUrl(`/settings?flow=${TESTING_NEW_FLOW_ID}`);
      const req = await r.nextRequest();
      expect(req.request.url).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/settings/flows`);
      req.flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.page()?.flow()?.id).toBe(TESTING_NEW_FLOW_ID);
    });

    it('not for another route', async () => {
      r = await serverRender('/settings', { platform: 'browser' });
      r.transfer.set(makeStateKey<unknown>('ngx-kratos:flow:settings:/elsewhere'), {
        id: TESTING_FLOW_ID,
        flow: settingsFlow(),
      });
      r.harness.navigateByUrl('/settings');
      (await r.nextRequest()).flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.page()?.flow()?.id).toBe(TESTING_NEW_FLOW_ID);
    });

    it('never forwards a cookie nor uses kratosUrl', async () => {
      r = await serverRender('/settings', { platform: 'browser', cookie: COOKIE });
      r.harness.navigateByUrl('/settings');
      const req = await r.nextRequest();
      expect(req.request.url).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/settings/browser`);
      expect(req.request.headers.has('Cookie')).toBeFalse();
      req.flush(settingsFlow(), { headers: { 'Set-Cookie': 'a=1' } });
      await settle();
      expect(r.response.headers).toBeUndefined();
    });
  });

  it('refuses a kratosUrl that is not an http(s) address, in dev mode', () => {
    expect(() => withServerRendering({ kratosUrl: 'kratos:4433' })).toThrowError(/kratosUrl/);
  });
});
