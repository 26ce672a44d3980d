/*
 * The settings route with the real Router: one request per navigation, the history, the hand-off between
 * guard and resolver, and every load error through KratosNavigator (docs/kratos-protocol.md §2.1 and §2.3 rows).
 */
import { SpyLocation } from '@angular/common/testing';
import { inject, PLATFORM_ID } from '@angular/core';
import { ActivatedRouteSnapshot } from '@angular/router';
import { map } from 'rxjs';
import { TestBed } from '@angular/core/testing';
import { KRATOS_TESTING_BASE_URL, settingsFlow, TESTING_FLOW_ID, TESTING_NEW_FLOW_ID } from 'ngx-kratos/testing';
import { withErrorRoute, withLogin, withRequestSharing, withRetry, withSessionToken } from '../provide/features';
import { KratosError } from '../errors/kratos-error';
import { flushKratosError, kratosHeaders } from '../../testing/harness';
import * as fx from '../../testing/kratos-fixtures';
import { OtherPage, RouterHarness, settle, setUpRouter, SettingsPage } from '../../testing/router-harness';
import { FlowHandoff } from '../navigation/flow-handoff';
import { SettingsFlowService } from '../settings/settings-flow.service';
import { settingsFlowResolver, settingsFlowRoute } from './settings-flow-route';
import { flowRoute } from './flow-routes';
import { WIDGET_FLOW, widgetFlow } from '../../testing/widget-flow';

const APP = new URL(document.baseURI).origin;
const CREATE = `${KRATOS_TESTING_BASE_URL}/self-service/settings/browser`;
const GET = `${KRATOS_TESTING_BASE_URL}/self-service/settings/flows`;

function flush(req: { flush: (body: object, opts: object) => void }, status: number, body: object): void {
  req.flush(body, { status, statusText: String(status), headers: kratosHeaders(body) });
}

describe('settingsFlowGuard + settingsFlowResolver', () => {
  let r: RouterHarness;
  afterEach(() => r.http.verify());

  describe('one request per navigation', () => {
    beforeEach(async () => (r = await setUpRouter()));

    it('no ?flow=: creates a browser flow, redirects to ?flow=<id>, hands it to the page without a second fetch', async () => {
      const navigation = r.harness.navigateByUrl('/settings');
      const req = await r.nextRequest();
      expect(req.request.url).toBe(CREATE);
      req.flush(settingsFlow());
      await navigation;
      await settle();
      expect(r.router.url).toBe(`/settings?flow=${TESTING_FLOW_ID}`);
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    it('the flow-less URL never stays in the history (Back does not land on it)', async () => {
      await r.harness.navigateByUrl('/home');
      const navigation = r.harness.navigateByUrl('/settings');
      (await r.nextRequest()).flush(settingsFlow());
      await navigation;
      await settle();
      const location = r.location as SpyLocation;
      expect(location.urlChanges).toEqual(['/home', `/settings?flow=${TESTING_FLOW_ID}`]);
      location.back(); // the history entry before the settings page is the one it came from
      expect(location.path()).toBe('/home');
    });

    it('a reload with ?flow=<id>: gets that flow, once', async () => {
      const navigation = r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      const req = await r.nextRequest();
      expect(req.request.urlWithParams).toBe(`${GET}?id=${TESTING_FLOW_ID}`);
      req.flush(settingsFlow());
      await navigation;
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    it('passes the page’s own return_to to Kratos when it is safe, and drops it when it is not', async () => {
      r.harness.navigateByUrl('/settings?return_to=%2Fdashboard%3Ftab%3D1');
      let req = await r.nextRequest();
      expect(req.request.params.get('return_to')).toBe(`${APP}/dashboard?tab=1`);
      req.flush(settingsFlow());
      await settle();

      r.harness.navigateByUrl('/settings?return_to=%2F%2Fevil.example');
      req = await r.nextRequest();
      expect(req.request.params.has('return_to')).toBeFalse();
      req.flush(settingsFlow());
      await settle();
    });

    it('a later navigation to another ?flow= on the same route loads that flow', async () => {
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      (await r.nextRequest()).flush(settingsFlow());
      await settle();
      r.harness.navigateByUrl(`/settings?flow=${TESTING_NEW_FLOW_ID}`);
      (await r.nextRequest()).flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.page()?.flow()?.id).toBe(TESTING_NEW_FLOW_ID);
      expect(r.requests()).toBe(2);
    });
  });

  describe('load errors', () => {
    it('session_inactive (§2.1 row 1): Kratos’s login, return_to the settings page with the step marker', async () => {
      r = await setUpRouter();
      r.harness.navigateByUrl('/settings');
      flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'create' });
      await settle();
      expect(r.assign).toHaveBeenCalledTimes(1);
      const target = new URL(r.assign.calls.mostRecent().args[0]);
      expect(target.origin + target.pathname).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/login/browser`);
      expect(target.searchParams.get('return_to')).toBe(`${APP}/settings?kratos_step=login`);
      expect(target.searchParams.has('aal')).toBeFalse();
      expect(r.page()).toBeUndefined();
    });

    it('session_inactive with withLogin({ route }): the app’s login route, in the app', async () => {
      r = await setUpRouter({ features: [withLogin({ route: '/login' })] });
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'get' });
      await settle();
      expect(r.assign).not.toHaveBeenCalled();
      const url = r.router.parseUrl(r.router.url);
      expect(r.router.url.startsWith('/login?')).toBeTrue();
      expect(url.queryParams['return_to']).toBe(`${APP}/settings?flow=${TESTING_FLOW_ID}&kratos_step=login`);
    });

    it('session_aal2_required (§2.3 row 4): login with aal=aal2 and return_to the page, flow kept', async () => {
      r = await setUpRouter({ features: [withLogin({ route: '/login' })] });
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      flushKratosError(
        await r.nextRequest(),
        'session_aal2_required',
        { endpoint: 'get' },
        { redirectBrowserTo: fx.AAL2_GET_URL },
      );
      await settle();
      const params = r.router.parseUrl(r.router.url).queryParams;
      expect(params['aal']).toBe('aal2');
      expect(params['return_to']).toBe(`${APP}/settings?flow=${TESTING_FLOW_ID}&kratos_step=aal2`);
    });

    it('back from the aal2 step with the same error: a redirect_loop error, not a second trip', async () => {
      r = await setUpRouter({ features: [withErrorRoute('/error')] });
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}&kratos_step=aal2`);
      flushKratosError(
        await r.nextRequest(),
        'session_aal2_required',
        { endpoint: 'get' },
        { redirectBrowserTo: fx.AAL2_GET_URL },
      );
      await settle();
      expect(r.assign).not.toHaveBeenCalled();
      expect(r.router.url).toBe('/error');
      expect(history.state?.kratosError ?? r.location.getState()).toBeDefined();
      const state = r.location.getState() as { kratosError: { kind: string; status: number } };
      expect(state.kratosError.kind).toBe('redirect_loop');
      expect(state.kratosError.status).toBe(403);
    });

    it('a loop without an error route reaches the ErrorHandler as a typed KratosError', async () => {
      r = await setUpRouter();
      r.harness.navigateByUrl('/settings?kratos_step=login');
      flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'create' });
      await settle();
      expect(r.assign).not.toHaveBeenCalled();
      expect(r.handleError).toHaveBeenCalledTimes(1);
      const error = r.handleError.calls.mostRecent().args[0] as KratosError;
      expect(error).toBeInstanceOf(KratosError);
      expect(error.kind).toBe('redirect_loop');
      expect((error.cause as KratosError).kind).toBe('session_inactive');
    });

    it('back from a login step and loaded: the marker leaves the URL, still one request', async () => {
      r = await setUpRouter();
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}&kratos_step=refresh`);
      (await r.nextRequest()).flush(settingsFlow());
      await settle();
      expect(r.router.url).toBe(`/settings?flow=${TESTING_FLOW_ID}`);
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    const freshFlow = [
      ['the id-less 410 of an expired flow (§2.3 row 5)', 'self_service_flow_expired'],
      ['security_identity_mismatch (§2.3 row 3)', 'security_identity_mismatch'],
      ['not_found (§2.3 row 2)', 'not_found'],
      ['security_csrf_violation', 'security_csrf_violation'],
    ] as const;
    for (const [name, kind] of freshFlow) {
      it(`${name}: a fresh flow, no error page`, async () => {
        r = await setUpRouter();
        r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
        flushKratosError(await r.nextRequest(), kind, { endpoint: 'get' });
        const create = await r.nextRequest();
        expect(create.request.url).toBe(CREATE);
        create.flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
        await settle();
        expect(r.router.url).toBe(`/settings?flow=${TESTING_NEW_FLOW_ID}`);
        expect(r.page()?.flow()?.id).toBe(TESTING_NEW_FLOW_ID);
        expect(r.requests()).toBe(2);
        expect(r.handleError).not.toHaveBeenCalled();
      });
    }

    it('not_found when creating the flow (nothing to start afresh): the error route, not a retry loop', async () => {
      r = await setUpRouter({ features: [withErrorRoute('/error')] });
      r.harness.navigateByUrl('/settings');
      flushKratosError(await r.nextRequest(), 'not_found', { endpoint: 'get' });
      await settle();
      expect(r.router.url).toBe('/error');
      expect(r.requests()).toBe(1);
    });

    it('a server error goes to the error route with its summary', async () => {
      r = await setUpRouter({ features: [withErrorRoute('/error')], retry: false });
      r.harness.navigateByUrl('/settings');
      (await r.nextRequest()).flush('<html>502</html>', { status: 502, statusText: 'Bad Gateway' });
      await settle();
      expect(r.router.url).toBe('/error');
      expect((r.location.getState() as { kratosError: { kind: string } }).kratosError.kind).toBe('server_error');
    });
  });

  describe('passing failures and concurrency', () => {
    it('a 503 while opening the page is retried (one retry), and the page shows the flow', async () => {
      r = await setUpRouter({ retry: { count: 2, delay: 0, maxDelay: 0 }, features: [withRetry()] });
      r.harness.navigateByUrl('/settings');
      flush(await r.nextRequest(), 503, { error: { code: 503, message: 'upstream restarting' } });
      (await r.nextRequest()).flush(settingsFlow());
      await settle();
      expect(r.router.url).toBe(`/settings?flow=${TESTING_FLOW_ID}`);
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(2);
    });

    it('a navigation that supersedes a loading one aborts its request: the late flow never replaces the newer one', async () => {
      r = await setUpRouter({ retry: false });
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      const stale = await r.nextRequest();
      const navigation = r.harness.navigateByUrl(`/settings?flow=${TESTING_NEW_FLOW_ID}`);
      await settle();
      expect(stale.cancelled).toBeTrue();
      const fresh = r.http.expectOne((req) => req.url === GET && req.params.get('id') === TESTING_NEW_FLOW_ID);
      fresh.flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
      await navigation;
      await settle();
      expect(r.router.url).toBe(`/settings?flow=${TESTING_NEW_FLOW_ID}`);
      expect(r.page()?.flow()?.id).toBe(TESTING_NEW_FLOW_ID);
    });

    it("the app's own guard asking for the same flow at the same time shares the guard's request", async () => {
      const flows: string[] = [];
      const ownGuard = (route: ActivatedRouteSnapshot) =>
        inject(SettingsFlowService)
          .getFlow(route.queryParamMap.get('flow')!)
          .pipe(map((flow) => (flows.push(flow.id), true)));
      r = await setUpRouter({
        routes: [settingsFlowRoute({ path: 'settings', component: SettingsPage, canActivate: [ownGuard] })],
        features: [withRequestSharing()],
      });
      r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
      await settle();
      r.http.expectOne(GET + `?id=${TESTING_FLOW_ID}`).flush(settingsFlow());
      await settle();
      expect(flows).toEqual([TESTING_FLOW_ID]);
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });
  });

  it('on the server, outside session-token mode, asks Kratos nothing (no cookies there) and cancels', async () => {
    TestBed.overrideProvider(PLATFORM_ID, { useValue: 'server' });
    r = await setUpRouter();
    await r.harness.navigateByUrl('/settings');
    await settle();
    expect(r.requests()).toBe(0);
    expect(r.assign).not.toHaveBeenCalled();
    expect(r.page()).toBeUndefined();
  });

  it('a flow left in the hand-off by a navigation that did not show it is not served later', async () => {
    r = await setUpRouter();
    TestBed.inject(FlowHandoff).put('settings', settingsFlow());
    await r.harness.navigateByUrl('/home');
    r.harness.navigateByUrl(`/settings?flow=${TESTING_FLOW_ID}`);
    (await r.nextRequest()).flush(settingsFlow());
    await settle();
    expect(r.requests()).toBe(1);
  });

  it('session-token mode creates a native flow', async () => {
    spyOn(console, 'warn');
    r = await setUpRouter({ features: [withSessionToken({ token: () => 'ory_st_abc' })] });
    r.harness.navigateByUrl('/settings');
    const req = await r.nextRequest();
    expect(req.request.url).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/settings/api`);
    expect(req.request.withCredentials).toBeFalse();
    req.flush(settingsFlow({ type: 'api' }));
    await settle();
    expect(r.page()?.flow()?.type).toBe('api');
  });

  it('the resolver alone does the same job, in one request', async () => {
    r = await setUpRouter({
      routes: [
        {
          path: 'settings',
          component: SettingsPage,
          resolve: { flow: settingsFlowResolver },
          runGuardsAndResolvers: 'paramsOrQueryParamsChange',
        },
      ],
    });
    r.harness.navigateByUrl('/settings');
    (await r.nextRequest()).flush(settingsFlow());
    await settle();
    expect(r.router.url).toBe(`/settings?flow=${TESTING_FLOW_ID}`);
    expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
    expect(r.requests()).toBe(1);
    expect(TestBed.inject(OtherPage, null)).toBeNull();
  });

  describe('another flow kind on the same routing (a test-only descriptor)', () => {
    const WIDGET = `${KRATOS_TESTING_BASE_URL}/self-service/widget`;
    const widgetRoutes = () => [
      { path: 'error', component: OtherPage },
      { path: 'login', component: OtherPage },
      flowRoute(WIDGET_FLOW, { path: 'widget', component: SettingsPage }),
    ];

    it('creates its flow at its own path with its own start parameters, and shows it after one request', async () => {
      r = await setUpRouter({ routes: widgetRoutes() });
      r.harness.navigateByUrl('/widget?return_to=%2Fdone&via=email&ignored=1');
      const req = await r.nextRequest();
      expect(req.request.url).toBe(`${WIDGET}/browser`);
      expect(req.request.params.get('return_to')).toBe(`${APP}/done`);
      expect(req.request.params.get('via')).toBe('email');
      expect(req.request.params.has('ignored')).toBeFalse();
      req.flush(widgetFlow());
      await settle();
      expect(r.router.url).toBe(`/widget?return_to=%2Fdone&via=email&ignored=1&flow=${TESTING_FLOW_ID}`);
      expect(r.page()?.flow()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    it('its policy, not settings’: a 401 on a flow with no session rules goes to the error route, not to login', async () => {
      r = await setUpRouter({
        routes: widgetRoutes(),
        features: [withErrorRoute('/error'), withLogin({ route: '/login' })],
      });
      r.harness.navigateByUrl(`/widget?flow=${TESTING_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'session_inactive', { endpoint: 'get' });
      await settle();
      expect(r.router.url).toBe('/error');
    });

    it('the shared rules still apply: the id-less 410 of an expired flow starts a fresh one of the same kind', async () => {
      r = await setUpRouter({ routes: widgetRoutes() });
      r.harness.navigateByUrl(`/widget?flow=${TESTING_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'self_service_flow_expired', { endpoint: 'get' });
      const create = await r.nextRequest();
      expect(create.request.url).toBe(`${WIDGET}/browser`);
      create.flush(widgetFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/widget?flow=${TESTING_NEW_FLOW_ID}`);
    });

    it('the hand-off is keyed by kind: a settings flow is never served as a widget flow with the same id', async () => {
      r = await setUpRouter({ routes: widgetRoutes() });
      const handoff = TestBed.inject(FlowHandoff);
      const flow = settingsFlow();
      handoff.put('settings', flow);
      expect(handoff.take('widget', flow.id)).toBeUndefined();
      expect(handoff.take('settings', flow.id)).toBe(flow);
      expect(handoff.take('settings', flow.id)).toBeUndefined();
    });
  });
});
