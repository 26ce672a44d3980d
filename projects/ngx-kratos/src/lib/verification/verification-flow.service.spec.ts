/*
 * VerificationFlowService against the rows of docs/kratos-protocol.md §12.2–12.5 that a JSON client sees: Kratos
 * v1.3.1's statuses and bodies, each asserted as a result by the flow's state or a typed KratosError.
 */
import { TestBed } from '@angular/core/testing';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
  verificationFlow,
} from 'ngx-kratos/testing';
import { expectKratosError } from '../../testing/flow-protocol';
import { Harness, kratosHeaders, record, setUpKratos } from '../../testing/harness';
import * as cx from '../../testing/code-flow-fixtures';
import * as fx from '../../testing/kratos-fixtures';
import { VerificationFlowService } from './verification-flow.service';

describe('VerificationFlowService', () => {
  let h: Harness;
  let verification: VerificationFlowService;
  beforeEach(() => {
    h = setUpKratos();
    verification = TestBed.inject(VerificationFlowService);
  });
  afterEach(() => h.http.verify());

  const at = (path: string) => () =>
    h.http.expectOne((r) => r.url === `${KRATOS_TESTING_BASE_URL}/self-service/verification${path}`);
  const flushTo = (path: string, status: number, body: unknown) =>
    at(path)().flush(body as object, { status, statusText: String(status), headers: kratosHeaders(body) });
  const submitCode = () =>
    record(verification.updateFlow(TESTING_FLOW_ID, { code: '123456', csrf_token: TESTING_CSRF_TOKEN }));

  it('§12.2: a browser flow (email, submit, then csrf_token); an api flow without credentials', () => {
    const browser = record(verification.createBrowserFlow({ returnTo: `${fx.APP_UI}/account` }));
    const req = at('/browser')();
    expect(req.request.params.get('return_to')).toBe(`${fx.APP_UI}/account`);
    req.flush(verificationFlow());
    expect(browser.values[0].state).toBe('choose_method');
    const api = record(verification.createNativeFlow());
    const apiReq = at('/api')();
    expect(apiReq.request.withCredentials).toBeFalse();
    apiReq.flush(verificationFlow({ type: 'api' }));
    expect(api.values[0].type).toBe('api');
  });

  it('§12.2: disabled → 400 without id: bad_request', () => {
    const rec = record(verification.createBrowserFlow());
    flushTo('/browser', 400, cx.VERIFICATION_DISABLED);
    expect(rec.kratosError().kind).toBe('bad_request');
    expect(rec.kratosError().reason).toBe('Verification is not allowed because it was disabled.');
  });

  const getRows: [string, number, object, string, string | undefined][] = [
    [
      '§12.3: unknown id → 404',
      404,
      kratosErrorBody('not_found', { flow: 'verification', endpoint: 'get' }).body,
      'not_found',
      undefined,
    ],
    [
      '§12.3: the CSRF cookie does not match → 403',
      403,
      kratosErrorBody('security_csrf_violation', { flow: 'verification', endpoint: 'get' }).body,
      'security_csrf_violation',
      'security_csrf_violation',
    ],
    [
      '§12.3: expired browser flow → 410 without id',
      410,
      kratosErrorBody('self_service_flow_expired', { flow: 'verification', endpoint: 'get' }).body,
      'self_service_flow_expired',
      undefined,
    ],
    ['§12.3: disabled → 400', 400, cx.VERIFICATION_DISABLED, 'bad_request', undefined],
  ];
  for (const [row, status, body, kind, id] of getRows) {
    it(row, () =>
      expectKratosError(verification.getFlow(TESTING_FLOW_ID), at('/flows'), {
        row,
        status,
        statusText: String(status),
        body,
        kind: kind as never,
        id,
      }),
    );
  }

  it('§12.3: a flow with its code pre-filled by the mail’s link (row 6) reads as it is', () => {
    const rec = record(verification.getFlow(TESTING_FLOW_ID));
    flushTo('/flows', 200, cx.sentVerificationFlow({ code: '123456' }));
    expect(rec.values[0].ui.nodes.find((n) => n.attributes.node_type === 'input' && n.attributes.name === 'code'))
      .withContext('code node')
      .toBeDefined();
  });

  it('§12.4 row 14: the email step → 200 sent_email with 1080003 → sent', () => {
    const rec = record(
      verification.updateFlow(TESTING_FLOW_ID, { method: 'code', email: cx.EMAIL, csrf_token: TESTING_CSRF_TOKEN }),
    );
    const req = at('')();
    expect(req.request.body).toEqual({ method: 'code', email: cx.EMAIL, csrf_token: TESTING_CSRF_TOKEN });
    req.flush(cx.sentVerificationFlow());
    expect(rec.values[0].kind).toBe('sent');
  });

  it('§12.4 row 9: a wrong code → 200 with the global 4070006 → invalid', () => {
    const rec = submitCode();
    flushTo('', 200, cx.sentVerificationFlow({ messages: [cx.INVALID_VERIFICATION_CODE] }));
    expect(rec.values[0].kind).toBe('invalid');
  });

  it('§12.4 row 12: no code, no email → 400 flow with 4000002 on email → invalid', () => {
    const rec = record(verification.updateFlow(TESTING_FLOW_ID, { method: 'code', email: '' }));
    const flow = verificationFlow();
    flow.ui.nodes[0] = {
      ...flow.ui.nodes[0],
      messages: [{ id: 4000002, text: 'Property email is missing.', type: 'error' }],
    };
    flushTo('', 400, flow);
    expect(rec.values[0].kind).toBe('invalid');
  });

  it('§12.4 row 4: no method → 400 flow with 4010006 → invalid', () => {
    const rec = submitCode();
    const flow = verificationFlow({ active: 'default' });
    flow.ui.messages = [
      {
        id: 4010006,
        text: 'Could not find a strategy to verify your account with. Did you fill out the form correctly?',
        type: 'error',
      },
    ];
    flushTo('', 400, flow);
    expect(rec.values[0].kind).toBe('invalid');
  });

  it('§12.5: the right code → 200 passed_challenge with 1080002 → passed, continueWith []', () => {
    const rec = submitCode();
    const flow = cx.passedVerificationFlow();
    flushTo('', 200, flow);
    expect(rec.values[0]).toEqual({ kind: 'passed', flow, continueWith: [] });
  });

  it('§12.4 row 5: a passed flow again → 410 self_service_flow_replaced with use_flow_id (no flow in the body)', () =>
    expectKratosError(verification.updateFlow(TESTING_FLOW_ID, { code: '123456' }), at(''), {
      row: 'row 5',
      status: 410,
      statusText: 'Gone',
      body: kratosErrorBody(
        'self_service_flow_replaced',
        { flow: 'verification', endpoint: 'update' },
        { useFlowId: TESTING_NEW_FLOW_ID },
      ).body,
      kind: 'self_service_flow_replaced',
      id: 'self_service_flow_replaced',
      useFlowId: TESTING_NEW_FLOW_ID,
    }));

  it('§12.4 row 10: the code expired → 410 self_service_flow_expired with use_flow_id', () =>
    expectKratosError(verification.updateFlow(TESTING_FLOW_ID, { code: '123456' }), at(''), {
      row: 'row 10',
      status: 410,
      statusText: 'Gone',
      body: kratosErrorBody(
        'self_service_flow_expired',
        { flow: 'verification', endpoint: 'update' },
        { useFlowId: TESTING_NEW_FLOW_ID },
      ).body,
      kind: 'self_service_flow_expired',
      id: 'self_service_flow_expired',
      useFlowId: TESTING_NEW_FLOW_ID,
    }));

  it('§12.4 row 2: an expired flow → the 303 to …/flows?id=<new>, followed → replaced', () => {
    const rec = submitCode();
    flushTo('', 200, verificationFlow({ id: TESTING_NEW_FLOW_ID }));
    expect(rec.values[0].kind).toBe('replaced');
    expect(rec.values[0].flow.id).toBe(TESTING_NEW_FLOW_ID);
  });

  it('§12.4 row 13: the email step with a bad CSRF token → 403 security_csrf_violation', () =>
    expectKratosError(verification.updateFlow(TESTING_FLOW_ID, { method: 'code', email: cx.EMAIL }), at(''), {
      row: 'row 13',
      status: 403,
      statusText: 'Forbidden',
      body: kratosErrorBody('security_csrf_violation', { flow: 'verification', endpoint: 'update' }).body,
      kind: 'security_csrf_violation',
      id: 'security_csrf_violation',
    }));

  it('§12.4 row 1: an unknown flow → 404 not_found', () => {
    const rec = submitCode();
    flushTo('', 404, kratosErrorBody('not_found', { flow: 'verification', endpoint: 'update' }).body);
    expect(rec.kratosError().kind).toBe('not_found');
  });

  it('an HTML page instead of JSON → malformed_response', () => {
    const rec = submitCode();
    at('')().flush('<html>proxy</html>', { status: 200, statusText: 'OK' });
    expect(rec.kratosError().kind).toBe('malformed_response');
  });
});
