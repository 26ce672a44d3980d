/*
 * KratosNavigator for the errors of updateFlow (components call `handle`) and for following Kratos's URLs.
 * Full-page navigations are captured through the KratosLocation wrapper. Rows (§2.4) are docs/kratos-protocol.md's.
 */
import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  settingsFlow,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { withAllowedRedirects, withErrorRoute } from '../provide/features';
import { KratosError } from '../errors/kratos-error';
import { toKratosError } from '../errors/to-kratos-error';
import * as fx from '../../testing/kratos-fixtures';
import { RouterHarness, settle, setUpRouter } from '../../testing/router-harness';
import { KratosNavigator } from './kratos-navigator';

const APP = new URL(document.baseURI).origin;
const PAGE = `/settings?flow=${TESTING_FLOW_ID}`;

/** The KratosError a client sees for `body` answered with `status` (through the one mapping). */
function kratosError(status: number, body: object): KratosError {
  return toKratosError(new HttpErrorResponse({ status, error: JSON.stringify(body) }));
}

describe('KratosNavigator', () => {
  let r: RouterHarness;
  let navigator: KratosNavigator;

  async function setUp(...features: Parameters<typeof setUpRouter>[0][]): Promise<void> {
    r = await setUpRouter(features[0]);
    navigator = TestBed.inject(KratosNavigator);
    // The settings page is showing: what the component sees when its submit fails.
    r.harness.navigateByUrl(PAGE);
    (await r.nextRequest()).flush(settingsFlow());
    await settle();
  }
  afterEach(() => r.http.verify());

  it('session_refresh_required (§2.4 row 8): login with refresh=true, return_to the settings PAGE, not Kratos’s POST URL', async () => {
    await setUp();
    const navigated = await navigator.handle(
      kratosError(403, kratosErrorBody('session_refresh_required', { endpoint: 'update' }).body),
    );
    expect(navigated).toBeFalse();
    const target = new URL(r.assign.calls.mostRecent().args[0]);
    expect(target.origin + target.pathname).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/login/browser`);
    expect(target.searchParams.get('refresh')).toBe('true');
    expect(target.searchParams.get('return_to')).toBe(`${APP}${PAGE}&kratos_step=refresh`);
    expect(target.href).not.toContain(encodeURIComponent(`${KRATOS_TESTING_BASE_URL}/self-service/settings?flow`));
  });

  it('session_aal2_required on submit (§2.4 row 4): login with aal=aal2, back to the page', async () => {
    await setUp();
    await navigator.handle(
      kratosError(
        403,
        kratosErrorBody('session_aal2_required', { endpoint: 'update' }, { redirectBrowserTo: fx.AAL2_POST_URL }).body,
      ),
    );
    const target = new URL(r.assign.calls.mostRecent().args[0]);
    expect(target.searchParams.get('aal')).toBe('aal2');
    expect(target.searchParams.get('return_to')).toBe(`${APP}${PAGE}&kratos_step=aal2`);
  });

  it('the 410 of POST (§2.4 row 5): continues on use_flow_id', async () => {
    await setUp();
    const navigation = navigator.handle(
      kratosError(410, kratosErrorBody('self_service_flow_expired', { endpoint: 'update' }).body),
    );
    const req = await r.nextRequest();
    expect(req.request.params.get('id')).toBe(TESTING_NEW_FLOW_ID);
    req.flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
    expect(await navigation).toBeTrue();
    expect(r.router.url).toBe(`/settings?flow=${TESTING_NEW_FLOW_ID}`);
  });

  for (const [name, kind] of [
    ['security_csrf_violation (§2.4 row 7)', 'security_csrf_violation'],
    ['security_identity_mismatch (§2.4 row 6)', 'security_identity_mismatch'],
    ['not_found (§2.4 row 3)', 'not_found'],
  ] as const) {
    it(`${name}: a fresh flow`, async () => {
      await setUp();
      const { status, body } = kratosErrorBody(kind, { endpoint: 'update' });
      navigator.handle(kratosError(status, body));
      const create = await r.nextRequest();
      expect(create.request.url).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/settings/browser`);
      create.flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
      await settle();
      expect(r.router.url).toBe(`/settings?flow=${TESTING_NEW_FLOW_ID}`);
    });
  }

  it('browser_location_change_required (§2.4 row 9): a full-page navigation to an allowed provider', async () => {
    await setUp({ features: [withAllowedRedirects(['http://127.0.0.2:8080'])] });
    const provider = 'http://127.0.0.2:8080/oauth2/auth?redirect_uri=http%3A%2F%2F127.0.0.1%3A4433%2Fcallback';
    await navigator.handle(
      kratosError(422, {
        ...kratosErrorBody('browser_location_change_required', { endpoint: 'update' }).body,
        redirect_browser_to: provider,
      }),
    );
    expect(r.assign).toHaveBeenCalledOnceWith(provider);
  });

  it('browser_location_change_required to an origin that is not allowed: refused with redirect_not_allowed', async () => {
    await setUp({ features: [withErrorRoute('/error')] });
    const body = {
      ...kratosErrorBody('browser_location_change_required', { endpoint: 'update' }).body,
      redirect_browser_to: 'https://evil.example/phish',
    };
    await navigator.handle(kratosError(422, body));
    expect(r.assign).not.toHaveBeenCalled();
    expect(r.router.url).toBe('/error');
    expect((r.location.getState() as { kratosError: { kind: string } }).kratosError.kind).toBe('redirect_not_allowed');
  });

  it('an error with no recovery reaches the ErrorHandler without an error route', async () => {
    await setUp();
    const error = kratosError(400, kratosErrorBody('bad_request', { endpoint: 'update' }).body);
    expect(await navigator.handle(error)).toBeFalse();
    expect(r.handleError).toHaveBeenCalledOnceWith(error);
  });

  it('anything that is not a KratosError is mapped first (never a TypeError in a component)', async () => {
    await setUp();
    await navigator.handle(new TypeError('x is undefined'));
    const reported = r.handleError.calls.mostRecent().args[0] as KratosError;
    expect(reported).toBeInstanceOf(KratosError);
    expect(reported.kind).toBe('unknown');
  });

  describe('follow (continue_with redirect_browser_to, return_to)', () => {
    it('an app URL: through the router', async () => {
      await setUp();
      expect(await navigator.follow(`${APP}/home?tab=2`)).toBeTrue();
      expect(r.router.url).toBe('/home?tab=2');
      expect(r.assign).not.toHaveBeenCalled();
    });

    it('Kratos’s origin: a full-page navigation', async () => {
      await setUp();
      await navigator.follow(`${KRATOS_TESTING_BASE_URL}/self-service/login/browser`);
      expect(r.assign).toHaveBeenCalledOnceWith(`${KRATOS_TESTING_BASE_URL}/self-service/login/browser`);
    });

    it('Kratos on the app’s own origin (a /.ory proxy): its URLs are full-page navigations, never app routes', async () => {
      // Real Kratos v1.3.1 answers a browser login that needs a second factor with 422 and this redirect_browser_to.
      await setUp({ baseUrl: '/.ory' });
      const kratosUrl = `${APP}/.ory/self-service/login/browser?aal=aal2&return_to=${encodeURIComponent(`${APP}/settings`)}`;
      expect(await navigator.follow(kratosUrl)).toBeFalse();
      expect(r.assign).toHaveBeenCalledOnceWith(kratosUrl);
      expect(r.router.url).toBe(PAGE);
      // The app's own pages on that origin still go through the router.
      expect(await navigator.follow(`${APP}/home`)).toBeTrue();
      expect(r.router.url).toBe('/home');
    });

    for (const payload of [
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      `${APP}@evil.example/`,
      ' https://evil.example',
    ]) {
      it(`refuses ${JSON.stringify(payload)}`, async () => {
        await setUp();
        expect(await navigator.follow(payload)).toBeFalse();
        expect(r.assign).not.toHaveBeenCalled();
        expect((r.handleError.calls.mostRecent().args[0] as KratosError).kind).toBe('redirect_not_allowed');
      });
    }
  });
});
