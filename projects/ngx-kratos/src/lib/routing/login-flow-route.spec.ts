/*
 * loginFlowRoute with the real Router, on Kratos v1.3.1's answers (docs/kratos-protocol.md §7.1, §7.3, §7.4): one
 * request per navigation, the page's start parameters (a `return_to` only when it is safe), a signed-in user sent on
 * without a whoami, expiry recovered with a fresh flow, a second factor asked for in the app.
 */
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  loginFlow,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { KratosError } from '../errors/kratos-error';
import { LoginFlow } from '../login/login-flow';
import { LoginFlowService } from '../login/login-flow.service';
import { KratosNavigator } from '../navigation/kratos-navigator';
import { withFlowPages, withSessionToken } from '../provide/features';
import { KratosFeature } from '../provide/provide-kratos';
import { flushKratosError, kratosHeaders } from '../../testing/harness';
import * as lx from '../../testing/login-fixtures';
import { OPEN_REDIRECT_PAYLOADS } from '../../testing/open-redirect-payloads';
import { OtherPage, RouterHarness, settle, setUpRouter, SettingsPage } from '../../testing/router-harness';
import { loginFlowRoute } from './login-flow-route';
import { guestOnly } from './session-guards';

const APP = new URL(document.baseURI).origin;
const CREATE = `${KRATOS_TESTING_BASE_URL}/self-service/login/browser`;
const GET = `${KRATOS_TESTING_BASE_URL}/self-service/login/flows`;
const ORGANIZATION = '5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f';

function flush(req: { flush: (body: object, opts: object) => void }, status: number, body: object): void {
  req.flush(body, { status, statusText: String(status), headers: kratosHeaders(body) });
}

const path = (url: string) => url.split('?')[0];

describe('loginFlowRoute', () => {
  let r: RouterHarness;
  afterEach(() => r.http.verify());
  /** The flow the page shows (the harness's page component takes any flow as its input). */
  const shown = () => r.page()?.flow() as unknown as LoginFlow | undefined;

  const setUp = async (
    features: KratosFeature[] = [withFlowPages({ login: '/login', home: '/home', error: '/error' })],
  ) =>
    (r = await setUpRouter({
      routes: [
        { path: 'home', component: OtherPage },
        { path: 'account', component: OtherPage },
        { path: 'error', component: OtherPage },
        loginFlowRoute({ path: 'login', component: SettingsPage, canActivate: [guestOnly()] }),
      ],
      features,
    }));

  describe('one request per navigation', () => {
    beforeEach(setUp);

    it('no ?flow=: one browser init, then ?flow=<id> with the flow handed to the page (§7.1 row 8)', async () => {
      r.harness.navigateByUrl('/login');
      const req = await r.nextRequest();
      expect(req.request.method).toBe('GET');
      expect(req.request.url).toBe(CREATE);
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.headers.get('Accept')).toBe('application/json');
      req.flush(loginFlow());
      await settle();
      expect(r.router.url).toBe(`/login?flow=${TESTING_FLOW_ID}`);
      expect(shown()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    it('?flow=<id> (Kratos’s redirect to the login UI): one GET of that flow, no init (§7.3 row 5)', async () => {
      r.harness.navigateByUrl(`/login?flow=${TESTING_FLOW_ID}&return_to=%2Faccount&refresh=true`);
      const req = await r.nextRequest();
      expect(req.request.urlWithParams).toBe(`${GET}?id=${TESTING_FLOW_ID}`);
      req.flush(loginFlow());
      await settle();
      expect(shown()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    it('takes return_to (made absolute), refresh, aal, login_challenge and organization from the page; never via', async () => {
      r.harness.navigateByUrl(
        `/login?return_to=%2Faccount%3Ftab%3D2&refresh=true&aal=aal2&login_challenge=hydra-challenge` +
          `&organization=${ORGANIZATION}&via=email&theme=dark`,
      );
      const req = await r.nextRequest();
      expect(req.request.url).toBe(CREATE);
      const params = Object.fromEntries(req.request.params.keys().map((key) => [key, req.request.params.get(key)]));
      expect(params).toEqual({
        return_to: `${APP}/account?tab=2`,
        refresh: 'true',
        aal: 'aal2',
        login_challenge: 'hydra-challenge',
        organization: ORGANIZATION,
      });
      req.flush(loginFlow({ refresh: true, requested_aal: 'aal2', return_to: `${APP}/account?tab=2` }));
      await settle();
      // The page keeps its own query beside the flow: the component's links read its return_to.
      const query = r.router.parseUrl(r.router.url).queryParams;
      expect(query['flow']).toBe(TESTING_FLOW_ID);
      expect(query['return_to']).toBe('/account?tab=2');
      expect(r.requests()).toBe(1);
    });

    it('a return_to on an allowed origin other than the app’s (Kratos’s) goes as it is', async () => {
      const target = `${KRATOS_TESTING_BASE_URL}/self-service/settings/browser`;
      r.harness.navigateByUrl(`/login?return_to=${encodeURIComponent(target)}`);
      const req = await r.nextRequest();
      expect(req.request.params.get('return_to')).toBe(target);
      req.flush(loginFlow());
      await settle();
    });

    it('Back never lands on the flow-less URL', async () => {
      await r.harness.navigateByUrl('/home');
      r.harness.navigateByUrl('/login');
      (await r.nextRequest()).flush(loginFlow());
      await settle();
      expect(r.location.urlChanges).toEqual(['/home', `/login?flow=${TESTING_FLOW_ID}`]);
    });
  });

  describe('a signed-in user (§7.1 row 5: 400 session_already_available)', () => {
    beforeEach(setUp);

    it('goes to the page’s safe return_to, in the app, with no whoami', async () => {
      r.harness.navigateByUrl('/login?return_to=%2Faccount');
      flushKratosError(await r.nextRequest(), 'session_already_available', { flow: 'login', endpoint: 'create' });
      await settle();
      expect(r.router.url).toBe('/account');
      expect(r.requests()).toBe(1);
      expect(r.assign).not.toHaveBeenCalled();
      expect(r.handleError).not.toHaveBeenCalled();
    });

    it('without a return_to: home', async () => {
      r.harness.navigateByUrl('/login');
      flushKratosError(await r.nextRequest(), 'session_already_available', { flow: 'login', endpoint: 'create' });
      await settle();
      expect(r.router.url).toBe('/home');
      expect(r.requests()).toBe(1);
    });

    it('an aal2 session asking aal=aal2 gets the same answer (§7.1 row 5), and goes back where it came from', async () => {
      const back = `${APP}/account?kratos_step=aal2`;
      r.harness.navigateByUrl(`/login?aal=aal2&return_to=${encodeURIComponent(back)}`);
      const req = await r.nextRequest();
      expect(req.request.params.get('aal')).toBe('aal2');
      flushKratosError(req, 'session_already_available', { flow: 'login', endpoint: 'create' });
      await settle();
      expect(r.router.url).toBe('/account?kratos_step=aal2');
      expect(r.requests()).toBe(1);
    });
  });

  describe('re-authentication and a second factor are never turned away by guestOnly()', () => {
    beforeEach(setUp);

    it('refresh=true, signed in: Kratos’s refresh form (§7.1 row 7), shown after the one request', async () => {
      r.harness.navigateByUrl('/login?refresh=true&return_to=%2Faccount');
      const req = await r.nextRequest();
      expect(req.request.url).toBe(CREATE);
      expect(req.request.params.get('refresh')).toBe('true');
      req.flush(loginFlow({ refresh: true }));
      await settle();
      expect(path(r.router.url)).toBe('/login');
      expect(shown()?.refresh).toBeTrue();
      expect(r.requests()).toBe(1);
    });

    it('aal=aal2, signed in at aal1: the second-factor flow (§7.1 row 6), shown after the one request', async () => {
      r.harness.navigateByUrl('/login?aal=aal2');
      const req = await r.nextRequest();
      expect(req.request.params.get('aal')).toBe('aal2');
      req.flush(loginFlow({ requested_aal: 'aal2' }));
      await settle();
      expect(shown()?.requested_aal).toBe('aal2');
      expect(r.requests()).toBe(1);
    });

    it('aal=aal2 without a session (§7.1 row 4: 401 session_aal1_required): the first factor, return_to kept', async () => {
      r.harness.navigateByUrl('/login?aal=aal2&return_to=%2Faccount');
      flushKratosError(await r.nextRequest(), 'session_aal1_required', { flow: 'login', endpoint: 'create' });
      const create = await r.nextRequest();
      expect(create.request.url).toBe(CREATE);
      expect(create.request.params.has('aal')).toBeFalse();
      expect(create.request.params.get('return_to')).toBe(`${APP}/account`);
      create.flush(loginFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/login?return_to=%2Faccount&flow=${TESTING_NEW_FLOW_ID}`);
      expect(r.requests()).toBe(2);
      expect(r.handleError).not.toHaveBeenCalled();
    });
  });

  describe('expiry and lost flows start afresh, never on the error page', () => {
    beforeEach(setUp);

    it('GET’s 410 self_service_flow_expired (§7.3 row 3, with its id): a new flow, the page’s return_to kept', async () => {
      r.harness.navigateByUrl(`/login?return_to=%2Faccount&flow=${TESTING_FLOW_ID}`);
      const get = await r.nextRequest();
      expect(path(get.request.urlWithParams)).toBe(GET);
      flush(
        get,
        410,
        kratosErrorBody('self_service_flow_expired', { flow: 'login', endpoint: 'get' }, { returnTo: `${APP}/account` })
          .body,
      );
      const create = await r.nextRequest();
      expect(create.request.url).toBe(CREATE);
      expect(create.request.params.get('return_to')).toBe(`${APP}/account`);
      create.flush(loginFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.parseUrl(r.router.url).queryParams).toEqual({ return_to: '/account', flow: TESTING_NEW_FLOW_ID });
      expect(shown()?.id).toBe(TESTING_NEW_FLOW_ID);
      expect(r.requests()).toBe(2);
      expect(r.handleError).not.toHaveBeenCalled();
    });

    it('the 410 of a flow reached by Kratos’s own redirect (?flow= only): the new flow keeps the old one’s return_to', async () => {
      r.harness.navigateByUrl(`/login?flow=${TESTING_FLOW_ID}`);
      flush(
        await r.nextRequest(),
        410,
        kratosErrorBody('self_service_flow_expired', { flow: 'login', endpoint: 'get' }, { returnTo: `${APP}/account` })
          .body,
      );
      const create = await r.nextRequest();
      expect(create.request.params.get('return_to')).toBe(`${APP}/account`);
      create.flush(loginFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(shown()?.id).toBe(TESTING_NEW_FLOW_ID);
      expect(r.router.url).not.toContain('/error');
    });

    it('a submit’s 410 names the replacement (use_flow_id, §7.4 row 5): that flow, without a new init', async () => {
      r.harness.navigateByUrl(`/login?flow=${TESTING_FLOW_ID}`);
      (await r.nextRequest()).flush(loginFlow());
      await settle();
      const navigator = TestBed.inject(KratosNavigator);
      const failure = firstValueFrom(
        TestBed.inject(LoginFlowService).updateFlow(TESTING_FLOW_ID, {
          method: 'password',
          identifier: 'ada@127.0.0.1',
          password: 'x',
          csrf_token: TESTING_CSRF_TOKEN,
        }),
      ).catch((error: unknown) => navigator.handle(error));
      flushKratosError(
        r.http.expectOne(`${KRATOS_TESTING_BASE_URL}/self-service/login?flow=${TESTING_FLOW_ID}`),
        'self_service_flow_expired',
        { flow: 'login', endpoint: 'update' },
      );
      const get = await r.nextRequest();
      expect(get.request.urlWithParams).toBe(`${GET}?id=${TESTING_NEW_FLOW_ID}`);
      get.flush(loginFlow({ id: TESTING_NEW_FLOW_ID }));
      expect(await failure).toBeTrue();
      await settle();
      expect(r.router.url).toBe(`/login?flow=${TESTING_NEW_FLOW_ID}`);
      expect(r.requests()).toBe(3);
    });

    const fresh: [string, number, object][] = [
      ['not_found (§7.3 row 1)', 404, kratosErrorBody('not_found', { flow: 'login', endpoint: 'get' }).body],
      [
        'security_csrf_violation (§7.3 row 2)',
        403,
        kratosErrorBody('security_csrf_violation', { flow: 'login', endpoint: 'get' }).body,
      ],
    ];
    for (const [name, status, body] of fresh) {
      it(`${name}: a fresh flow`, async () => {
        r.harness.navigateByUrl(`/login?flow=${TESTING_FLOW_ID}`);
        flush(await r.nextRequest(), status, body);
        const create = await r.nextRequest();
        expect(create.request.url).toBe(CREATE);
        create.flush(loginFlow({ id: TESTING_NEW_FLOW_ID }));
        await settle();
        expect(r.router.url).toBe(`/login?flow=${TESTING_NEW_FLOW_ID}`);
        expect(r.requests()).toBe(2);
      });
    }

    it('an unknown aal (§7.1 row 3, id-less 400) is not retried: the error route', async () => {
      r.harness.navigateByUrl('/login?aal=aal3');
      flush(await r.nextRequest(), 400, lx.AAL_UNPARSABLE);
      await settle();
      expect(r.router.url).toBe('/error');
      expect(r.requests()).toBe(1);
    });
  });

  describe('open-redirect payloads in return_to: never passed to Kratos, never followed', () => {
    beforeEach(setUp);

    for (const payload of OPEN_REDIRECT_PAYLOADS) {
      it(`${JSON.stringify(payload)}`, async () => {
        r.harness.navigateByUrl(`/login?return_to=${encodeURIComponent(payload)}`);
        const req = await r.nextRequest();
        expect(req.request.url).toBe(CREATE);
        expect(req.request.params.has('return_to')).withContext('sent to Kratos').toBeFalse();
        // A signed-in user is sent on: home, never to the payload.
        flushKratosError(req, 'session_already_available', { flow: 'login', endpoint: 'create' });
        await settle();
        expect(r.router.url).toBe('/home');
        expect(r.assign).not.toHaveBeenCalled();
        expect(r.requests()).toBe(1);
      });
    }
  });

  it('a second factor’s 422 after a password (§7.4 row 12): the app’s login page with aal=aal2, in the app', async () => {
    await setUp();
    r.harness.navigateByUrl('/login?return_to=%2Faccount');
    (await r.nextRequest()).flush(loginFlow({ return_to: `${APP}/account` }));
    await settle();
    const aal2 = `${KRATOS_TESTING_BASE_URL}/self-service/login/browser?aal=aal2&return_to=${encodeURIComponent(`${APP}/account`)}`;
    const navigator = TestBed.inject(KratosNavigator);
    const handled = firstValueFrom(
      TestBed.inject(LoginFlowService).updateFlow(TESTING_FLOW_ID, {
        method: 'password',
        identifier: 'grace@127.0.0.1',
        password: 'Hopper-1906!',
        csrf_token: TESTING_CSRF_TOKEN,
      }),
    ).catch((error: unknown) => {
      expect((error as KratosError).kind).toBe('browser_location_change_required');
      return navigator.handle(error);
    });
    flushKratosError(
      r.http.expectOne(`${KRATOS_TESTING_BASE_URL}/self-service/login?flow=${TESTING_FLOW_ID}`),
      'browser_location_change_required',
      { flow: 'login', endpoint: 'update' },
      { redirectBrowserTo: aal2 },
    );
    const create = await r.nextRequest();
    expect(create.request.url).toBe(CREATE);
    expect(create.request.params.get('aal')).toBe('aal2');
    expect(create.request.params.get('return_to')).toBe(`${APP}/account`);
    create.flush(loginFlow({ id: TESTING_NEW_FLOW_ID, requested_aal: 'aal2' }));
    expect(await handled).toBeTrue();
    await settle();
    expect(r.assign).not.toHaveBeenCalled();
    const url = r.router.parseUrl(r.router.url);
    expect(path(r.router.url)).toBe('/login');
    expect(url.queryParams['aal']).toBe('aal2');
    expect(shown()?.requested_aal).toBe('aal2');
  });

  it('session-token mode: the api init, without cookies (§7.2)', async () => {
    spyOn(console, 'warn');
    await setUp([withFlowPages({ home: '/home' }), withSessionToken({ token: () => null })]);
    r.harness.navigateByUrl('/login?return_to=%2Faccount');
    const req = await r.nextRequest();
    expect(req.request.url).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/login/api`);
    expect(req.request.withCredentials).toBeFalse();
    expect(req.request.params.get('return_to')).toBe(`${APP}/account`);
    req.flush(loginFlow({ type: 'api' }));
    await settle();
    expect(shown()?.type).toBe('api');
  });
});
