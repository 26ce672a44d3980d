/*
 * The protocol table every self-service flow shares (docs/kratos-protocol.md §1 and §2): the four endpoints'
 * request shapes and their error rows, run by `describeFlowEndpoints` against any flow kind. Each row flushes
 * Kratos's exact status, headers and body and asserts the `KratosError` it becomes. The settings spec runs it for
 * settings; flow-requests.spec.ts runs it for a test-only kind, to show that the path is generic.
 */
import { HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { Observable } from 'rxjs';
import { KratosErrorKind } from '../lib/errors/kratos-error-kind';
import { FlowShape } from '../lib/wire/read-body';
import { kratosHeaders, record } from './harness';
import * as fx from './kratos-fixtures';

export interface ErrorRow {
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

/** A flow kind as the table drives it: its path segment, its four calls, and a well-formed flow of it. */
export interface FlowUnderTest {
  path: string;
  flow(overrides?: Partial<FlowShape>): FlowShape;
  createBrowserFlow(options?: { returnTo?: string }): Observable<unknown>;
  createNativeFlow(options?: { returnTo?: string; sessionToken?: string }): Observable<unknown>;
  getFlow(id: string, options?: { sessionToken?: string }): Observable<unknown>;
  /** A submit of a body with `method: 'password'`. */
  updateFlow(id: string, options?: { sessionToken?: string }): Observable<unknown>;
}

export const PASSWORD_BODY = {
  method: 'password',
  password: 'correct horse battery staple',
  csrf_token: TESTING_CSRF_TOKEN,
} as const;

/** Kratos v1.3.1's body for `kind` on a settings endpoint (ngx-kratos/testing's `kratosErrorBody`). */
const body = (...args: Parameters<typeof kratosErrorBody>) => kratosErrorBody(...args).body;

/** §2.1 row 3, unparsable: a 400 without an id. */
const RETURN_TO_UNPARSABLE = body(
  'bad_request',
  { endpoint: 'create' },
  { reason: 'Unable to parse the return_to query parameter as an URL: parse "%": invalid URL escape "%"' },
);

/** §2.4 row 12: a method switched off, a 404 with its own reason. */
const METHOD_DISABLED = body(
  'not_found',
  { endpoint: 'update' },
  {
    reason:
      'This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it.',
  },
);

const EXPIRED_GET_BROWSER = body(
  'self_service_flow_expired',
  { endpoint: 'get' },
  { returnTo: 'http://127.0.0.1:4200/after' },
);
const EXPIRED_GET_API = body('self_service_flow_expired', { endpoint: 'get', native: true });
const EXPIRED_POST = body('self_service_flow_expired', { endpoint: 'update' });
const CSRF_VIOLATION = body('security_csrf_violation', { endpoint: 'update' });
const REFRESH_REQUIRED = body('session_refresh_required', { endpoint: 'update' });
const LOCATION_CHANGE_REQUIRED = body('browser_location_change_required', { endpoint: 'update' });

/** Flushes `row` to the request `req()` finds, and asserts the `KratosError` that `source` fails with. */
export function expectKratosError(source: Observable<unknown>, req: () => TestRequest, row: ErrorRow): void {
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

/** §2.1 (browser init): the rows a JSON client sees. */
export const BROWSER_INIT_ROWS: ErrorRow[] = [
  {
    row: 'row 1 (J): 401 session_inactive with the top-level CredentialsMissing key',
    status: 401,
    statusText: 'Unauthorized',
    // The top-level key of later Kratos versions (docs/kratos-protocol.md §0); v1.3.1 sends none.
    body: { ...body('session_inactive', { endpoint: 'create' }), CredentialsMissing: false },
    kind: 'session_inactive',
    id: 'session_inactive',
  },
  {
    row: 'row 2 (J): 403 session_aal2_required with redirect_browser_to',
    status: 403,
    statusText: 'Forbidden',
    body: body('session_aal2_required', { endpoint: 'create' }, { redirectBrowserTo: fx.AAL2_INIT_URL }),
    kind: 'session_aal2_required',
    id: 'session_aal2_required',
    redirectBrowserTo: fx.AAL2_INIT_URL,
  },
  {
    row: 'row 3 (J): 400 self_service_flow_return_to_forbidden',
    status: 400,
    statusText: 'Bad Request',
    body: body('self_service_flow_return_to_forbidden', { endpoint: 'create' }),
    kind: 'self_service_flow_return_to_forbidden',
    id: 'self_service_flow_return_to_forbidden',
  },
  {
    row: 'row 3 (J), unparsable return_to: 400 without an id → bad_request',
    status: 400,
    statusText: 'Bad Request',
    body: RETURN_TO_UNPARSABLE,
    kind: 'bad_request',
  },
];

/** §2.2 (native init). */
export const NATIVE_INIT_ROWS: ErrorRow[] = [
  {
    row: 'no session: 401 session_inactive',
    status: 401,
    statusText: 'Unauthorized',
    body: body('session_inactive', { endpoint: 'create', native: true }),
    kind: 'session_inactive',
    id: 'session_inactive',
  },
  {
    row: 'AAL too low: 403 with redirect_browser_to',
    status: 403,
    statusText: 'Forbidden',
    body: body('session_aal2_required', { endpoint: 'create' }, { redirectBrowserTo: fx.AAL2_INIT_URL }),
    kind: 'session_aal2_required',
    id: 'session_aal2_required',
    redirectBrowserTo: fx.AAL2_INIT_URL,
  },
  {
    row: 'return_to forbidden: 400',
    status: 400,
    statusText: 'Bad Request',
    body: body('self_service_flow_return_to_forbidden', { endpoint: 'create' }),
    kind: 'self_service_flow_return_to_forbidden',
    id: 'self_service_flow_return_to_forbidden',
  },
];

/** §2.3 (get by id). */
export const GET_ROWS: ErrorRow[] = [
  {
    row: 'row 1 (J): the id-less 401 → session_inactive',
    status: 401,
    statusText: 'Unauthorized',
    body: body('session_inactive', { endpoint: 'get' }),
    kind: 'session_inactive',
  },
  {
    row: 'row 2: 404 without id or reason → not_found',
    status: 404,
    statusText: 'Not Found',
    body: body('not_found', { endpoint: 'get' }),
    kind: 'not_found',
  },
  {
    row: 'row 3: 403 security_identity_mismatch',
    status: 403,
    statusText: 'Forbidden',
    body: body('security_identity_mismatch', { endpoint: 'get' }),
    kind: 'security_identity_mismatch',
    id: 'security_identity_mismatch',
  },
  {
    row: 'row 4: 403 session_aal2_required, back to the flow page after step-up',
    status: 403,
    statusText: 'Forbidden',
    body: body('session_aal2_required', { endpoint: 'get' }, { redirectBrowserTo: fx.AAL2_GET_URL }),
    kind: 'session_aal2_required',
    id: 'session_aal2_required',
    redirectBrowserTo: fx.AAL2_GET_URL,
  },
  {
    row: 'row 5: the id-less 410 of a browser flow → self_service_flow_expired with details.redirect_to',
    status: 410,
    statusText: 'Gone',
    body: EXPIRED_GET_BROWSER,
    kind: 'self_service_flow_expired',
    details: EXPIRED_GET_BROWSER.error.details ?? undefined,
  },
  {
    row: "row 5': the id-less 410 of an api flow → self_service_flow_expired with details.api",
    status: 410,
    statusText: 'Gone',
    body: EXPIRED_GET_API,
    kind: 'self_service_flow_expired',
    details: EXPIRED_GET_API.error.details ?? undefined,
  },
];

/** §2.4 (submit): the answers that stay errors. */
export const SUBMIT_ROWS: ErrorRow[] = [
  {
    row: 'row 1 (J): the id-less 401 → session_inactive',
    status: 401,
    statusText: 'Unauthorized',
    body: body('session_inactive', { endpoint: 'update' }),
    kind: 'session_inactive',
  },
  {
    row: 'row 2: 400 error envelope (flow parameter malformed) → bad_request, not invalid',
    status: 400,
    statusText: 'Bad Request',
    body: body('bad_request', { endpoint: 'update' }),
    kind: 'bad_request',
  },
  {
    row: 'row 3: 404 → not_found',
    status: 404,
    statusText: 'Not Found',
    body: body('not_found', { endpoint: 'update' }),
    kind: 'not_found',
  },
  {
    row: 'row 4: 403 session_aal2_required, return_to the POST URL',
    status: 403,
    statusText: 'Forbidden',
    body: body('session_aal2_required', { endpoint: 'update' }, { redirectBrowserTo: fx.AAL2_POST_URL }),
    kind: 'session_aal2_required',
    id: 'session_aal2_required',
    redirectBrowserTo: fx.AAL2_POST_URL,
  },
  {
    row: 'row 5: 410 self_service_flow_expired with use_flow_id',
    status: 410,
    statusText: 'Gone',
    body: EXPIRED_POST,
    kind: 'self_service_flow_expired',
    id: 'self_service_flow_expired',
    useFlowId: TESTING_NEW_FLOW_ID,
  },
  {
    row: 'row 6: 403 security_identity_mismatch',
    status: 403,
    statusText: 'Forbidden',
    body: body('security_identity_mismatch', { endpoint: 'update' }),
    kind: 'security_identity_mismatch',
    id: 'security_identity_mismatch',
  },
  {
    row: 'row 7: 403 security_csrf_violation with its details',
    status: 403,
    statusText: 'Forbidden',
    body: CSRF_VIOLATION,
    kind: 'security_csrf_violation',
    id: 'security_csrf_violation',
    details: CSRF_VIOLATION.error.details,
  },
  {
    row: 'row 8: 403 session_refresh_required with the re-auth redirect_browser_to',
    status: 403,
    statusText: 'Forbidden',
    body: REFRESH_REQUIRED,
    kind: 'session_refresh_required',
    id: 'session_refresh_required',
    redirectBrowserTo: REFRESH_REQUIRED.redirect_browser_to,
  },
  {
    row: 'row 9: 422 browser_location_change_required with the provider URL',
    status: 422,
    statusText: 'Unprocessable Entity',
    body: LOCATION_CHANGE_REQUIRED,
    kind: 'browser_location_change_required',
    id: 'browser_location_change_required',
    redirectBrowserTo: LOCATION_CHANGE_REQUIRED.redirect_browser_to,
  },
  {
    row: 'row 12: 404 method disabled → not_found with its reason',
    status: 404,
    statusText: 'Not Found',
    body: METHOD_DISABLED,
    kind: 'not_found',
  },
];

/**
 * The shared rows of §2.1–2.4 against `subject` (call inside a `describe` whose `beforeEach` sets up the TestBed
 * with ngx-kratos and HttpClient's testing backend).
 */
export function describeFlowEndpoints(subject: () => FlowUnderTest): void {
  const http = () => TestBed.inject(HttpTestingController);
  const base = () => `${KRATOS_TESTING_BASE_URL}/self-service/${subject().path}`;
  const expectAt = (suffix: string) => () => http().expectOne((r) => r.url === `${base()}${suffix}`);

  describe(`createBrowserFlow: GET …/browser (§2.1)`, () => {
    const expectInit = expectAt('/browser');

    it('sends a credentialed JSON GET with no session header, return_to fully encoded', () => {
      record(subject().createBrowserFlow({ returnTo: 'http://127.0.0.1:4200/after?tab=a&x=1#top' }));
      const req = expectInit();
      expect(req.request.method).toBe('GET');
      expect(req.request.urlWithParams).toBe(
        `${base()}/browser?return_to=http%3A%2F%2F127.0.0.1%3A4200%2Fafter%3Ftab%3Da%26x%3D1%23top`,
      );
      expect(req.request.headers.get('Accept')).toBe('application/json');
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.transferCache).toBeFalse();
      expect(req.request.headers.has('X-Session-Token')).toBeFalse();
      expect(req.request.headers.has('Cookie')).toBeFalse();
      expect(req.request.headers.has('Content-Type')).toBeFalse();
      req.flush(subject().flow());
    });

    it('sends no return_to parameter when none is given', () => {
      record(subject().createBrowserFlow());
      const req = expectInit();
      expect(req.request.urlWithParams).toBe(`${base()}/browser`);
      req.flush(subject().flow());
    });

    it('row 4 (J): 200 → the flow', () => {
      const rec = record(subject().createBrowserFlow());
      const flow = subject().flow();
      expectInit().flush(flow, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
      expect(rec.values).toEqual([flow]);
      expect(rec.completed).toBeTrue();
    });

    for (const row of BROWSER_INIT_ROWS) {
      it(row.row, () => expectKratosError(subject().createBrowserFlow(), expectInit, row));
    }

    it('row 4 (B) seen through a proxy that followed the 303 to an HTML page → malformed_response', () => {
      const rec = record(subject().createBrowserFlow());
      expectInit().flush('<!doctype html><html><body>Account</body></html>', {
        status: 200,
        statusText: 'OK',
        headers: { 'Content-Type': 'text/html' },
      });
      const error = rec.kratosError();
      expect(error.kind).toBe('malformed_response');
      expect(error.status).toBe(200);
      expect(error.excerpt).toBe('<!doctype html><html><body>Account</body></html>');
    });
  });

  describe(`createNativeFlow: GET …/api (§2.2)`, () => {
    const expectInit = expectAt('/api');

    it('sends the session token and no credentials', () => {
      record(subject().createNativeFlow({ sessionToken: 'ory_st_abc' }));
      const req = expectInit();
      expect(req.request.headers.get('X-Session-Token')).toBe('ory_st_abc');
      expect(req.request.headers.get('Accept')).toBe('application/json');
      expect(req.request.withCredentials).toBeFalse();
      expect(req.request.transferCache).toBeFalse();
      req.flush(subject().flow({ type: 'api' }));
    });

    it('without a token sends no header (for an interceptor to add) and still no credentials', () => {
      record(subject().createNativeFlow({ returnTo: 'http://127.0.0.1:4200/' }));
      const req = expectInit();
      expect(req.request.headers.has('X-Session-Token')).toBeFalse();
      expect(req.request.withCredentials).toBeFalse();
      expect(req.request.urlWithParams).toBe(`${base()}/api?return_to=http%3A%2F%2F127.0.0.1%3A4200%2F`);
      req.flush(subject().flow({ type: 'api' }));
    });

    it('success: 200 → the api flow', () => {
      const rec = record(subject().createNativeFlow({ sessionToken: 't' }));
      expectInit().flush(subject().flow({ type: 'api' }));
      expect((rec.values[0] as FlowShape).type).toBe('api');
    });

    for (const row of NATIVE_INIT_ROWS) {
      it(row.row, () => expectKratosError(subject().createNativeFlow({ sessionToken: 't' }), expectInit, row));
    }
  });

  describe(`getFlow: GET …/flows?id= (§2.3)`, () => {
    const expectGet = expectAt('/flows');

    it('sends the id as an encoded query parameter, with credentials and no session header', () => {
      record(subject().getFlow('a b/../c?&'));
      const req = expectGet();
      expect(req.request.urlWithParams).toBe(`${base()}/flows?id=a%20b%2F..%2Fc%3F%26`);
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.headers.has('X-Session-Token')).toBeFalse();
      req.flush(subject().flow());
    });

    it('with sessionToken: X-Session-Token and no credentials', () => {
      record(subject().getFlow(TESTING_FLOW_ID, { sessionToken: 'ory_st_abc' }));
      const req = expectGet();
      expect(req.request.headers.get('X-Session-Token')).toBe('ory_st_abc');
      expect(req.request.withCredentials).toBeFalse();
      req.flush(subject().flow({ type: 'api' }));
    });

    it('row 6: 200 → the flow, whatever its state', () => {
      const rec = record(subject().getFlow(TESTING_FLOW_ID));
      const flow = subject().flow({ state: 'a_state_of_a_later_kratos' });
      expectGet().flush(flow);
      expect(rec.values).toEqual([flow]);
    });

    for (const row of GET_ROWS) {
      it(row.row, () => expectKratosError(subject().getFlow(TESTING_FLOW_ID), expectGet, row));
    }
  });

  describe(`updateFlow: POST …?flow= (§2.4)`, () => {
    const expectPost = expectAt('');
    const submit = () => subject().updateFlow(TESTING_FLOW_ID);

    it('sends the body as JSON with exactly Content-Type application/json, credentials and the flow id', () => {
      record(submit());
      const req = expectPost();
      expect(req.request.method).toBe('POST');
      expect(req.request.urlWithParams).toBe(`${base()}?flow=${TESTING_FLOW_ID}`);
      expect(req.request.headers.get('Content-Type')).toBe('application/json');
      expect(req.request.headers.get('Accept')).toBe('application/json');
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.body).toEqual(PASSWORD_BODY);
      expect(req.request.serializeBody()).toBe(JSON.stringify(PASSWORD_BODY));
      req.flush(subject().flow());
    });

    it('§1.2: in a browser, the refusal of an api flow’s submit (Origin header) is a typed error, not a result', () => {
      const rec = record(subject().updateFlow(TESTING_FLOW_ID, { sessionToken: 'ory_st_abc' }));
      const req = expectPost();
      expect(req.request.withCredentials).toBeFalse();
      expect(req.request.headers.get('X-Session-Token')).toBe('ory_st_abc');
      req.flush(fx.apiFlowRefusedFromBrowser(), { status: 400, statusText: 'Bad Request' });
      const error = rec.kratosError();
      expect(error.kind).toBe('bad_request');
      expect(error.message).toMatch(/api \(native\) flow from a browser/);
      expect(error.reason).toBe(fx.ORIGIN_REFUSAL);
    });

    for (const row of SUBMIT_ROWS) {
      it(row.row, () => expectKratosError(submit(), expectPost, row));
    }

    it('row 5: keeps the 410 body (expired_at, since) for callers that want it', () => {
      const rec = record(submit());
      expectPost().flush(EXPIRED_POST, { status: 410, statusText: 'Gone' });
      expect(rec.kratosError().body).toEqual(EXPIRED_POST);
      expect(rec.kratosError().reason).toBe(EXPIRED_POST.error.reason);
    });

    it('a 200 whose body is not a flow → malformed_response, naming what was expected', () => {
      const rec = record(submit());
      expectPost().flush({ id: 'x' });
      const error = rec.kratosError();
      expect(error.kind).toBe('malformed_response');
      expect(error.message).toMatch(/ is not an? [a-z]+ flow: /);
    });
  });
}
