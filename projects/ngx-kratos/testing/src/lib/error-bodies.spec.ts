import { KRATOS_TESTING_BASE_URL } from './builders';
import { kratosErrorBody } from './error-bodies';

describe('ngx-kratos/testing kratosErrorBody', () => {
  describe("an expired browser flow's GET 410 and its return_to (docs/kratos-protocol.md §2.3 row 5, §7.3 row 3)", () => {
    it('without one: return_to empty, redirect_to the bare init URL', () => {
      const { status, body } = kratosErrorBody('self_service_flow_expired', { endpoint: 'get' });
      expect(status).toBe(410);
      expect(body.error.details).toEqual({
        redirect_to: `${KRATOS_TESTING_BASE_URL}/self-service/settings/browser`,
        return_to: '',
      });
    });

    it("with returnTo: in details.return_to, and in redirect_to's query, encoded as Kratos encodes it", () => {
      const { body } = kratosErrorBody(
        'self_service_flow_expired',
        { flow: 'login', endpoint: 'get' },
        { returnTo: 'http://127.0.0.1:4200/account?tab=a b' },
      );
      expect(body.error.id).toBe('self_service_flow_expired');
      expect(body.error.details).toEqual({
        redirect_to: `${KRATOS_TESTING_BASE_URL}/self-service/login/browser?return_to=http%3A%2F%2F127.0.0.1%3A4200%2Faccount%3Ftab%3Da+b`,
        return_to: 'http://127.0.0.1:4200/account?tab=a b',
      });
    });

    it('leaves the api flow’s details and the other bodies as they were', () => {
      const api = kratosErrorBody('self_service_flow_expired', { endpoint: 'get', native: true }, { returnTo: '/x' });
      expect(api.body.error.details).toEqual({ api: `${KRATOS_TESTING_BASE_URL}/self-service/settings/api` });
      const submit = kratosErrorBody('self_service_flow_expired', { endpoint: 'update' }, { returnTo: '/x' });
      expect(submit.body.error.details).toBeUndefined();
    });
  });

  describe('as Kratos v1.3.1 words them', () => {
    const GONE = 'The requested resource is no longer available because it has expired or is otherwise invalid.';
    const MALFORMED = 'The request was malformed or contained invalid parameters';

    it("an expired browser recovery or verification GET: x.ErrGone's message, no id (recovery/handler.go:300)", () => {
      for (const flow of ['recovery', 'verification'] as const) {
        const { status, body } = kratosErrorBody('self_service_flow_expired', { flow, endpoint: 'get' });
        expect(status).toBe(410);
        expect(body.error.id).toBeUndefined();
        expect(body.error.message).toBe(GONE);
      }
    });

    it('an expired api recovery GET: the flow-expired error with details.api only (§11.3 row 5)', () => {
      const { status, body } = kratosErrorBody('self_service_flow_expired', {
        flow: 'recovery',
        endpoint: 'get',
        native: true,
      });
      expect(status).toBe(410);
      expect(body).toEqual({
        error: {
          id: 'self_service_flow_expired',
          code: 410,
          status: 'Gone',
          reason: 'The self-service flow expired 3.21 minutes ago, initialize a new one.',
          details: { api: `${KRATOS_TESTING_BASE_URL}/self-service/recovery/api` },
          message: 'self-service flow expired',
        },
      });
      const verification = kratosErrorBody('self_service_flow_expired', {
        flow: 'verification',
        endpoint: 'get',
        native: true,
      });
      expect(verification.body.error.id).toBeUndefined();
      expect(verification.body.error.message).toBe(GONE);
    });

    it("recovery's session_already_available keeps herodot's message (recovery/error.go:32)", () => {
      expect(kratosErrorBody('session_already_available', { flow: 'recovery', endpoint: 'create' }).body.error).toEqual(
        {
          id: 'session_already_available',
          code: 400,
          status: 'Bad Request',
          reason: 'A valid session was detected and thus recovery is not possible.',
          message: MALFORMED,
        },
      );
      expect(
        kratosErrorBody('session_already_available', { flow: 'login', endpoint: 'create' }).body.error.message,
      ).toBe('you are already logged in');
    });

    it('self_service_flow_disabled: named by registration only; recovery and verification are id-less 400s', () => {
      const registration = kratosErrorBody('self_service_flow_disabled', { flow: 'registration', endpoint: 'create' });
      expect(registration.body.error.id).toBe('self_service_flow_disabled');
      expect(registration.body.error.message).toBe('registration flow disabled');
      expect(kratosErrorBody('self_service_flow_disabled', { flow: 'recovery', endpoint: 'create' })).toEqual({
        status: 400,
        body: {
          error: {
            code: 400,
            status: 'Bad Request',
            reason: 'Recovery is not allowed because it was disabled.',
            message: MALFORMED,
          },
        },
      });
      const verification = kratosErrorBody('self_service_flow_disabled', { flow: 'verification', endpoint: 'get' });
      expect(verification.body.error.reason).toBe('Verification is not allowed because it was disabled.');
      expect(verification.body.error.id).toBeUndefined();
    });

    it("not_found on a login or registration submit is the GET's 404; the other submits word their own", () => {
      for (const flow of ['login', 'registration'] as const) {
        expect(kratosErrorBody('not_found', { flow, endpoint: 'update' }).body).toEqual({
          error: { code: 404, status: 'Not Found', message: 'Unable to locate the resource' },
        });
      }
      expect(kratosErrorBody('not_found', { flow: 'recovery', endpoint: 'update' }).body.error.reason).toBe(
        'The recovery request could not be found. Please restart the flow.',
      );
    });

    it('the CSRF 403 always carries the debug/csrf link and the "token not sent" hint (x/nosurf.go)', () => {
      const { status, body } = kratosErrorBody('security_csrf_violation', { flow: 'login', endpoint: 'update' });
      expect(status).toBe(403);
      expect(body.error.details).toEqual({
        docs: 'https://www.ory.sh/kratos/docs/debug/csrf',
        hint: 'The anti-CSRF cookie was found but the CSRF token was not included in the HTTP request body (csrf_token) nor in the HTTP Header (X-CSRF-Token).',
        reject_reason:
          'The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.',
      });
    });

    it("the error flow's unknown id and logout without a session (§13 row 3, §2.6)", () => {
      expect(kratosErrorBody('not_found', { endpoint: 'errors' })).toEqual({
        status: 404,
        body: { error: { code: 404, status: 'Not Found', message: 'Unable to locate the resource' } },
      });
      expect(kratosErrorBody('session_inactive', { endpoint: 'logout' }).body.error).toEqual({
        id: 'session_inactive',
        code: 401,
        status: 'Unauthorized',
        reason: 'No active session was found in this request.',
        message: 'request does not have a valid authentication session',
      });
      expect(kratosErrorBody('session_inactive', { endpoint: 'logout', native: true })).toEqual({
        status: 403,
        body: {
          error: {
            code: 403,
            status: 'Forbidden',
            reason: 'The provided Ory Session Token could not be found, is invalid, or otherwise malformed.',
            message: 'The requested action was forbidden',
          },
        },
      });
    });
  });
});
