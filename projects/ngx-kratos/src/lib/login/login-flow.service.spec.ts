/*
 * LoginFlowService against the rows of docs/kratos-protocol.md §7.1–7.4 that a JSON client sees: each spec flushes
 * Kratos v1.3.1's status and body and asserts the outcome (a flow, a result, or a typed KratosError).
 */
import { TestBed } from '@angular/core/testing';
import { Observable } from 'rxjs';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  loginFlow,
  session,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { expectKratosError } from '../../testing/flow-protocol';
import { Harness, kratosHeaders, record, setUpKratos } from '../../testing/harness';
import * as lx from '../../testing/login-fixtures';
import { LoginFlowService } from './login-flow.service';
import { LoginUpdateResult } from './login-flow-options';

describe('LoginFlowService', () => {
  let h: Harness;
  let login: LoginFlowService;
  beforeEach(() => {
    h = setUpKratos();
    login = TestBed.inject(LoginFlowService);
  });
  afterEach(() => h.http.verify());

  const at = (path: string) => () =>
    h.http.expectOne((r) => r.url === `${KRATOS_TESTING_BASE_URL}/self-service/login${path}`);
  const flushTo = (path: string, status: number, body: object) =>
    at(path)().flush(body, { status, statusText: String(status), headers: kratosHeaders(body) });

  describe('createBrowserFlow: GET /self-service/login/browser (§7.1)', () => {
    it('sends refresh, aal, return_to, login_challenge and organization as Kratos names them, with credentials', () => {
      record(
        login.createBrowserFlow({
          refresh: true,
          aal: 'aal2',
          returnTo: 'http://127.0.0.1:4200/after',
          loginChallenge: 'c1',
          organization: 'o1',
        }),
      );
      const req = at('/browser')();
      expect(req.request.params.get('refresh')).toBe('true');
      expect(req.request.params.get('aal')).toBe('aal2');
      expect(req.request.params.get('return_to')).toBe('http://127.0.0.1:4200/after');
      expect(req.request.params.get('login_challenge')).toBe('c1');
      expect(req.request.params.get('organization')).toBe('o1');
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.headers.get('Accept')).toBe('application/json');
      req.flush(loginFlow());
    });

    it('leaves out what is not asked for (no refresh=false)', () => {
      record(login.createBrowserFlow({ refresh: false }));
      const req = at('/browser')();
      expect(req.request.urlWithParams).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/login/browser`);
      req.flush(loginFlow());
    });

    it('row 8: 200 → the flow', () => {
      const rec = record(login.createBrowserFlow());
      const flow = loginFlow();
      at('/browser')().flush(flow);
      expect(rec.values).toEqual([flow]);
    });

    it('row 6: a second factor → the aal2 flow with its info message', () => {
      const rec = record(login.createBrowserFlow({ aal: 'aal2' }));
      const flow = loginFlow({ requested_aal: 'aal2' });
      at('/browser')().flush(flow);
      expect(rec.values[0].requested_aal).toBe('aal2');
    });

    it('row 7: a refresh → the refresh flow', () => {
      const rec = record(login.createBrowserFlow({ refresh: true }));
      at('/browser')().flush(loginFlow({ refresh: true }));
      expect(rec.values[0].refresh).toBeTrue();
    });

    const rows: [string, number, object, string, string | undefined][] = [
      [
        'row 2: return_to not allowed',
        400,
        kratosErrorBody('self_service_flow_return_to_forbidden', { flow: 'login', endpoint: 'create' }).body,
        'self_service_flow_return_to_forbidden',
        'self_service_flow_return_to_forbidden',
      ],
      ['row 3: an aal it cannot parse → bad_request', 400, lx.AAL_UNPARSABLE, 'bad_request', undefined],
      [
        'row 4: aal2 without a session → 401 session_aal1_required',
        401,
        kratosErrorBody('session_aal1_required', { flow: 'login', endpoint: 'create' }).body,
        'session_aal1_required',
        'session_aal1_required',
      ],
      [
        'row 5: signed in already → 400 session_already_available',
        400,
        kratosErrorBody('session_already_available', { flow: 'login', endpoint: 'create' }).body,
        'session_already_available',
        'session_already_available',
      ],
    ];
    for (const [row, status, body, kind, id] of rows) {
      it(row, () =>
        expectKratosError(login.createBrowserFlow(), at('/browser'), {
          row,
          status,
          statusText: String(status),
          body,
          kind: kind as never,
          id,
        }),
      );
    }
  });

  describe('createNativeFlow: GET /self-service/login/api (§7.2)', () => {
    it('asks for the session token exchange code and sends no cookies; a token goes as X-Session-Token', () => {
      record(login.createNativeFlow({ returnSessionTokenExchangeCode: true, refresh: true, sessionToken: 'ory_st_1' }));
      const req = at('/api')();
      expect(req.request.params.get('return_session_token_exchange_code')).toBe('true');
      expect(req.request.params.get('refresh')).toBe('true');
      expect(req.request.headers.get('X-Session-Token')).toBe('ory_st_1');
      expect(req.request.withCredentials).toBeFalse();
      req.flush(loginFlow({ type: 'api', session_token_exchange_code: 'init-code' }));
    });

    it('row 3: signed in already → session_already_available', () =>
      expectKratosError(login.createNativeFlow({ sessionToken: 't' }), at('/api'), {
        row: 'row 3',
        status: 400,
        statusText: 'Bad Request',
        body: kratosErrorBody('session_already_available', { flow: 'login', endpoint: 'create', native: true }).body,
        kind: 'session_already_available',
        id: 'session_already_available',
      }));
  });

  describe('getFlow: GET /self-service/login/flows?id= (§7.3)', () => {
    it('row 5: 200 → the flow', () => {
      const rec = record(login.getFlow(TESTING_FLOW_ID));
      at('/flows')().flush(lx.codeSentLoginFlow());
      expect(rec.values[0].state).toBe('sent_email');
    });

    it('row 1: 404 → not_found', () =>
      expectKratosError(login.getFlow(TESTING_FLOW_ID), at('/flows'), {
        row: 'row 1',
        status: 404,
        statusText: 'Not Found',
        body: kratosErrorBody('not_found', { flow: 'login', endpoint: 'get' }).body,
        kind: 'not_found',
      }));

    it("row 2: another browser's flow → 403 security_csrf_violation", () =>
      expectKratosError(login.getFlow(TESTING_FLOW_ID), at('/flows'), {
        row: 'row 2',
        status: 403,
        statusText: 'Forbidden',
        body: kratosErrorBody('security_csrf_violation', { flow: 'login', endpoint: 'get' }).body,
        kind: 'security_csrf_violation',
        id: 'security_csrf_violation',
      }));

    it('row 3: expired → 410 self_service_flow_expired, with the id and details.redirect_to (no use_flow_id)', () =>
      expectKratosError(login.getFlow(TESTING_FLOW_ID), at('/flows'), {
        row: 'row 3',
        status: 410,
        statusText: 'Gone',
        body: kratosErrorBody('self_service_flow_expired', { flow: 'login', endpoint: 'get' }).body,
        kind: 'self_service_flow_expired',
        id: 'self_service_flow_expired',
        details:
          kratosErrorBody('self_service_flow_expired', { flow: 'login', endpoint: 'get' }).body.error.details ??
          undefined,
      }));
  });

  describe('updateFlow: POST /self-service/login?flow= (§7.4)', () => {
    const password = {
      method: 'password',
      identifier: 'ada@127.0.0.1',
      password: 'pw',
      csrf_token: TESTING_CSRF_TOKEN,
    } as const;
    const submit = (options = {}): Observable<LoginUpdateResult> =>
      login.updateFlow(TESTING_FLOW_ID, password, options);

    it('sends the body as JSON, with credentials and the flow id', () => {
      record(submit());
      const req = at('')();
      expect(req.request.urlWithParams).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/login?flow=${TESTING_FLOW_ID}`);
      expect(req.request.headers.get('Content-Type')).toBe('application/json');
      expect(req.request.body).toEqual(password);
      req.flush(lx.browserLoginSuccess());
    });

    it('row 12 (browser JSON): 200 { session, continue_with } → success with the redirect in continueWith', () => {
      const rec = record(submit());
      flushTo('', 200, lx.browserLoginSuccess('http://127.0.0.1:4200/after'));
      const [result] = rec.values;
      expect(result.kind).toBe('success');
      if (result.kind !== 'success') return;
      expect(result.session.id).toBe(session().id);
      expect(result.sessionToken).toBeUndefined();
      expect(result.continueWith).toEqual([
        { action: 'redirect_browser_to', redirect_browser_to: 'http://127.0.0.1:4200/after' },
      ]);
    });

    it('row 12 (api): 200 { session_token, session, continue_with: null } → success with the token, continueWith []', () => {
      const rec = record(login.updateFlow(TESTING_FLOW_ID, password, { sessionToken: 'ory_st_old' }));
      flushTo('', 200, lx.apiLoginSuccess());
      const [result] = rec.values;
      expect(result).toEqual({
        kind: 'success',
        session: session(),
        sessionToken: 'ory_st_login',
        continueWith: [],
      });
    });

    it('row 12 for an identity that needs its second factor (browser JSON): 422 → browser_location_change_required to the AAL2 login', () => {
      const aal2 = `${KRATOS_TESTING_BASE_URL}/self-service/login/browser?aal=aal2&return_to=http%3A%2F%2F127.0.0.1%3A4200%2Fafter`;
      expectKratosError(submit(), at(''), {
        row: 'row 12, AAL2',
        status: 422,
        statusText: 'Unprocessable Entity',
        body: kratosErrorBody(
          'browser_location_change_required',
          { flow: 'login', endpoint: 'update' },
          { redirectBrowserTo: aal2 },
        ).body,
        kind: 'browser_location_change_required',
        id: 'browser_location_change_required',
        redirectBrowserTo: aal2,
      });
    });

    it('row 9: wrong credentials → 400 flow with 4000006 → invalid', () => {
      const rec = record(submit());
      const flow = lx.invalidLoginFlow();
      flushTo('', 400, flow);
      expect(rec.error).toBeUndefined();
      expect(rec.values).toEqual([{ kind: 'invalid', flow }]);
    });

    it('row 7: a missing identifier → 400 flow with 4000002 on the node → invalid', () => {
      const rec = record(submit());
      const flow = lx.withMessage(
        loginFlow(),
        { id: 4000002, text: 'Property identifier is missing.', type: 'error' },
        'identifier',
      );
      flushTo('', 400, flow);
      expect(rec.values[0].kind).toBe('invalid');
    });

    it('row 6: no strategy claims the body → 400 flow with 4010002 → invalid', () => {
      const rec = record(submit());
      const message = {
        id: 4010002,
        text: 'Could not find a strategy to log you in with. Did you fill out the form correctly?',
        type: 'error',
      } as const;
      flushTo('', 400, lx.withMessage(loginFlow(), message));
      expect(rec.values[0].kind).toBe('invalid');
    });

    it('row 10: a code was sent → 400 flow in state sent_email with info 1010014 → next, not invalid', () => {
      const rec = record(
        login.updateFlow(TESTING_FLOW_ID, {
          method: 'code',
          identifier: 'ada@127.0.0.1',
          csrf_token: TESTING_CSRF_TOKEN,
        }),
      );
      const flow = lx.codeSentLoginFlow();
      flushTo('', 400, flow);
      expect(rec.values).toEqual([{ kind: 'next', flow }]);
    });

    it("row 10: identifier-first's first step → 400 flow with the account's methods → next", () => {
      const rec = record(
        login.updateFlow(TESTING_FLOW_ID, { method: 'identifier_first', identifier: 'ada@127.0.0.1' }),
      );
      const flow = loginFlow({ active: 'identifier_first' });
      flushTo('', 400, flow);
      expect(rec.values[0].kind).toBe('next');
    });

    it('row 3: a signed-in submit → 400 flow with the session_already_available reason as 4000001 → invalid', () => {
      const rec = record(submit());
      const message = {
        id: 4000001,
        text: 'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
        type: 'error',
      } as const;
      flushTo('', 400, lx.withMessage(loginFlow(), message));
      expect(rec.values[0].kind).toBe('invalid');
    });

    it('row 11: a provider → 422 browser_location_change_required to it; an unknown one → 404 not_found', () => {
      expectKratosError(login.updateFlow(TESTING_FLOW_ID, { method: 'oidc', provider: 'demo' }), at(''), {
        row: 'row 11',
        status: 422,
        statusText: 'Unprocessable Entity',
        body: kratosErrorBody(
          'browser_location_change_required',
          { flow: 'login', endpoint: 'update' },
          { redirectBrowserTo: lx.PROVIDER_AUTHORIZE },
        ).body,
        kind: 'browser_location_change_required',
        id: 'browser_location_change_required',
        redirectBrowserTo: lx.PROVIDER_AUTHORIZE,
      });
      expectKratosError(login.updateFlow(TESTING_FLOW_ID, { method: 'oidc', provider: 'nope' }), at(''), {
        row: 'row 11, unknown',
        status: 404,
        statusText: 'Not Found',
        body: lx.UNKNOWN_PROVIDER,
        kind: 'not_found',
      });
    });

    const errorRows: [string, number, object, string, string | undefined, string | undefined][] = [
      [
        'row 1: flow missing or malformed → bad_request',
        400,
        kratosErrorBody('bad_request', { flow: 'login', endpoint: 'update' }).body,
        'bad_request',
        undefined,
        undefined,
      ],
      // v1.3.1 answers an unknown login flow's submit with the GET's 404 (no reason), unlike settings' (§7.4 row 2).
      [
        'row 2: not found → not_found',
        404,
        kratosErrorBody('not_found', { flow: 'login', endpoint: 'get' }).body,
        'not_found',
        undefined,
        undefined,
      ],
      [
        'row 4: aal2 flow without a session → session_aal1_required',
        401,
        kratosErrorBody('session_aal1_required', { flow: 'login', endpoint: 'update' }).body,
        'session_aal1_required',
        'session_aal1_required',
        undefined,
      ],
      [
        'row 5: expired → 410 with use_flow_id',
        410,
        kratosErrorBody('self_service_flow_expired', { flow: 'login', endpoint: 'update' }).body,
        'self_service_flow_expired',
        'self_service_flow_expired',
        TESTING_NEW_FLOW_ID,
      ],
      [
        'row 8: CSRF → 403 security_csrf_violation',
        403,
        kratosErrorBody('security_csrf_violation', { flow: 'login', endpoint: 'update' }).body,
        'security_csrf_violation',
        'security_csrf_violation',
        undefined,
      ],
    ];
    for (const [row, status, body, kind, id, useFlowId] of errorRows) {
      it(row, () =>
        expectKratosError(submit(), at(''), {
          row,
          status,
          statusText: String(status),
          body,
          kind: kind as never,
          id,
          useFlowId,
        }),
      );
    }

    it('a 200 that is neither a session nor a flow → malformed_response, naming a login flow', () => {
      const rec = record(submit());
      flushTo('', 200, { session: {} });
      expect(rec.kratosError().kind).toBe('malformed_response');
      expect(rec.kratosError().message).toContain('is not a login flow');
    });
  });
});
