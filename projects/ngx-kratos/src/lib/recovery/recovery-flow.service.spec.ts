/*
 * RecoveryFlowService against the rows of docs/kratos-protocol.md §11.2–11.5 that a JSON client sees: each spec
 * flushes Kratos v1.3.1's status and body and asserts the outcome (a flow, a result by the flow's state, or a typed
 * KratosError), with `feature_flags.use_continue_with_transitions` off (v1.3.1's default) and on.
 */
import { TestBed } from '@angular/core/testing';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  recoveryFlow,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { expectKratosError } from '../../testing/flow-protocol';
import { Harness, kratosHeaders, record, setUpKratos } from '../../testing/harness';
import * as cx from '../../testing/code-flow-fixtures';
import * as fx from '../../testing/kratos-fixtures';
import { KratosError } from '../errors/kratos-error';
import { RecoveryFlowService } from './recovery-flow.service';

describe('RecoveryFlowService', () => {
  let h: Harness;
  let recovery: RecoveryFlowService;
  beforeEach(() => {
    h = setUpKratos();
    recovery = TestBed.inject(RecoveryFlowService);
  });
  afterEach(() => h.http.verify());

  const at = (path: string) => () =>
    h.http.expectOne((r) => r.url === `${KRATOS_TESTING_BASE_URL}/self-service/recovery${path}`);
  const flushTo = (path: string, status: number, body: unknown) =>
    at(path)().flush(body as object, { status, statusText: String(status), headers: kratosHeaders(body) });
  const submit = (
    body: Parameters<RecoveryFlowService['updateFlow']>[1] = {
      method: 'code',
      code: '123456',
      csrf_token: TESTING_CSRF_TOKEN,
    },
  ) => record(recovery.updateFlow(TESTING_FLOW_ID, body));

  describe('createBrowserFlow / createNativeFlow (§11.2)', () => {
    it('row 4: a browser flow, with return_to and credentials, Accept: application/json', () => {
      const rec = record(recovery.createBrowserFlow({ returnTo: `${fx.APP_UI}/account` }));
      const req = at('/browser')();
      expect(req.request.params.get('return_to')).toBe(`${fx.APP_UI}/account`);
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.headers.get('Accept')).toBe('application/json');
      const flow = recoveryFlow();
      req.flush(flow);
      expect(rec.values).toEqual([flow]);
    });

    it('row 4 (api): a native flow without cookies (its csrf_token node is empty)', () => {
      const rec = record(recovery.createNativeFlow());
      const req = at('/api')();
      expect(req.request.withCredentials).toBeFalse();
      req.flush(recoveryFlow({ type: 'api' }));
      expect(rec.values[0].type).toBe('api');
    });

    it('row 1: a signed-in user → session_already_available', () =>
      expectKratosError(recovery.createBrowserFlow(), at('/browser'), {
        row: 'row 1',
        status: 400,
        statusText: 'Bad Request',
        body: kratosErrorBody('session_already_available', { flow: 'recovery', endpoint: 'create' }).body,
        kind: 'session_already_available',
        id: 'session_already_available',
      }));

    it('row 2: recovery disabled → 400 without id: bad_request with the reason', () => {
      const rec = record(recovery.createBrowserFlow());
      flushTo('/browser', 400, cx.RECOVERY_DISABLED);
      const error = rec.kratosError();
      expect(error.kind).toBe('bad_request');
      expect(error.id).toBeUndefined();
      expect(error.reason).toBe('Recovery is not allowed because it was disabled.');
    });

    it('row 3: return_to refused', () =>
      expectKratosError(recovery.createBrowserFlow({ returnTo: 'https://elsewhere.example/' }), at('/browser'), {
        row: 'row 3',
        status: 400,
        statusText: 'Bad Request',
        body: kratosErrorBody('self_service_flow_return_to_forbidden', { flow: 'recovery', endpoint: 'create' }).body,
        kind: 'self_service_flow_return_to_forbidden',
        id: 'self_service_flow_return_to_forbidden',
      }));
  });

  describe('getFlow (§11.3)', () => {
    it('row 6: the flow', () => {
      const rec = record(recovery.getFlow(TESTING_FLOW_ID));
      const req = at('/flows')();
      expect(req.request.params.get('id')).toBe(TESTING_FLOW_ID);
      req.flush(cx.sentRecoveryFlow());
      expect(rec.values[0].state).toBe('sent_email');
    });

    const rows: [string, number, object, string, string | undefined][] = [
      ['row 1: disabled → 400 without id', 400, cx.RECOVERY_DISABLED, 'bad_request', undefined],
      [
        'row 2: unknown id (a settings flow id) → 404',
        404,
        kratosErrorBody('not_found', { flow: 'recovery', endpoint: 'get' }).body,
        'not_found',
        undefined,
      ],
      [
        'row 3: the CSRF cookie does not match → 403',
        403,
        kratosErrorBody('security_csrf_violation', { flow: 'recovery', endpoint: 'get' }).body,
        'security_csrf_violation',
        'security_csrf_violation',
      ],
      [
        'row 4: expired browser flow → 410 without id',
        410,
        kratosErrorBody('self_service_flow_expired', { flow: 'recovery', endpoint: 'get' }).body,
        'self_service_flow_expired',
        undefined,
      ],
    ];
    for (const [row, status, body, kind, id] of rows) {
      it(row, () =>
        expectKratosError(recovery.getFlow(TESTING_FLOW_ID), at('/flows'), {
          row,
          status,
          statusText: String(status),
          body,
          kind: kind as never,
          id,
        }),
      );
    }

    it('row 4: the expired flow’s details keep redirect_to and return_to, and name no replacement', () => {
      const rec = record(recovery.getFlow(TESTING_FLOW_ID));
      flushTo(
        '/flows',
        410,
        kratosErrorBody(
          'self_service_flow_expired',
          { flow: 'recovery', endpoint: 'get' },
          { returnTo: `${fx.APP_UI}/account` },
        ).body,
      );
      const error = rec.kratosError();
      // v1.3.1 puts the flow's return_to into redirect_to's query too (GetFlowExpiredRedirectURL, §11.3 row 4).
      expect(error.details).toEqual({
        redirect_to: `${KRATOS_TESTING_BASE_URL}/self-service/recovery/browser?return_to=${encodeURIComponent(`${fx.APP_UI}/account`)}`,
        return_to: `${fx.APP_UI}/account`,
      });
      expect(error.useFlowId).toBeUndefined();
    });
  });

  describe('updateFlow (§11.4, §11.6)', () => {
    it('sends the body as JSON to ?flow=<id>, with credentials', () => {
      submit({ method: 'code', email: cx.EMAIL, csrf_token: TESTING_CSRF_TOKEN });
      const req = h.http.expectOne(`${KRATOS_TESTING_BASE_URL}/self-service/recovery?flow=${TESTING_FLOW_ID}`);
      expect(req.request.method).toBe('POST');
      expect(req.request.body).toEqual({ method: 'code', email: cx.EMAIL, csrf_token: TESTING_CSRF_TOKEN });
      expect(req.request.headers.get('Content-Type')).toBe('application/json');
      expect(req.request.withCredentials).toBeTrue();
      req.flush(cx.sentRecoveryFlow());
    });

    it('row 9: the email step → 200 sent_email with 1060003 → sent', () => {
      const rec = submit({ method: 'code', email: cx.EMAIL, csrf_token: TESTING_CSRF_TOKEN });
      flushTo('', 200, cx.sentRecoveryFlow());
      expect(rec.values[0].kind).toBe('sent');
    });

    it('row 9 (resend): the email step again on a sent_email flow → sent', () => {
      const rec = submit({ method: 'code', email: cx.EMAIL, csrf_token: TESTING_CSRF_TOKEN });
      flushTo('', 200, cx.sentRecoveryFlow());
      expect(rec.values.map((v) => v.kind)).toEqual(['sent']);
    });

    it('row 9: a missing email → 400 flow with 4000002 on the field → invalid', () => {
      const rec = submit({ method: 'code', email: '', csrf_token: TESTING_CSRF_TOKEN });
      const flow = recoveryFlow();
      flow.ui.nodes[1] = {
        ...flow.ui.nodes[1],
        messages: [{ id: 4000002, text: 'Property email is missing.', type: 'error' }],
      };
      flushTo('', 400, flow);
      expect(rec.values[0]).toEqual({ kind: 'invalid', flow });
    });

    it('row 8: method is not code → 400 flow with 4010005 → invalid', () => {
      const rec = submit();
      const flow = recoveryFlow({ active: 'default' });
      flow.ui.messages = [
        {
          id: 4010005,
          text: 'Could not find a strategy to recover your account with. Did you fill out the form correctly?',
          type: 'error',
        },
      ];
      flushTo('', 400, flow);
      expect(rec.values[0].kind).toBe('invalid');
    });

    it('row 11: a wrong code → 200 with the global 4060006, state unchanged → invalid (not sent)', () => {
      const rec = submit();
      flushTo('', 200, cx.invalidCodeRecoveryFlow());
      expect(rec.values[0].kind).toBe('invalid');
      expect(rec.values[0].flow.state).toBe('sent_email');
    });

    it('row 11: a wrong code on a passed flow → invalid', () => {
      const rec = submit();
      flushTo('', 200, { ...cx.passedRecoveryFlow(), ui: { ...cx.invalidCodeRecoveryFlow().ui } });
      expect(rec.values[0].kind).toBe('invalid');
    });

    it('§11.5 flag on (browser): 200 passed_challenge → passed with continue_with [show_settings_ui]', () => {
      const rec = submit();
      const flow = cx.passedRecoveryFlow();
      flushTo('', 200, flow);
      expect(rec.values[0]).toEqual({ kind: 'passed', flow, continueWith: flow.continue_with! });
    });

    it('§11.5 flag on (api): the session token first, then show_settings_ui', () => {
      const rec = submit();
      flushTo('', 200, cx.passedRecoveryFlow(true));
      const result = rec.values[0];
      expect(result.kind).toBe('passed');
      expect(result.kind === 'passed' && result.continueWith.map((item) => item.action)).toEqual([
        'set_ory_session_token',
        'show_settings_ui',
      ]);
    });

    it('§11.5 flag off: the 422 to the settings UI → browser_location_change_required with redirectBrowserTo', () =>
      expectKratosError(
        recovery.updateFlow(TESTING_FLOW_ID, { code: '123456', csrf_token: TESTING_CSRF_TOKEN }),
        at(''),
        {
          row: '§11.5',
          status: 422,
          statusText: 'Unprocessable Entity',
          body: cx.RECOVERED_LOCATION_CHANGE,
          kind: 'browser_location_change_required',
          id: 'browser_location_change_required',
          redirectBrowserTo: `${fx.APP_UI}/settings?flow=${cx.SETTINGS_FLOW_ID}`,
        },
      ));

    it('rows 3, 10, 12 flag off: the 303 to …/flows?id=<new>, followed → a flow of another id → replaced', () => {
      const rec = submit();
      const fresh = recoveryFlow({ id: TESTING_NEW_FLOW_ID });
      fresh.ui.messages = [cx.RECOVERY_EXPIRED];
      // HttpClient sees the followed GET's answer: the new flow, 200 (docs/kratos-protocol.md §11.1).
      flushTo('', 200, fresh);
      expect(rec.values[0]).toEqual({ kind: 'replaced', flow: fresh });
    });

    it('a replacement is replaced even when its message is an error (not invalid)', () => {
      const rec = submit();
      flushTo('', 200, { ...cx.invalidCodeRecoveryFlow(), id: TESTING_NEW_FLOW_ID });
      expect(rec.values[0].kind).toBe('replaced');
    });

    it('row 10 flag on: 400 with details.continue_with [show_recovery_ui] → bad_request naming the new flow', () => {
      const rec = submit();
      flushTo('', 400, cx.recoveryTooOftenFlagOn(TESTING_NEW_FLOW_ID));
      const error = rec.kratosError();
      expect(error.kind).toBe('bad_request');
      expect(error.useFlowId).toBe(TESTING_NEW_FLOW_ID);
    });

    it('row 13 flag on: 410 self_service_flow_expired with details.continue_with → useFlowId from it', () => {
      const rec = submit();
      flushTo('', 410, cx.recoveryCodeExpiredFlagOn(TESTING_NEW_FLOW_ID));
      const error = rec.kratosError();
      expect(error.kind).toBe('self_service_flow_expired');
      expect(error.useFlowId).toBe(TESTING_NEW_FLOW_ID);
    });

    it('row 3 flag on (api flow): 410 with use_flow_id', () => {
      const rec = submit();
      flushTo('', 410, kratosErrorBody('self_service_flow_expired', { flow: 'recovery', endpoint: 'update' }).body);
      expect(rec.kratosError().useFlowId).toBe(TESTING_NEW_FLOW_ID);
    });

    it('row 5: CSRF → 403 security_csrf_violation (no flow)', () =>
      expectKratosError(recovery.updateFlow(TESTING_FLOW_ID, { method: 'code', email: cx.EMAIL }), at(''), {
        row: 'row 5',
        status: 403,
        statusText: 'Forbidden',
        body: kratosErrorBody('security_csrf_violation', { flow: 'recovery', endpoint: 'update' }).body,
        kind: 'security_csrf_violation',
        id: 'security_csrf_violation',
      }));

    it('row 2: an unknown flow → 404 not_found', () => {
      const rec = submit();
      flushTo('', 404, kratosErrorBody('not_found', { flow: 'recovery', endpoint: 'update' }).body);
      expect(rec.kratosError().kind).toBe('not_found');
    });

    it('row 7: a signed-in user → session_already_available', () => {
      const rec = submit();
      flushTo('', 400, kratosErrorBody('session_already_available', { flow: 'recovery', endpoint: 'update' }).body);
      expect(rec.kratosError().kind).toBe('session_already_available');
    });

    it('row 15 flag on: Kratos closes the connection without an answer → network', () => {
      const rec = submit({ method: 'code', email: cx.EMAIL, csrf_token: TESTING_CSRF_TOKEN });
      at('')().error(new ProgressEvent('error'), { status: 0, statusText: '' });
      expect(rec.kratosError().kind).toBe('network');
    });
  });

  describe('bad answers become KratosErrors with a kind, never a TypeError', () => {
    const bad: [string, number, string | object, string][] = [
      ['a proxy’s HTML page (502)', 502, '<html><body>Bad Gateway</body></html>', 'server_error'],
      ['an HTML page with 200', 200, '<!doctype html><p>login</p>', 'malformed_response'],
      ['an empty 200', 200, '', 'malformed_response'],
      ['JSON of another shape', 200, { id: 42, ui: null }, 'malformed_response'],
      ['a flow whose nodes are not a list', 200, { ...cx.sentRecoveryFlow(), ui: { nodes: {} } }, 'malformed_response'],
    ];
    for (const [name, status, body, kind] of bad) {
      it(`submit: ${name} → ${kind}`, () => {
        const rec = submit();
        at('')().flush(typeof body === 'string' ? body : JSON.stringify(body), { status, statusText: String(status) });
        expect(rec.error).toBeInstanceOf(KratosError);
        expect((rec.error as KratosError).kind).toBe(kind as never);
      });
      it(`getFlow: ${name} → ${kind}`, () => {
        const rec = record(recovery.getFlow(TESTING_FLOW_ID));
        at('/flows')().flush(typeof body === 'string' ? body : JSON.stringify(body), {
          status,
          statusText: String(status),
        });
        expect((rec.error as KratosError).kind).toBe(kind as never);
      });
    }
  });
});
