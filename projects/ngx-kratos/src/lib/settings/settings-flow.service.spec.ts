/*
 * SettingsFlowService against every row of protocol §2.1–2.4 that a JSON client can see: each spec flushes
 * Kratos's exact status, headers and body (fixtures written from the protocol) and asserts the outcome.
 * The browser-only rows (303/302 redirects) never reach a client that sends `Accept: application/json`;
 * what a client sees if a proxy turns one into an HTML page is covered in kratos-http.spec.ts.
 */
import { HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { TestRequest } from '@angular/common/http/testing';
import { Observable } from 'rxjs';
import { KratosErrorKind } from '../errors/kratos-error-kind';
import { SettingsFlow } from '../models/settings-flow';
import { Harness, kratosHeaders, record, setUpKratos } from '../../testing/harness';
import * as fx from '../../testing/kratos-fixtures';
import { SettingsUpdateResult } from './settings-flow-options';

interface ErrorRow {
  row: string;
  status: number;
  statusText: string;
  body: object;
  kind: KratosErrorKind;
  id?: string;
  redirectBrowserTo?: string;
  useFlowId?: string;
  details?: Record<string, unknown>;
}

describe('SettingsFlowService', () => {
  let h: Harness;

  beforeEach(() => (h = setUpKratos()));
  afterEach(() => h.http.verify());

  function expectKratosError(source: Observable<unknown>, req: () => TestRequest, row: ErrorRow): void {
    const rec = record(source);
    req().flush(row.body, { status: row.status, statusText: row.statusText, headers: kratosHeaders(row.body) });
    const error = rec.kratosError();
    expect(error.kind).toBe(row.kind);
    expect(error.status).toBe(row.status);
    expect(error.id).toBe(row.id);
    expect(error.message).toBe((row.body as { error: { message: string } }).error.message);
    expect(error.redirectBrowserTo).toBe(row.redirectBrowserTo);
    expect(error.useFlowId).toBe(row.useFlowId);
    if (row.details) {
      expect(error.details).toEqual(row.details);
    }
    expect(error.response).toBeInstanceOf(HttpErrorResponse);
    if (row.id) {
      expect(error.response?.headers.get('Ory-Error-Id')).toBe(row.id);
    }
    expect(rec.values).toEqual([]);
  }

  describe('createBrowserFlow: GET /self-service/settings/browser (§2.1)', () => {
    const url = `${fx.KRATOS}/self-service/settings/browser`;
    const expectInit = () => h.http.expectOne((r) => r.url === url);

    it('sends a credentialed JSON GET with no session header, return_to fully encoded', () => {
      record(h.service.createBrowserFlow({ returnTo: 'http://127.0.0.1:4200/after?tab=a&x=1#top' }));
      const req = expectInit();
      expect(req.request.method).toBe('GET');
      expect(req.request.urlWithParams).toBe(
        `${url}?return_to=http%3A%2F%2F127.0.0.1%3A4200%2Fafter%3Ftab%3Da%26x%3D1%23top`,
      );
      expect(req.request.headers.get('Accept')).toBe('application/json');
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.transferCache).toBeFalse();
      expect(req.request.headers.has('X-Session-Token')).toBeFalse();
      expect(req.request.headers.has('Cookie')).toBeFalse();
      expect(req.request.headers.has('Content-Type')).toBeFalse();
      req.flush(fx.settingsFlow());
    });

    it('sends no return_to parameter when none is given', () => {
      record(h.service.createBrowserFlow());
      expect(expectInit().request.urlWithParams).toBe(url);
    });

    it('row 4 (J): 200 → the flow', () => {
      const rec = record(h.service.createBrowserFlow());
      const flow = fx.settingsFlow();
      expectInit().flush(flow, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
      expect(rec.values).toEqual([flow]);
      expect(rec.completed).toBeTrue();
    });

    const rows: ErrorRow[] = [
      {
        row: 'row 1 (J): 401 session_inactive with the top-level CredentialsMissing key',
        status: 401,
        statusText: 'Unauthorized',
        body: fx.SESSION_INACTIVE_BROWSER_INIT,
        kind: 'session_inactive',
        id: 'session_inactive',
      },
      {
        row: 'row 2 (J): 403 session_aal2_required with redirect_browser_to',
        status: 403,
        statusText: 'Forbidden',
        body: fx.aal2Required(fx.AAL2_INIT_URL),
        kind: 'session_aal2_required',
        id: 'session_aal2_required',
        redirectBrowserTo: fx.AAL2_INIT_URL,
      },
      {
        row: 'row 3 (J): 400 self_service_flow_return_to_forbidden',
        status: 400,
        statusText: 'Bad Request',
        body: fx.RETURN_TO_FORBIDDEN,
        kind: 'self_service_flow_return_to_forbidden',
        id: 'self_service_flow_return_to_forbidden',
      },
      {
        row: 'row 3 (J), unparsable return_to: 400 without an id → bad_request',
        status: 400,
        statusText: 'Bad Request',
        body: fx.RETURN_TO_UNPARSABLE,
        kind: 'bad_request',
      },
    ];
    for (const row of rows) {
      it(row.row, () => expectKratosError(h.service.createBrowserFlow(), expectInit, row));
    }

    it('row 4 (B) seen through a proxy that followed the 303 to an HTML page → malformed_response', () => {
      const rec = record(h.service.createBrowserFlow());
      expectInit().flush('<!doctype html><html><body>Settings</body></html>', {
        status: 200,
        statusText: 'OK',
        headers: { 'Content-Type': 'text/html' },
      });
      const error = rec.kratosError();
      expect(error.kind).toBe('malformed_response');
      expect(error.status).toBe(200);
      expect(error.excerpt).toBe('<!doctype html><html><body>Settings</body></html>');
    });
  });

  describe('createNativeFlow: GET /self-service/settings/api (§2.2)', () => {
    const url = `${fx.KRATOS}/self-service/settings/api`;
    const expectInit = () => h.http.expectOne((r) => r.url === url);

    it('sends the session token and no credentials', () => {
      record(h.service.createNativeFlow({ sessionToken: 'ory_st_abc' }));
      const req = expectInit();
      expect(req.request.headers.get('X-Session-Token')).toBe('ory_st_abc');
      expect(req.request.headers.get('Accept')).toBe('application/json');
      expect(req.request.withCredentials).toBeFalse();
      expect(req.request.transferCache).toBeFalse();
      req.flush(fx.settingsFlow({ type: 'api' }));
    });

    it('without a token sends no header (for an interceptor to add) and still no credentials', () => {
      record(h.service.createNativeFlow({ returnTo: 'http://127.0.0.1:4200/' }));
      const req = expectInit();
      expect(req.request.headers.has('X-Session-Token')).toBeFalse();
      expect(req.request.withCredentials).toBeFalse();
      expect(req.request.urlWithParams).toBe(`${url}?return_to=http%3A%2F%2F127.0.0.1%3A4200%2F`);
      req.flush(fx.settingsFlow({ type: 'api' }));
    });

    it('success: 200 → the api flow', () => {
      const rec = record(h.service.createNativeFlow({ sessionToken: 't' }));
      expectInit().flush(fx.settingsFlow({ type: 'api' }));
      expect(rec.values[0].type).toBe('api');
    });

    const rows: ErrorRow[] = [
      {
        row: 'no session: 401 session_inactive',
        status: 401,
        statusText: 'Unauthorized',
        body: fx.SESSION_INACTIVE_API_INIT,
        kind: 'session_inactive',
        id: 'session_inactive',
      },
      {
        row: 'AAL too low: 403 with redirect_browser_to',
        status: 403,
        statusText: 'Forbidden',
        body: fx.aal2Required(fx.AAL2_INIT_URL),
        kind: 'session_aal2_required',
        id: 'session_aal2_required',
        redirectBrowserTo: fx.AAL2_INIT_URL,
      },
      {
        row: 'return_to forbidden: 400',
        status: 400,
        statusText: 'Bad Request',
        body: fx.RETURN_TO_FORBIDDEN,
        kind: 'self_service_flow_return_to_forbidden',
        id: 'self_service_flow_return_to_forbidden',
      },
    ];
    for (const row of rows) {
      it(row.row, () => expectKratosError(h.service.createNativeFlow({ sessionToken: 't' }), expectInit, row));
    }
  });

  describe('getFlow: GET /self-service/settings/flows?id= (§2.3)', () => {
    const url = `${fx.KRATOS}/self-service/settings/flows`;
    const expectGet = () => h.http.expectOne((r) => r.url === url);

    it('sends the id as an encoded query parameter, with credentials and no session header', () => {
      record(h.service.getFlow('a b/../c?&'));
      const req = expectGet();
      expect(req.request.urlWithParams).toBe(`${url}?id=a%20b%2F..%2Fc%3F%26`);
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.headers.has('X-Session-Token')).toBeFalse();
      req.flush(fx.settingsFlow());
    });

    it('with sessionToken: X-Session-Token and no credentials', () => {
      record(h.service.getFlow(fx.FLOW_ID, { sessionToken: 'ory_st_abc' }));
      const req = expectGet();
      expect(req.request.headers.get('X-Session-Token')).toBe('ory_st_abc');
      expect(req.request.withCredentials).toBeFalse();
      req.flush(fx.settingsFlow({ type: 'api' }));
    });

    it('row 6: 200 → the flow, whatever its state', () => {
      const rec = record(h.service.getFlow(fx.FLOW_ID));
      const flow = fx.successFlow();
      expectGet().flush(flow);
      expect(rec.values).toEqual([flow]);
    });

    const rows: ErrorRow[] = [
      {
        row: 'row 1 (J): the id-less 401 → session_inactive',
        status: 401,
        statusText: 'Unauthorized',
        body: fx.UNAUTHORIZED_NO_ID,
        kind: 'session_inactive',
      },
      {
        row: 'row 2: 404 without id or reason → not_found',
        status: 404,
        statusText: 'Not Found',
        body: fx.NOT_FOUND_GET,
        kind: 'not_found',
      },
      {
        row: 'row 3: 403 security_identity_mismatch',
        status: 403,
        statusText: 'Forbidden',
        body: fx.IDENTITY_MISMATCH_GET,
        kind: 'security_identity_mismatch',
        id: 'security_identity_mismatch',
      },
      {
        row: 'row 4: 403 session_aal2_required, back to the settings UI after step-up',
        status: 403,
        statusText: 'Forbidden',
        body: fx.aal2Required(fx.AAL2_GET_URL),
        kind: 'session_aal2_required',
        id: 'session_aal2_required',
        redirectBrowserTo: fx.AAL2_GET_URL,
      },
      {
        row: 'row 5: the id-less 410 of a browser flow → self_service_flow_expired with details.redirect_to',
        status: 410,
        statusText: 'Gone',
        body: fx.expiredGetBrowser('http://127.0.0.1:4200/after'),
        kind: 'self_service_flow_expired',
        details: {
          redirect_to: `${fx.KRATOS}/self-service/settings/browser?return_to=http%3A%2F%2F127.0.0.1%3A4200%2Fafter`,
          return_to: 'http://127.0.0.1:4200/after',
        },
      },
      {
        row: "row 5': the id-less 410 of an api flow → self_service_flow_expired with details.api",
        status: 410,
        statusText: 'Gone',
        body: fx.EXPIRED_GET_API,
        kind: 'self_service_flow_expired',
        details: { api: `${fx.KRATOS}/self-service/settings/api` },
      },
    ];
    for (const row of rows) {
      it(row.row, () => expectKratosError(h.service.getFlow(fx.FLOW_ID), expectGet, row));
    }
  });

  describe('updateFlow: POST /self-service/settings?flow= (§2.4)', () => {
    const url = `${fx.KRATOS}/self-service/settings`;
    const expectPost = () => h.http.expectOne((r) => r.url === url);
    const passwordBody = { method: 'password', password: 'correct horse battery staple', csrf_token: fx.CSRF } as const;
    const submit = () => h.service.updateFlow(fx.FLOW_ID, passwordBody);

    it('sends the body as JSON with exactly Content-Type application/json, credentials and the flow id', () => {
      record(submit());
      const req = expectPost();
      expect(req.request.method).toBe('POST');
      expect(req.request.urlWithParams).toBe(`${url}?flow=${fx.FLOW_ID}`);
      expect(req.request.headers.get('Content-Type')).toBe('application/json');
      expect(req.request.headers.get('Accept')).toBe('application/json');
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.body).toEqual(passwordBody);
      expect(req.request.serializeBody()).toBe(JSON.stringify(passwordBody));
      req.flush(fx.successFlow());
    });

    it('types each method body (profile with nested traits, totp, lookup_secret, oidc, webauthn, passkey)', () => {
      const bodies = [
        { method: 'profile', traits: { email: 'ada@127.0.0.1', name: { first: 'Ada' } }, csrf_token: fx.CSRF },
        { method: 'totp', totp_code: '123456', csrf_token: fx.CSRF },
        { method: 'totp', totp_unlink: true, csrf_token: fx.CSRF },
        { method: 'lookup_secret', lookup_secret_reveal: true, csrf_token: fx.CSRF },
        { method: 'oidc', link: 'github' },
        { method: 'webauthn', webauthn_remove: 'a1b2', csrf_token: fx.CSRF },
        { method: 'passkey', passkey_remove: 'c3d4', csrf_token: fx.CSRF },
      ] as const;
      for (const body of bodies) {
        record(h.service.updateFlow(fx.FLOW_ID, body));
        const req = expectPost();
        expect(req.request.body).toEqual(body);
        req.flush(fx.successFlow());
      }
    });

    it('row 13 (browser AJAX): 200 → success with continue_with inside the flow', () => {
      const rec = record(submit());
      expectPost().flush(fx.successFlow());
      const result = rec.values[0];
      expect(result.kind).toBe('success');
      expect(result.flow.state).toBe('success');
      expect(result.flow.ui.messages?.[0].id).toBe(1050001);
      expect(result.flow.continue_with).toEqual([
        { action: 'redirect_browser_to', redirect_browser_to: fx.SETTINGS_UI },
      ]);
      expect(rec.completed).toBeTrue();
    });

    it('row 11: lookup_secret reveal answers 200 with the flow → success (not invalid)', () => {
      const rec = record(h.service.updateFlow(fx.FLOW_ID, { method: 'lookup_secret', lookup_secret_reveal: true }));
      const flow = fx.settingsFlow({ active: 'lookup_secret' });
      expectPost().flush(flow);
      expect(rec.values).toEqual([{ kind: 'success', flow }]);
    });

    it('row 10: 400 with the flow → invalid, messages on the node, state left as it was (recorded/12)', () => {
      const rec = record(h.service.updateFlow(fx.FLOW_ID, { method: 'profile', traits: { email: 'not-an-email' } }));
      const flow = fx.invalidFlow();
      expectPost().flush(flow, { status: 400, statusText: 'Bad Request' });
      expect(rec.error).toBeUndefined();
      expect(rec.values).toEqual([{ kind: 'invalid', flow }]);
      const email = rec.values[0].flow.ui.nodes.find(
        (n) => n.attributes.node_type === 'input' && n.attributes.name === 'traits.email',
      );
      expect(email?.messages[0].id).toBe(4000040);
      expect(rec.values[0].flow.state).toBe('success');
    });

    it('§0.1/§1.2: in a browser, the refusal of an api flow’s submit (Origin header) is a typed error, not a validation result', () => {
      const rec = record(h.service.updateFlow(fx.FLOW_ID, passwordBody, { sessionToken: 'ory_st_abc' }));
      const req = expectPost();
      expect(req.request.withCredentials).toBeFalse();
      expect(req.request.headers.get('X-Session-Token')).toBe('ory_st_abc');
      req.flush(fx.apiFlowRefusedFromBrowser(), { status: 400, statusText: 'Bad Request' });
      const error = rec.kratosError();
      expect(error.kind).toBe('bad_request');
      expect(error.message).toMatch(/api \(native\) flow from a browser/);
      expect(error.reason).toBe(fx.ORIGIN_REFUSAL);
    });

    it('a validation answer of an api flow stays a validation result', () => {
      const rec = record(h.service.updateFlow(fx.FLOW_ID, passwordBody, { sessionToken: 'ory_st_abc' }));
      const flow = { ...fx.invalidFlow(), type: 'api' as const };
      expectPost().flush(flow, { status: 400, statusText: 'Bad Request' });
      expect(rec.values[0].kind).toBe('invalid');
    });

    const rows: ErrorRow[] = [
      {
        row: 'row 1 (J): the id-less 401 → session_inactive',
        status: 401,
        statusText: 'Unauthorized',
        body: fx.UNAUTHORIZED_NO_ID,
        kind: 'session_inactive',
      },
      {
        row: 'row 2: 400 error envelope (flow parameter malformed) → bad_request, not invalid',
        status: 400,
        statusText: 'Bad Request',
        body: fx.FLOW_PARAM_MALFORMED,
        kind: 'bad_request',
      },
      {
        row: 'row 3: 404 → not_found',
        status: 404,
        statusText: 'Not Found',
        body: fx.NOT_FOUND_POST,
        kind: 'not_found',
      },
      {
        row: 'row 4: 403 session_aal2_required, return_to the POST URL',
        status: 403,
        statusText: 'Forbidden',
        body: fx.aal2Required(fx.AAL2_POST_URL),
        kind: 'session_aal2_required',
        id: 'session_aal2_required',
        redirectBrowserTo: fx.AAL2_POST_URL,
      },
      {
        row: 'row 5: 410 self_service_flow_expired with use_flow_id',
        status: 410,
        statusText: 'Gone',
        body: fx.EXPIRED_POST,
        kind: 'self_service_flow_expired',
        id: 'self_service_flow_expired',
        useFlowId: fx.NEW_FLOW_ID,
      },
      {
        row: 'row 6: 403 security_identity_mismatch',
        status: 403,
        statusText: 'Forbidden',
        body: fx.IDENTITY_MISMATCH_POST,
        kind: 'security_identity_mismatch',
        id: 'security_identity_mismatch',
      },
      {
        row: 'row 7: 403 security_csrf_violation with its details',
        status: 403,
        statusText: 'Forbidden',
        body: fx.CSRF_VIOLATION,
        kind: 'security_csrf_violation',
        id: 'security_csrf_violation',
        details: fx.CSRF_VIOLATION.error.details,
      },
      {
        row: 'row 8: 403 session_refresh_required with the re-auth redirect_browser_to',
        status: 403,
        statusText: 'Forbidden',
        body: fx.REFRESH_REQUIRED,
        kind: 'session_refresh_required',
        id: 'session_refresh_required',
        redirectBrowserTo: fx.REFRESH_URL,
      },
      {
        row: 'row 9: 422 browser_location_change_required with the provider URL',
        status: 422,
        statusText: 'Unprocessable Entity',
        body: fx.LOCATION_CHANGE_REQUIRED,
        kind: 'browser_location_change_required',
        id: 'browser_location_change_required',
        redirectBrowserTo: fx.PROVIDER_URL,
      },
      {
        row: 'row 12: 404 method disabled → not_found with its reason',
        status: 404,
        statusText: 'Not Found',
        body: fx.METHOD_DISABLED,
        kind: 'not_found',
      },
    ];
    for (const row of rows) {
      it(row.row, () => expectKratosError(submit(), expectPost, row));
    }

    it('row 5: keeps the 410 body (expired_at, since) for callers that want it', () => {
      const rec = record(submit());
      expectPost().flush(fx.EXPIRED_POST, { status: 410, statusText: 'Gone' });
      expect(rec.kratosError().body).toEqual(fx.EXPIRED_POST);
      expect(rec.kratosError().reason).toBe(fx.EXPIRED_POST.error.reason);
    });
  });

  describe('observe', () => {
    it("'response' gives the HttpResponse with status and headers and the parsed flow as body", () => {
      const rec = record(h.service.getFlow(fx.FLOW_ID, { observe: 'response' }));
      h.http
        .expectOne(() => true)
        .flush(fx.settingsFlow(), {
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': 'r1' },
        });
      const response: HttpResponse<SettingsFlow> = rec.values[0];
      expect(response).toBeInstanceOf(HttpResponse);
      expect(response.status).toBe(200);
      expect(response.headers.get('X-Request-Id')).toBe('r1');
      expect(response.body?.id).toBe(fx.FLOW_ID);
    });

    it("'response' on a 400 flow gives an HttpResponse with status 400 and the invalid result", () => {
      const rec = record(
        h.service.updateFlow(fx.FLOW_ID, { method: 'password', password: 'x' }, { observe: 'response' }),
      );
      h.http.expectOne(() => true).flush(fx.invalidFlow(), { status: 400, statusText: 'Bad Request' });
      const response: HttpResponse<SettingsUpdateResult> = rec.values[0];
      expect(response.status).toBe(400);
      expect(response.body?.kind).toBe('invalid');
    });
  });
});
