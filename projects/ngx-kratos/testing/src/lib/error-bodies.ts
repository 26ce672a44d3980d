/*
 * Kratos v1.3.1's error bodies (herodot's envelope, docs/kratos-protocol.md §1.3), by kind and by endpoint: the same
 * kind is a different body on a flow's init, its GET and its submit (the id-less 401 of GET and POST, the id-less 410
 * of an expired settings, verification or browser recovery GET, the 410 with `use_flow_id` of a submit).
 */
import type { ErrorEnvelope, GenericError, KratosErrorKind } from 'ngx-kratos';
import { KRATOS_TESTING_BASE_URL, TESTING_FLOW_ID, TESTING_NEW_FLOW_ID } from './builders';

/** The self-service flows `KratosTestingController` answers for. */
export type KratosFlowKind = 'settings' | 'login' | 'registration' | 'recovery' | 'verification';

/** The request of a flow that is answered: its init (`create`), its `GET …/flows?id=` (`get`) or its submit (`update`). */
export type KratosFlowEndpoint = 'create' | 'get' | 'update';

/**
 * The endpoints an error can answer: a flow's, `GET /sessions/whoami` (`whoami`), the error flow's
 * `GET /self-service/errors?id=` (`errors`), or logout's `GET /self-service/logout/browser` and
 * `DELETE /self-service/logout/api` (`logout`; `native` for the api one).
 */
export type KratosErrorEndpoint = KratosFlowEndpoint | 'whoami' | 'errors' | 'logout';

/**
 * The kinds `flushError` answers with a body Kratos sends, and `network` (no answer at all). The client-side kinds
 * (`timeout`, `malformed_response`, `unknown`, `redirect_loop`, `redirect_not_allowed`) are what the library makes of
 * other answers, not answers Kratos gives.
 */
export type KratosTestingErrorKind = Exclude<
  KratosErrorKind,
  'timeout' | 'malformed_response' | 'unknown' | 'redirect_loop' | 'redirect_not_allowed'
>;

/** What a test may change in a body: the error's fields, and the envelope's top-level redirect and successor. */
export interface KratosErrorDetails {
  /** The error's `reason`, in place of Kratos's. */
  reason?: string;
  /** The error's `message`, in place of Kratos's. */
  message?: string;
  /** The error's `details`, in place of Kratos's. */
  details?: Record<string, unknown>;
  /** The top-level (and, for an AAL step-up, `details`) `redirect_browser_to`. */
  redirectBrowserTo?: string;
  /** The top-level `use_flow_id` of an expired or replaced flow's submit. */
  useFlowId?: string;
  /**
   * The expired flow's `return_to`, for the 410 of a browser flow's GET: its `details.return_to`, and the query of its
   * `details.redirect_to` (Kratos's `GetFlowExpiredRedirectURL`); `''` and no query unless given.
   */
  returnTo?: string;
}

/** Where the error was asked for: the flow, its endpoint, and whether the flow is a native (api) one. */
export interface KratosErrorContext {
  /** The flow; `settings` unless given (whoami has none). */
  flow?: KratosFlowKind;
  /** The request that answers with the error: a flow's init, its GET or its submit, `whoami`, `errors` or `logout`. */
  endpoint: KratosErrorEndpoint;
  /** `true` for a native (api) flow, whose errors Kratos words for an API client (`details.api`, not `redirect_to`). */
  native?: boolean;
  /** The flow's id (a submit's or a GET's), for the URLs of the body. */
  flowId?: string;
}

const FORBIDDEN = 'The requested action was forbidden';
const MALFORMED = 'The request was malformed or contained invalid parameters';
const GONE = 'The requested resource is no longer available because it has expired or is otherwise invalid.';
const NOT_FOUND = 'Unable to locate the resource';
const TOKEN_NOT_FOUND = 'The provided Ory Session Token could not be found, is invalid, or otherwise malformed.';

function capitalized(flow: KratosFlowKind): string {
  return flow.charAt(0).toUpperCase() + flow.slice(1);
}

/** A Kratos error body for `kind` where `context` says, with its HTTP status; `undefined` for `network`. */
export function kratosErrorBody(
  kind: Exclude<KratosTestingErrorKind, 'network'>,
  context: KratosErrorContext,
  overrides: KratosErrorDetails = {},
): { status: number; body: ErrorEnvelope } {
  const base = KRATOS_TESTING_BASE_URL;
  const { flow = 'settings', endpoint, native = false } = context;
  const flowId = context.flowId ?? TESTING_FLOW_ID;
  const returnTo = overrides.returnTo ?? '';
  let error: GenericError;
  const top: Omit<ErrorEnvelope, 'error'> = {};
  switch (kind) {
    case 'session_inactive':
      // Kratos names it only on the inits (§2.1, §2.2); GET flows, POST and whoami answer id-less 401s (§2.3-2.5).
      // Logout: the browser one forwards session.ErrNoActiveSessionFound, the api one a 403 (§2.6).
      if (endpoint === 'logout') {
        error = native
          ? { code: 403, status: 'Forbidden', reason: TOKEN_NOT_FOUND, message: FORBIDDEN }
          : {
              id: 'session_inactive',
              code: 401,
              status: 'Unauthorized',
              reason: 'No active session was found in this request.',
              message: 'request does not have a valid authentication session',
            };
        break;
      }
      error =
        endpoint === 'whoami'
          ? {
              code: 401,
              status: 'Unauthorized',
              reason: 'No valid session credentials found in the request.',
              message: 'The request could not be authorized',
            }
          : endpoint === 'create'
            ? {
                id: 'session_inactive',
                code: 401,
                status: 'Unauthorized',
                reason: native
                  ? 'This endpoint can only be accessed with a valid session. Please log in and try again.'
                  : 'No active session was found in this request.',
                message: 'request does not have a valid authentication session',
              }
            : {
                code: 401,
                status: 'Unauthorized',
                reason: 'A valid Ory Session Cookie or Ory Session Token is missing.',
                message: 'The request could not be authorized',
              };
      break;
    case 'session_aal2_required': {
      const redirect = overrides.redirectBrowserTo ?? `${base}/self-service/login/browser?aal=aal2`;
      error = {
        id: kind,
        code: 403,
        status: 'Forbidden',
        reason:
          'An active session was found but it does not fulfill the requested Authenticator Assurance Level. Please verify yourself with a second factor to resolve this issue.',
        details: { redirect_browser_to: redirect },
        message: 'Session does not fulfill the requested Authenticator Assurance Level',
      };
      top.redirect_browser_to = redirect;
      break;
    }
    case 'session_aal1_required':
      error = {
        id: kind,
        code: 401,
        status: 'Unauthorized',
        reason: 'You can not requested a higher AAL (AAL2/AAL3) without an active session.',
        message: 'aal2 and aal3 can only be requested if a session exists already',
      };
      break;
    case 'session_aal_already_fulfilled':
      // Declared by v1.3.1 and never returned (§4): the body is herodot's envelope with the declared id.
      error = {
        id: kind,
        code: 401,
        status: 'Unauthorized',
        reason: 'The session already has the requested Authenticator Assurance Level.',
        message: 'The request could not be authorized',
      };
      break;
    case 'session_already_available':
      // login/error.go:29, registration/error.go:30 say `you are already logged in`; recovery/error.go:32 sets no
      // message, so herodot's ErrBadRequest's stays.
      error = {
        id: kind,
        code: 400,
        status: 'Bad Request',
        reason:
          flow === 'login'
            ? 'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?'
            : `A valid session was detected and thus ${flow} is not possible.`,
        message: flow === 'recovery' ? MALFORMED : 'you are already logged in',
      };
      break;
    case 'session_verified_address_required':
      error = {
        id: kind,
        code: 400,
        status: 'Bad Request',
        reason: 'Account not active yet. Did you forget to verify your email address?',
        message: 'Account not active yet. Did you forget to verify your email address?',
      };
      break;
    case 'session_refresh_required': {
      const redirect =
        overrides.redirectBrowserTo ??
        `${base}/self-service/login/browser?refresh=true&return_to=${base}/self-service/${flow}?flow=${flowId}`;
      error = {
        id: kind,
        code: 403,
        status: 'Forbidden',
        reason: 'The login session is too old and thus not allowed to update these fields. Please re-authenticate.',
        message: FORBIDDEN,
      };
      top.redirect_browser_to = redirect;
      break;
    }
    case 'security_csrf_violation':
      error = {
        id: kind,
        code: 403,
        status: 'Forbidden',
        reason:
          'Please retry the flow and optionally clear your cookies. The request was rejected to protect you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, and other serious security issues.',
        details: {
          // x/nosurf.go: every variant shares one details map, so v1.3.1 always sends these three (§0, §3.6).
          docs: 'https://www.ory.sh/kratos/docs/debug/csrf',
          hint: 'The anti-CSRF cookie was found but the CSRF token was not included in the HTTP request body (csrf_token) nor in the HTTP Header (X-CSRF-Token).',
          reject_reason:
            'The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.',
        },
        message: 'the request was rejected to protect you from Cross-Site-Request-Forgery',
      };
      break;
    case 'security_identity_mismatch':
      error = {
        id: kind,
        code: 403,
        status: 'Forbidden',
        reason:
          endpoint === 'get'
            ? 'The request was made for another identity and has been blocked for security reasons.'
            : 'The request was initiated by someone else and has been blocked for security reasons. Please go back and try again.',
        message: FORBIDDEN,
      };
      break;
    case 'self_service_flow_expired':
      if (endpoint === 'get' && native && flow === 'recovery') {
        // recovery/handler.go:309: flow.NewFlowExpiredError(...).WithDetail("api", …), §11.3 row 5: the flow-expired
        // error's id, reason and message, without its top-level expired_at/use_flow_id.
        error = {
          id: kind,
          code: 410,
          status: 'Gone',
          reason: 'The self-service flow expired 3.21 minutes ago, initialize a new one.',
          details: { api: `${base}/self-service/recovery/api` },
          message: 'self-service flow expired',
        };
      } else if (endpoint === 'get') {
        // x.ErrGone (§2.3 row 5, §7.3 row 3, §11.3 row 4, §12.3): only login and registration add the id.
        const idLess = flow === 'settings' || flow === 'recovery' || flow === 'verification';
        error = {
          ...(idLess ? {} : { id: kind }),
          code: 410,
          status: 'Gone',
          reason: native
            ? `The ${flow} flow has expired. Call the ${flow} flow init API endpoint to initialize a new ${flow} flow.`
            : `The ${flow} flow has expired. Redirect the user to the ${flow} flow init endpoint to initialize a new ${flow} flow.`,
          details: native
            ? { api: `${base}/self-service/${flow}/api` }
            : { redirect_to: `${base}/self-service/${flow}/browser${query(returnTo)}`, return_to: returnTo },
          message: GONE,
        };
      } else {
        error = {
          id: kind,
          code: 410,
          status: 'Gone',
          reason: 'The self-service flow expired 3.21 minutes ago, initialize a new one.',
          message: 'self-service flow expired',
        };
        top.expired_at = '2026-11-22T10:00:00Z';
        top.since = 192600000000;
        top.use_flow_id = overrides.useFlowId ?? TESTING_NEW_FLOW_ID;
      }
      break;
    case 'self_service_flow_replaced':
      error = {
        id: kind,
        code: 410,
        status: 'Gone',
        reason: 'An error occured, please use the new flow.',
        message: 'self-service flow replaced',
      };
      top.use_flow_id = overrides.useFlowId ?? TESTING_NEW_FLOW_ID;
      break;
    case 'self_service_flow_disabled':
      // Only registration names it (registration/error.go:31); disabled recovery and verification forward an id-less
      // herodot.ErrBadRequest (recovery/handler.go:124, verification/handler.go:150; §11.2 row 2, §12.2).
      error =
        flow === 'registration'
          ? {
              id: kind,
              code: 400,
              status: 'Bad Request',
              reason: 'Registration is not allowed because it was disabled.',
              message: 'registration flow disabled',
            }
          : {
              code: 400,
              status: 'Bad Request',
              reason: `${capitalized(flow)} is not allowed because it was disabled.`,
              message: MALFORMED,
            };
      break;
    case 'self_service_flow_return_to_forbidden':
      error = {
        id: kind,
        code: 400,
        status: 'Bad Request',
        reason: 'Requested return_to URL "http://127.0.0.2/evil" is not allowed.',
        message: MALFORMED,
      };
      break;
    case 'browser_location_change_required': {
      const redirect = overrides.redirectBrowserTo ?? `${base}/emulated-provider/auth?state=abc`;
      error = {
        id: kind,
        code: 422,
        status: 'Unprocessable Entity',
        reason: `In order to complete this flow please redirect the browser to: ${redirect}`,
        message: 'browser location change required',
      };
      top.redirect_browser_to = redirect;
      break;
    }
    case 'not_found':
      // Login and registration submits look the flow up as their GETs do (login/handler.go:814,
      // registration/handler.go:624: sqlcon.ErrNoRows, §7.4 row 2); the others word their own 404.
      error =
        endpoint === 'update' && flow !== 'login' && flow !== 'registration'
          ? {
              code: 404,
              status: 'Not Found',
              reason: `The ${flow} request could not be found. Please restart the flow.`,
              message: 'The requested resource could not be found',
            }
          : { code: 404, status: 'Not Found', message: NOT_FOUND };
      break;
    case 'bad_request':
      error = {
        code: 400,
        status: 'Bad Request',
        reason: 'The flow query parameter is missing or malformed.',
        message: MALFORMED,
      };
      break;
    case 'server_error':
      error = {
        code: 500,
        status: 'Internal Server Error',
        reason: 'An internal server error occurred, please contact the system administrator',
        message: 'An internal server error occurred, please contact the system administrator',
      };
      break;
  }
  const { reason, message, details } = overrides;
  error = {
    ...error,
    ...(reason === undefined ? {} : { reason }),
    ...(message === undefined ? {} : { message }),
    ...(details === undefined ? {} : { details: { ...error.details, ...details } }),
  };
  return { status: error.code ?? 500, body: { error, ...top } };
}

/** `?return_to=…` as Go's `url.Values` encodes it, or nothing for an empty `return_to`. */
function query(returnTo: string): string {
  return returnTo === '' ? '' : `?${new URLSearchParams({ return_to: returnTo }).toString()}`;
}
