/*
 * registrationFlowRoute with the real Router, on Kratos v1.3.1's answers (docs/kratos-protocol.md §8.1, §8.3): one
 * request per navigation, the page's start parameters (redirect targets only when they are safe), a signed-in user
 * sent on without a whoami, expiry recovered with a fresh flow.
 */
import { KRATOS_TESTING_BASE_URL, registrationFlow, TESTING_FLOW_ID, TESTING_NEW_FLOW_ID } from 'ngx-kratos/testing';
import { withFlowPages, withSessionToken } from '../provide/features';
import { KratosFeature } from '../provide/provide-kratos';
import { RegistrationFlow } from '../registration/registration-flow';
import { flushKratosError } from '../../testing/harness';
import { OPEN_REDIRECT_PAYLOADS } from '../../testing/open-redirect-payloads';
import { OtherPage, RouterHarness, settle, setUpRouter, SettingsPage } from '../../testing/router-harness';
import { registrationFlowRoute } from './registration-flow-route';
import { guestOnly } from './session-guards';

const APP = new URL(document.baseURI).origin;
const CREATE = `${KRATOS_TESTING_BASE_URL}/self-service/registration/browser`;
const GET = `${KRATOS_TESTING_BASE_URL}/self-service/registration/flows`;
const ORGANIZATION = '5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f';

describe('registrationFlowRoute', () => {
  let r: RouterHarness;
  afterEach(() => r.http.verify());
  /** The flow the page shows (the harness's page component takes any flow as its input). */
  const shown = () => r.page()?.flow() as unknown as RegistrationFlow | undefined;

  const setUp = async (
    features: KratosFeature[] = [withFlowPages({ login: '/login', home: '/home', error: '/error' })],
  ) =>
    (r = await setUpRouter({
      routes: [
        { path: 'home', component: OtherPage },
        { path: 'account', component: OtherPage },
        { path: 'error', component: OtherPage },
        { path: 'login', component: OtherPage },
        registrationFlowRoute({ path: 'registration', component: SettingsPage, canActivate: [guestOnly()] }),
      ],
      features,
    }));

  describe('one request per navigation', () => {
    beforeEach(setUp);

    it('no ?flow=: one browser init, then ?flow=<id> with the flow handed to the page (§8.1 row 5)', async () => {
      r.harness.navigateByUrl('/registration');
      const req = await r.nextRequest();
      expect(req.request.url).toBe(CREATE);
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.headers.get('Accept')).toBe('application/json');
      req.flush(registrationFlow());
      await settle();
      expect(r.router.url).toBe(`/registration?flow=${TESTING_FLOW_ID}`);
      expect(shown()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    it('?flow=<id>: one GET of that flow, no init (§8.3 row 5)', async () => {
      r.harness.navigateByUrl(`/registration?flow=${TESTING_FLOW_ID}&return_to=%2Faccount`);
      const req = await r.nextRequest();
      expect(req.request.urlWithParams).toBe(`${GET}?id=${TESTING_FLOW_ID}`);
      req.flush(registrationFlow());
      await settle();
      expect(shown()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    it('takes return_to, after_verification_return_to, login_challenge and organization; not login’s refresh, aal or via', async () => {
      r.harness.navigateByUrl(
        `/registration?return_to=%2Faccount&after_verification_return_to=%2Fverified&login_challenge=hydra` +
          `&organization=${ORGANIZATION}&refresh=true&aal=aal2&via=email`,
      );
      const req = await r.nextRequest();
      const params = Object.fromEntries(req.request.params.keys().map((key) => [key, req.request.params.get(key)]));
      expect(params).toEqual({
        return_to: `${APP}/account`,
        after_verification_return_to: `${APP}/verified`,
        login_challenge: 'hydra',
        organization: ORGANIZATION,
      });
      req.flush(registrationFlow());
      await settle();
      expect(r.requests()).toBe(1);
    });

    it('a signed-in user (§8.1 row 4: 400 session_already_available): the safe return_to, no whoami', async () => {
      r.harness.navigateByUrl('/registration?return_to=%2Faccount');
      flushKratosError(await r.nextRequest(), 'session_already_available', {
        flow: 'registration',
        endpoint: 'create',
      });
      await settle();
      expect(r.router.url).toBe('/account');
      expect(r.requests()).toBe(1);
      expect(r.handleError).not.toHaveBeenCalled();
    });

    it('a signed-in user without a return_to: home', async () => {
      r.harness.navigateByUrl('/registration');
      flushKratosError(await r.nextRequest(), 'session_already_available', {
        flow: 'registration',
        endpoint: 'create',
      });
      await settle();
      expect(r.router.url).toBe('/home');
      expect(r.requests()).toBe(1);
    });

    it('registration switched off (§8.1 row 1: 400 self_service_flow_disabled): the error route, no retry', async () => {
      r.harness.navigateByUrl('/registration');
      flushKratosError(await r.nextRequest(), 'self_service_flow_disabled', {
        flow: 'registration',
        endpoint: 'create',
      });
      await settle();
      expect(r.router.url).toBe('/error');
      expect(r.requests()).toBe(1);
    });
  });

  describe('expiry starts afresh, never on the error page', () => {
    beforeEach(setUp);

    it('GET’s 410 (§8.3 row 4): a new flow, the page’s return_to kept', async () => {
      r.harness.navigateByUrl(`/registration?return_to=%2Faccount&flow=${TESTING_FLOW_ID}`);
      flushKratosError(
        await r.nextRequest(),
        'self_service_flow_expired',
        { flow: 'registration', endpoint: 'get' },
        { returnTo: `${APP}/account` },
      );
      const create = await r.nextRequest();
      expect(create.request.url).toBe(CREATE);
      expect(create.request.params.get('return_to')).toBe(`${APP}/account`);
      create.flush(registrationFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.parseUrl(r.router.url).queryParams).toEqual({ return_to: '/account', flow: TESTING_NEW_FLOW_ID });
      expect(shown()?.id).toBe(TESTING_NEW_FLOW_ID);
      expect(r.requests()).toBe(2);
      expect(r.handleError).not.toHaveBeenCalled();
    });

    it('GET’s 410 of a flow reached by Kratos’s redirect (?flow= only): the expired flow’s return_to goes on', async () => {
      r.harness.navigateByUrl(`/registration?flow=${TESTING_FLOW_ID}`);
      flushKratosError(
        await r.nextRequest(),
        'self_service_flow_expired',
        { flow: 'registration', endpoint: 'get' },
        { returnTo: `${APP}/account` },
      );
      const create = await r.nextRequest();
      expect(create.request.params.get('return_to')).toBe(`${APP}/account`);
      create.flush(registrationFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(shown()?.id).toBe(TESTING_NEW_FLOW_ID);
    });

    it('an expired flow whose return_to is not allowed: a fresh flow without it', async () => {
      r.harness.navigateByUrl(`/registration?flow=${TESTING_FLOW_ID}`);
      flushKratosError(
        await r.nextRequest(),
        'self_service_flow_expired',
        { flow: 'registration', endpoint: 'get' },
        { returnTo: 'https://evil.example/x' },
      );
      const create = await r.nextRequest();
      expect(create.request.params.has('return_to')).toBeFalse();
      create.flush(registrationFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(shown()?.id).toBe(TESTING_NEW_FLOW_ID);
      expect(r.assign).not.toHaveBeenCalled();
    });

    it('not_found (§8.3 row 2): a fresh flow', async () => {
      r.harness.navigateByUrl(`/registration?flow=${TESTING_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'not_found', { flow: 'registration', endpoint: 'get' });
      (await r.nextRequest()).flush(registrationFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/registration?flow=${TESTING_NEW_FLOW_ID}`);
      expect(r.requests()).toBe(2);
    });
  });

  describe('open-redirect payloads: never passed to Kratos, never followed', () => {
    beforeEach(setUp);

    for (const payload of OPEN_REDIRECT_PAYLOADS) {
      it(`${JSON.stringify(payload)} in return_to and after_verification_return_to`, async () => {
        const value = encodeURIComponent(payload);
        r.harness.navigateByUrl(`/registration?return_to=${value}&after_verification_return_to=${value}`);
        const req = await r.nextRequest();
        expect(req.request.url).toBe(CREATE);
        expect(req.request.params.has('return_to')).withContext('return_to sent to Kratos').toBeFalse();
        expect(req.request.params.has('after_verification_return_to'))
          .withContext('after_verification_return_to sent to Kratos')
          .toBeFalse();
        flushKratosError(req, 'session_already_available', { flow: 'registration', endpoint: 'create' });
        await settle();
        expect(r.router.url).toBe('/home');
        expect(r.assign).not.toHaveBeenCalled();
        expect(r.requests()).toBe(1);
      });
    }
  });

  it('session-token mode: the api init, without cookies (§8.2)', async () => {
    spyOn(console, 'warn');
    await setUp([withFlowPages({ home: '/home' }), withSessionToken({ token: () => null })]);
    r.harness.navigateByUrl('/registration');
    const req = await r.nextRequest();
    expect(req.request.url).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/registration/api`);
    expect(req.request.withCredentials).toBeFalse();
    req.flush(registrationFlow({ type: 'api' }));
    await settle();
    expect(shown()?.type).toBe('api');
  });
});
