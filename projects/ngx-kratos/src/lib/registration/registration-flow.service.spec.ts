/*
 * RegistrationFlowService against the rows of docs/kratos-protocol.md §8.1–8.4 that a JSON client sees: each spec
 * flushes Kratos v1.3.1's status and body and asserts the outcome.
 */
import { TestBed } from '@angular/core/testing';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  registrationFlow,
  session,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
} from 'ngx-kratos/testing';
import { expectKratosError } from '../../testing/flow-protocol';
import { Harness, kratosHeaders, record, setUpKratos } from '../../testing/harness';
import * as lx from '../../testing/login-fixtures';
import { RegistrationFlowService } from './registration-flow.service';

const SESSION_ALREADY_AVAILABLE = kratosErrorBody('session_already_available', {
  flow: 'registration',
  endpoint: 'update',
}).body;
const REGISTRATION_DISABLED = kratosErrorBody('self_service_flow_disabled', {
  flow: 'registration',
  endpoint: 'create',
}).body;

describe('RegistrationFlowService', () => {
  let h: Harness;
  let registration: RegistrationFlowService;
  beforeEach(() => {
    h = setUpKratos();
    registration = TestBed.inject(RegistrationFlowService);
  });
  afterEach(() => h.http.verify());

  const at = (path: string) => () =>
    h.http.expectOne((r) => r.url === `${KRATOS_TESTING_BASE_URL}/self-service/registration${path}`);
  const flushTo = (path: string, status: number, body: object) =>
    at(path)().flush(body, { status, statusText: String(status), headers: kratosHeaders(body) });
  const traits = { email: 'new@127.0.0.1' };

  describe('createBrowserFlow (§8.1)', () => {
    it('sends return_to, after_verification_return_to, login_challenge and organization', () => {
      record(
        registration.createBrowserFlow({
          returnTo: 'http://127.0.0.1:4200/welcome',
          afterVerificationReturnTo: 'http://127.0.0.1:4200/verified',
          loginChallenge: 'c1',
          organization: 'o1',
        }),
      );
      const req = at('/browser')();
      expect(req.request.params.get('return_to')).toBe('http://127.0.0.1:4200/welcome');
      expect(req.request.params.get('after_verification_return_to')).toBe('http://127.0.0.1:4200/verified');
      expect(req.request.params.get('login_challenge')).toBe('c1');
      expect(req.request.params.get('organization')).toBe('o1');
      req.flush(registrationFlow());
    });

    it('row 5: 200 → the flow', () => {
      const rec = record(registration.createBrowserFlow());
      at('/browser')().flush(registrationFlow());
      expect(rec.values[0].id).toBe(TESTING_FLOW_ID);
    });

    it('row 1: registration switched off → 400 self_service_flow_disabled', () =>
      expectKratosError(registration.createBrowserFlow(), at('/browser'), {
        row: 'row 1',
        status: 400,
        statusText: 'Bad Request',
        body: REGISTRATION_DISABLED,
        kind: 'self_service_flow_disabled',
        id: 'self_service_flow_disabled',
      }));

    it('row 4: signed in already → 400 session_already_available', () =>
      expectKratosError(registration.createBrowserFlow(), at('/browser'), {
        row: 'row 4',
        status: 400,
        statusText: 'Bad Request',
        body: SESSION_ALREADY_AVAILABLE,
        kind: 'session_already_available',
        id: 'session_already_available',
      }));
  });

  it('createNativeFlow (§8.2): the exchange code asked for as exactly "true", no cookies', () => {
    record(registration.createNativeFlow({ returnSessionTokenExchangeCode: true }));
    const req = at('/api')();
    expect(req.request.params.get('return_session_token_exchange_code')).toBe('true');
    expect(req.request.withCredentials).toBeFalse();
    req.flush(registrationFlow({ type: 'api', session_token_exchange_code: 'init' }));
  });

  it('getFlow (§8.3 row 4): expired → 410 self_service_flow_expired', () =>
    expectKratosError(registration.getFlow(TESTING_FLOW_ID), at('/flows'), {
      row: 'row 4',
      status: 410,
      statusText: 'Gone',
      body: kratosErrorBody('self_service_flow_expired', { flow: 'registration', endpoint: 'get' }).body,
      kind: 'self_service_flow_expired',
      id: 'self_service_flow_expired',
    }));

  describe('updateFlow (§8.4)', () => {
    it('row 8: two-step, the traits → 400 with the credential screen (info 1040009) → next', () => {
      const rec = record(
        registration.updateFlow(TESTING_FLOW_ID, { method: 'profile', traits, csrf_token: TESTING_CSRF_TOKEN }),
      );
      const flow = lx.credentialScreen();
      flushTo('', 400, flow);
      expect(rec.values).toEqual([{ kind: 'next', flow }]);
    });

    it('row 11: an address in use → 400 flow with 4000007 → invalid', () => {
      const rec = record(registration.updateFlow(TESTING_FLOW_ID, { method: 'password', traits, password: 'pw' }));
      const flow = registrationFlow();
      const taken = {
        ...flow,
        ui: {
          ...flow.ui,
          messages: [
            {
              id: 4000007,
              text: 'An account with the same identifier (email, phone, username, ...) exists already.',
              type: 'error' as const,
            },
          ],
        },
      };
      flushTo('', 400, taken);
      expect(rec.values[0].kind).toBe('invalid');
    });

    it('row 10: a code sent → 400 flow in state sent_email with 1040005 → next', () => {
      const rec = record(registration.updateFlow(TESTING_FLOW_ID, { method: 'code', traits }));
      const flow = registrationFlow({ state: 'sent_email', active: 'code' });
      flushTo('', 400, {
        ...flow,
        ui: {
          ...flow.ui,
          messages: [{ id: 1040005, text: 'An email containing a code has been sent…', type: 'info' }],
        },
      });
      expect(rec.values[0].kind).toBe('next');
    });

    const successes: [string, 'api' | 'browser', boolean][] = [
      ['api with the session hook', 'api', true],
      ['browser JSON with the session hook', 'browser', true],
      ['api without it', 'api', false],
      ['browser JSON without it', 'browser', false],
    ];
    for (const [name, kind, withSession] of successes) {
      it(`row 12, ${name}: 200 → success with the identity, the session only with the hook, continueWith as sent`, () => {
        const rec = record(registration.updateFlow(TESTING_FLOW_ID, { method: 'password', traits, password: 'pw' }));
        const body = lx.registrationSuccess(kind, withSession) as { continue_with: unknown[] };
        flushTo('', 200, body);
        const [result] = rec.values;
        expect(result.kind).toBe('success');
        if (result.kind !== 'success') return;
        expect(result.identity.id).toBe(session().identity!.id);
        expect(result.session !== undefined).toBe(withSession);
        expect(result.sessionToken).toBe(kind === 'api' && withSession ? 'ory_st_new' : undefined);
        expect(result.continueWith).toEqual(body.continue_with as never);
      });
    }

    it('row 1: signed in already → 400 session_already_available envelope', () =>
      expectKratosError(
        registration.updateFlow(TESTING_FLOW_ID, { method: 'password', traits, password: 'pw' }),
        at(''),
        {
          row: 'row 1',
          status: 400,
          statusText: 'Bad Request',
          body: SESSION_ALREADY_AVAILABLE,
          kind: 'session_already_available',
          id: 'session_already_available',
        },
      ));
  });
});
