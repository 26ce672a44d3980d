/*
 * recoveryFlowRoute, verificationFlowRoute and errorFlowRoute with the real Router, on Kratos v1.3.1's answers
 * (docs/kratos-protocol.md §11, §12, §13): one request per navigation, a flow id of another kind, expiry, CSRF, a
 * signed-in user, recovery's hand-over to settings in both forms, replaced flows, and the error page's one input.
 */
import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  recoveryFlow,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
  verificationFlow,
} from 'ngx-kratos/testing';
import { KratosErrorView } from '../errorflow/flow-error';
import { KratosNavigator } from '../navigation/kratos-navigator';
import { RECOVERY_FLOW_POLICY, VERIFICATION_FLOW_POLICY } from '../navigation/flow-policy';
import { withFlowPages, withSessionToken } from '../provide/features';
import { HttpErrorResponse } from '@angular/common/http';
import { KratosError } from '../errors/kratos-error';
import { KratosFeature } from '../provide/provide-kratos';
import { toKratosError } from '../errors/to-kratos-error';
import { flushKratosError, kratosHeaders } from '../../testing/harness';
import * as cx from '../../testing/code-flow-fixtures';
import { OtherPage, RouterHarness, settle, setUpRouter, SettingsPage } from '../../testing/router-harness';
import { errorFlowRoute } from './error-flow-route';
import { recoveryFlowRoute } from './recovery-flow-route';
import { verificationFlowRoute } from './verification-flow-route';

const APP = new URL(document.baseURI).origin;
const RECOVERY = `${KRATOS_TESTING_BASE_URL}/self-service/recovery`;
const VERIFICATION = `${KRATOS_TESTING_BASE_URL}/self-service/verification`;

@Component({ selector: 'kratos-test-error', template: 'error' })
class ErrorPage {
  readonly error = input<KratosErrorView>();
}

function flush(req: { flush: (body: object, opts: object) => void }, status: number, body: object): void {
  req.flush(body, { status, statusText: String(status), headers: kratosHeaders(body) });
}

describe('recovery, verification and error routes', () => {
  let r: RouterHarness;
  afterEach(() => r.http.verify());
  const shown = () => r.page()?.flow() as unknown as { id: string; state: string } | undefined;
  const errorView = () => (r.harness.routeDebugElement?.componentInstance as ErrorPage | undefined)?.error();

  const setUp = async (
    features: KratosFeature[] = [
      withFlowPages({
        settings: '/settings',
        home: '/home',
        error: '/error',
        recovery: '/recovery',
        verification: '/verification',
      }),
    ],
  ) =>
    (r = await setUpRouter({
      routes: [
        { path: 'home', component: OtherPage },
        { path: 'account', component: OtherPage },
        { path: 'settings', component: OtherPage },
        errorFlowRoute({ path: 'error', component: ErrorPage }),
        recoveryFlowRoute({ path: 'recovery', component: SettingsPage }),
        verificationFlowRoute({ path: 'verification', component: SettingsPage }),
      ],
      features,
    }));

  describe('recoveryFlowRoute (§11.2, §11.3)', () => {
    beforeEach(() => setUp());

    it('no ?flow=: one browser init with the page’s safe return_to, then ?flow=<id>', async () => {
      r.harness.navigateByUrl('/recovery?return_to=%2Faccount');
      const req = await r.nextRequest();
      expect(req.request.url).toBe(`${RECOVERY}/browser`);
      expect(req.request.params.get('return_to')).toBe(`${APP}/account`);
      req.flush(recoveryFlow());
      await settle();
      expect(r.router.url).toBe(`/recovery?return_to=%2Faccount&flow=${TESTING_FLOW_ID}`);
      expect(shown()?.id).toBe(TESTING_FLOW_ID);
      expect(r.requests()).toBe(1);
    });

    it('an unsafe return_to is not sent', async () => {
      r.harness.navigateByUrl(`/recovery?return_to=${encodeURIComponent('https://evil.example/')}`);
      const req = await r.nextRequest();
      expect(req.request.params.has('return_to')).toBeFalse();
      req.flush(recoveryFlow());
      await settle();
    });

    it('?flow=<id>: one GET of that flow', async () => {
      r.harness.navigateByUrl(`/recovery?flow=${TESTING_FLOW_ID}`);
      const req = await r.nextRequest();
      expect(req.request.urlWithParams).toBe(`${RECOVERY}/flows?id=${TESTING_FLOW_ID}`);
      req.flush(cx.sentRecoveryFlow());
      await settle();
      expect(shown()?.state).toBe('sent_email');
      expect(r.requests()).toBe(1);
    });

    it('a settings flow id on /recovery (row 2: 404) → a fresh recovery flow, no error page', async () => {
      r.harness.navigateByUrl(`/recovery?flow=${cx.SETTINGS_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'not_found', { flow: 'recovery', endpoint: 'get' });
      const init = await r.nextRequest();
      expect(init.request.url).toBe(`${RECOVERY}/browser`);
      init.flush(recoveryFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/recovery?flow=${TESTING_NEW_FLOW_ID}`);
      expect(r.handleError).not.toHaveBeenCalled();
      expect(r.requests()).toBe(2);
    });

    it('row 3: the CSRF cookie was rotated (403) → a fresh flow', async () => {
      r.harness.navigateByUrl(`/recovery?flow=${TESTING_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'security_csrf_violation', { flow: 'recovery', endpoint: 'get' });
      (await r.nextRequest()).flush(recoveryFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/recovery?flow=${TESTING_NEW_FLOW_ID}`);
    });

    it('row 4: expired (410 without id) → a fresh flow with the expired flow’s return_to', async () => {
      r.harness.navigateByUrl(`/recovery?flow=${TESTING_FLOW_ID}`);
      flushKratosError(
        await r.nextRequest(),
        'self_service_flow_expired',
        { flow: 'recovery', endpoint: 'get' },
        { returnTo: `${APP}/account` },
      );
      const init = await r.nextRequest();
      expect(init.request.params.get('return_to')).toBe(`${APP}/account`);
      init.flush(recoveryFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.parseUrl(r.router.url).queryParams['flow']).toBe(TESTING_NEW_FLOW_ID);
    });

    it('§11.2 row 1: a signed-in user → home (no loop, no error)', async () => {
      r.harness.navigateByUrl('/recovery');
      flushKratosError(await r.nextRequest(), 'session_already_available', { flow: 'recovery', endpoint: 'create' });
      await settle();
      expect(r.router.url).toBe('/home');
      expect(r.requests()).toBe(1);
    });

    it('§11.2 row 2: recovery disabled → the error page with the summary, after one request', async () => {
      r.harness.navigateByUrl('/recovery');
      flush(await r.nextRequest(), 400, cx.RECOVERY_DISABLED);
      await settle();
      expect(r.router.url).toBe('/error');
      expect(errorView()).toEqual({
        source: 'app',
        error: {
          kind: 'bad_request',
          status: 400,
          id: undefined,
          reason: 'Recovery is not allowed because it was disabled.',
          message: 'The request was malformed or contained invalid parameters',
        },
      });
      expect(r.requests()).toBe(1);
    });

    it('session-token mode: a native flow', async () => {
      TestBed.resetTestingModule();
      await setUp([withFlowPages({ home: '/home' }), withSessionToken({ token: () => 'ory_st_x' })]);
      r.harness.navigateByUrl('/recovery');
      const req = await r.nextRequest();
      expect(req.request.url).toBe(`${RECOVERY}/api`);
      req.flush(recoveryFlow({ type: 'api' }));
      await settle();
    });
  });

  describe('recovery’s answers on the page (§11.4, §11.5)', () => {
    beforeEach(() => setUp());
    const onPage = async () => {
      r.harness.navigateByUrl(`/recovery?flow=${TESTING_FLOW_ID}`);
      (await r.nextRequest()).flush(cx.sentRecoveryFlow());
      await settle();
    };

    it('flag off: the 422 to the settings UI → the app’s settings page with that flow, in the app', async () => {
      await onPage();
      const error = errorOf(422, cx.RECOVERED_LOCATION_CHANGE);
      await TestBed.inject(KratosNavigator).handle(error, r.router.url, RECOVERY_FLOW_POLICY);
      await settle();
      expect(r.router.url).toBe(`/settings?flow=${cx.SETTINGS_FLOW_ID}`);
      expect(r.assign).not.toHaveBeenCalled();
    });

    it('flag off without a settings page: the settings UI on the app’s origin, in the app', async () => {
      TestBed.resetTestingModule();
      await setUp([withFlowPages({ home: '/home' })]);
      await onPage();
      const body = {
        ...cx.RECOVERED_LOCATION_CHANGE,
        redirect_browser_to: `${APP}/settings?flow=${cx.SETTINGS_FLOW_ID}`,
      };
      await TestBed.inject(KratosNavigator).handle(errorOf(422, body), r.router.url, RECOVERY_FLOW_POLICY);
      await settle();
      expect(r.router.url).toBe(`/settings?flow=${cx.SETTINGS_FLOW_ID}`);
      expect(r.assign).not.toHaveBeenCalled();
    });

    it('flag on: passed → completeRecovery → the settings page with show_settings_ui’s flow, in the app', async () => {
      await onPage();
      const flow = cx.passedRecoveryFlow();
      expect(await TestBed.inject(KratosNavigator).completeRecovery({ continueWith: flow.continue_with! })).toBeTrue();
      expect(r.router.url).toBe(`/settings?flow=${cx.SETTINGS_FLOW_ID}`);
      expect(r.requests()).toBe(1);
    });

    it('flag on (api): completeRecovery stores the session token first', async () => {
      TestBed.resetTestingModule();
      const store = jasmine.createSpy('store');
      await setUp([
        withFlowPages({ settings: '/settings', home: '/home' }),
        withSessionToken({ token: () => null, store }),
      ]);
      await TestBed.inject(KratosNavigator).completeRecovery({
        continueWith: cx.passedRecoveryFlow(true).continue_with!,
      });
      expect(store).toHaveBeenCalledOnceWith(cx.SESSION_TOKEN);
      expect(r.router.url).toBe(`/settings?flow=${cx.SETTINGS_FLOW_ID}`);
    });

    it('a replaced flow (the followed 303): showReplacement puts its id in ?flow= with no request', async () => {
      await onPage();
      const fresh = recoveryFlow({ id: TESTING_NEW_FLOW_ID });
      await TestBed.inject(KratosNavigator).showReplacement('recovery', fresh);
      await settle();
      expect(r.router.url).toBe(`/recovery?flow=${TESTING_NEW_FLOW_ID}`);
      expect(shown()).toBe(fresh);
      expect(r.requests()).toBe(1);
      // In place of the history entry: Back does not return to the replaced flow.
      expect(r.location.urlChanges.at(-1)).toBe(`replace: /recovery?flow=${TESTING_NEW_FLOW_ID}`);
    });

    it('flag on: an error naming the new flow in details.continue_with → that flow', async () => {
      await onPage();
      void TestBed.inject(KratosNavigator).handle(
        errorOf(400, cx.recoveryTooOftenFlagOn(TESTING_NEW_FLOW_ID)),
        r.router.url,
        RECOVERY_FLOW_POLICY,
      );
      (await r.nextRequest()).flush(recoveryFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/recovery?flow=${TESTING_NEW_FLOW_ID}`);
      expect(r.handleError).not.toHaveBeenCalled();
    });

    it('a replacement naming the page’s own flow is a fresh flow, not the same navigation again', async () => {
      await onPage();
      void TestBed.inject(KratosNavigator).handle(
        errorOf(400, cx.recoveryTooOftenFlagOn(TESTING_FLOW_ID)),
        r.router.url,
        RECOVERY_FLOW_POLICY,
      );
      const init = await r.nextRequest();
      expect(init.request.url).toBe(`${RECOVERY}/browser`);
      init.flush(recoveryFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/recovery?flow=${TESTING_NEW_FLOW_ID}`);
    });
  });

  describe('verificationFlowRoute (§12.2–12.4)', () => {
    beforeEach(() => setUp());

    it('no ?flow=: one init; ?flow=<id>: one GET', async () => {
      r.harness.navigateByUrl('/verification');
      const init = await r.nextRequest();
      expect(init.request.url).toBe(`${VERIFICATION}/browser`);
      init.flush(verificationFlow());
      await settle();
      expect(r.router.url).toBe(`/verification?flow=${TESTING_FLOW_ID}`);
      expect(r.requests()).toBe(1);
    });

    it('a login flow id on /verification (404) → a fresh verification flow', async () => {
      r.harness.navigateByUrl(`/verification?flow=${cx.SETTINGS_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'not_found', { flow: 'verification', endpoint: 'get' });
      (await r.nextRequest()).flush(verificationFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/verification?flow=${TESTING_NEW_FLOW_ID}`);
    });

    it('row 5: 410 self_service_flow_replaced → the new flow by use_flow_id (one GET), never the error page', async () => {
      r.harness.navigateByUrl(`/verification?flow=${TESTING_FLOW_ID}`);
      (await r.nextRequest()).flush(cx.passedVerificationFlow());
      await settle();
      void TestBed.inject(KratosNavigator).handle(
        errorOf(
          410,
          kratosErrorBody(
            'self_service_flow_replaced',
            { flow: 'verification', endpoint: 'update' },
            { useFlowId: TESTING_NEW_FLOW_ID },
          ).body,
        ),
        r.router.url,
        VERIFICATION_FLOW_POLICY,
      );
      const get = await r.nextRequest();
      expect(get.request.urlWithParams).toBe(`${VERIFICATION}/flows?id=${TESTING_NEW_FLOW_ID}`);
      get.flush(verificationFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/verification?flow=${TESTING_NEW_FLOW_ID}`);
      expect(r.handleError).not.toHaveBeenCalled();
      expect(r.requests()).toBe(2);
    });

    it('§12.3: expired (410 without id) → a fresh flow', async () => {
      r.harness.navigateByUrl(`/verification?flow=${TESTING_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'self_service_flow_expired', { flow: 'verification', endpoint: 'get' });
      (await r.nextRequest()).flush(verificationFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/verification?flow=${TESTING_NEW_FLOW_ID}`);
    });

    it('a fresh flow that fails again stops at the error page: no loop', async () => {
      r.harness.navigateByUrl(`/verification?flow=${TESTING_FLOW_ID}`);
      flushKratosError(await r.nextRequest(), 'security_csrf_violation', { flow: 'verification', endpoint: 'get' });
      flush(await r.nextRequest(), 400, cx.VERIFICATION_DISABLED);
      await settle();
      expect(r.router.url).toBe('/error');
      expect(r.requests()).toBe(2);
    });
  });

  describe('errorFlowRoute (§13)', () => {
    beforeEach(() => setUp());

    it('row 2: ?id=<id> → one GET, the stored error', async () => {
      r.harness.navigateByUrl(`/error?id=${cx.ERROR_ID}`);
      const req = await r.nextRequest();
      expect(req.request.urlWithParams).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/errors?id=${cx.ERROR_ID}`);
      req.flush(cx.storedError());
      await settle();
      expect(errorView()).toEqual({
        source: 'kratos',
        id: cx.ERROR_ID,
        error: (cx.storedError() as { error: never }).error,
      });
      expect(r.requests()).toBe(1);
    });

    it('row 3: an unknown id (404) → unavailable, with why', async () => {
      r.harness.navigateByUrl('/error?id=nope');
      flushKratosError(await r.nextRequest(), 'not_found', { endpoint: 'get' });
      await settle();
      const view = errorView();
      expect(view?.source).toBe('unavailable');
      expect(view?.source === 'unavailable' && view.error.kind).toBe('not_found');
      expect(view?.source === 'unavailable' && view.id).toBe('nope');
    });

    it('no answer (network) → unavailable, never a failed navigation', async () => {
      r.harness.navigateByUrl(`/error?id=${cx.ERROR_ID}`);
      (await r.nextRequest()).error(new ProgressEvent('error'), { status: 0 });
      await settle();
      expect(errorView()?.source).toBe('unavailable');
      expect(r.router.url).toBe(`/error?id=${cx.ERROR_ID}`);
    });

    it('no ?id= and no state → none, with no request', async () => {
      await r.harness.navigateByUrl('/error');
      expect(errorView()).toEqual({ source: 'none' });
      expect(r.requests()).toBe(0);
    });

    it('a state of another shape is not taken for a summary', async () => {
      await r.router.navigateByUrl('/error', { state: { kratosError: { kind: 'x', status: '500', message: 1 } } });
      await settle();
      expect(errorView()).toEqual({ source: 'none' });
    });
  });
});

/** The KratosError the pipeline makes of Kratos's answer. */
function errorOf(status: number, body: object): KratosError {
  return toKratosError(new HttpErrorResponse({ status, statusText: String(status), error: JSON.stringify(body) }));
}
