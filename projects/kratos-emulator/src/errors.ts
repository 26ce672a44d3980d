/* herodot's error envelope (docs/kratos-protocol.md §1.3): `{ error: {...} }` plus top-level fields of enhancing errors. */
import { ServerResponse } from 'node:http';

export interface GenericError {
  id?: string;
  code: number;
  status: string;
  reason?: string;
  details?: Record<string, unknown>;
  message: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  410: 'Gone',
  413: 'Request Entity Too Large',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/** herodot's field order: id, code, status, reason, details, message. */
export function genericError(code: number, message: string, extra: Partial<GenericError> = {}): GenericError {
  const { id, ...rest } = extra;
  return { ...(id ? { id } : {}), code, status: STATUS_TEXT[code] ?? 'Error', ...rest, message };
}

/**
 * Writes the error with `Content-Type: application/json`. No `Ory-Error-Id`: the herodot of v1.3.1 has no such
 * header (docs/kratos-protocol.md §1.3); later versions add it.
 */
export function sendError(res: ServerResponse, error: GenericError, topLevel: Record<string, unknown> = {}): void {
  const text = JSON.stringify({ error, ...topLevel });
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  };
  res.writeHead(error.code, headers);
  res.end(text);
}

export const errors = {
  sessionInactiveBrowserInit: () =>
    genericError(401, 'request does not have a valid authentication session', {
      id: 'session_inactive',
      reason: 'No active session was found in this request.',
    }),
  sessionInactiveApiInit: () =>
    genericError(401, 'request does not have a valid authentication session', {
      id: 'session_inactive',
      reason: 'This endpoint can only be accessed with a valid session. Please log in and try again.',
    }),
  unauthorizedNoId: () =>
    genericError(401, 'The request could not be authorized', {
      reason: 'A valid Ory Session Cookie or Ory Session Token is missing.',
    }),
  whoamiUnauthorized: () =>
    genericError(401, 'The request could not be authorized', {
      reason: 'No valid session credentials found in the request.',
    }),
  aal2Required: (redirect: string) =>
    genericError(403, 'Session does not fulfill the requested Authenticator Assurance Level', {
      id: 'session_aal2_required',
      reason:
        'An active session was found but it does not fulfill the requested Authenticator Assurance Level. Please verify yourself with a second factor to resolve this issue.',
      details: { redirect_browser_to: redirect },
    }),
  returnToForbidden: (url: string) =>
    genericError(400, 'The request was malformed or contained invalid parameters', {
      id: 'self_service_flow_return_to_forbidden',
      reason: `Requested return_to URL "${url}" is not allowed.`,
    }),
  returnToUnparsable: (detail: string) =>
    genericError(400, 'The request was malformed or contained invalid parameters', {
      reason: `Unable to parse the return_to query parameter as an URL: ${detail}`,
    }),
  notFoundGet: () => genericError(404, 'Unable to locate the resource'),
  notFoundPost: () =>
    genericError(404, 'The requested resource could not be found', {
      reason: 'The settings request could not be found. Please restart the flow.',
    }),
  identityMismatchGet: () =>
    genericError(403, 'The requested action was forbidden', {
      id: 'security_identity_mismatch',
      reason: 'The request was made for another identity and has been blocked for security reasons.',
    }),
  identityMismatchPost: () =>
    genericError(403, 'The requested action was forbidden', {
      id: 'security_identity_mismatch',
      reason:
        'The request was initiated by someone else and has been blocked for security reasons. Please go back and try again.',
    }),
  flowParamMalformed: () =>
    genericError(400, 'The request was malformed or contained invalid parameters', {
      reason: 'The flow query parameter is missing or malformed.',
    }),
  expiredGet: (kind: 'browser' | 'api', details: Record<string, unknown>) =>
    genericError(410, 'The requested resource is no longer available because it has expired or is otherwise invalid.', {
      reason:
        kind === 'browser'
          ? 'The settings flow has expired. Redirect the user to the settings flow init endpoint to initialize a new settings flow.'
          : 'The settings flow has expired. Call the settings flow init API endpoint to initialize a new settings flow.',
      details,
    }),
  expiredPost: (minutes: string) =>
    genericError(410, 'self-service flow expired', {
      id: 'self_service_flow_expired',
      reason: `The self-service flow expired ${minutes} minutes ago, initialize a new one.`,
    }),
  /**
   * Every CSRF failure of v1.3.1 carries the same details, whatever the cause: its errors are derived from one
   * herodot error with WithDetail, which writes into the map they all share, so the last hint and reject reason set at
   * start-up (x/nosurf.go) are the ones every variant shows.
   */
  csrf: () =>
    genericError(403, 'the request was rejected to protect you from Cross-Site-Request-Forgery', {
      id: 'security_csrf_violation',
      reason:
        'Please retry the flow and optionally clear your cookies. The request was rejected to protect you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, and other serious security issues.',
      details: {
        docs: 'https://www.ory.sh/kratos/docs/debug/csrf',
        hint: 'The anti-CSRF cookie was found but the CSRF token was not included in the HTTP request body (csrf_token) nor in the HTTP Header (X-CSRF-Token).',
        reject_reason:
          'The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.',
      },
    }),
  sessionRequiredForHigherAal: () =>
    genericError(401, 'aal2 and aal3 can only be requested if a session exists already', {
      id: 'session_aal1_required',
      reason: 'You can not requested a higher AAL (AAL2/AAL3) without an active session.',
    }),
  refreshRequired: () =>
    genericError(403, 'The requested action was forbidden', {
      id: 'session_refresh_required',
      reason: 'The login session is too old and thus not allowed to update these fields. Please re-authenticate.',
    }),
  locationChange: (url: string) =>
    genericError(422, 'browser location change required', {
      id: 'browser_location_change_required',
      reason: `In order to complete this flow please redirect the browser to: ${url}`,
    }),
  registrationSessionAlreadyAvailable: () =>
    genericError(400, 'you are already logged in', {
      id: 'session_already_available',
      reason: 'A valid session was detected and thus registration is not possible.',
    }),
  registrationDisabled: () =>
    genericError(400, 'registration flow disabled', {
      id: 'self_service_flow_disabled',
      reason: 'Registration is not allowed because it was disabled.',
    }),
  unknownProvider: (provider: string) =>
    genericError(404, 'The requested resource could not be found', {
      reason: `OpenID Connect Provider "${provider}" is unknown or has not been configured`,
    }),
  /** The 410 of `GET …/login/flows` and `…/registration/flows` (docs/kratos-protocol.md §7.3 row 3, §8.3 row 4). */
  expiredFlowGet: (flow: 'login' | 'registration', kind: 'browser' | 'api', details: Record<string, unknown>) =>
    genericError(410, 'The requested resource is no longer available because it has expired or is otherwise invalid.', {
      id: 'self_service_flow_expired',
      reason:
        kind === 'browser'
          ? `The ${flow} flow has expired. Redirect the user to the ${flow} flow init endpoint to initialize a new ${flow} flow.`
          : `The ${flow} flow has expired. Call the ${flow} flow init API endpoint to initialize a new ${flow} flow.`,
      details,
    }),
  sessionAlreadyAvailable: () =>
    genericError(400, 'you are already logged in', {
      id: 'session_already_available',
      reason: 'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
    }),
  notFound: () => genericError(404, 'The requested resource could not be found'),
  /** A recovery or verification init (or `GET …/flows`) while the flow is switched off (§11.2 row 2, §12.2). */
  flowDisabled: (flow: 'Recovery' | 'Verification') =>
    genericError(400, 'The request was malformed or contained invalid parameters', {
      reason: `${flow} is not allowed because it was disabled.`,
    }),
  recoverySessionAlreadyAvailable: () =>
    genericError(400, 'The request was malformed or contained invalid parameters', {
      id: 'session_already_available',
      reason: 'A valid session was detected and thus recovery is not possible.',
    }),
  /** The 404 of a recovery or verification submit for a flow Kratos does not know (§11.4 row 2, §12.4 row 1). */
  unknownFlowPost: (flow: 'recovery' | 'verification') =>
    genericError(404, 'The requested resource could not be found', {
      reason: `The ${flow} request could not be found. Please restart the flow.`,
    }),
  /** The 410 of `GET …/recovery/flows` and `…/verification/flows` for an expired browser flow (no id). */
  expiredSelfServiceGet: (
    flow: 'recovery' | 'verification',
    kind: 'browser' | 'api',
    details: Record<string, unknown>,
  ) =>
    genericError(410, 'The requested resource is no longer available because it has expired or is otherwise invalid.', {
      reason:
        kind === 'browser'
          ? `The ${flow} flow has expired. Redirect the user to the ${flow} flow init endpoint to initialize a new ${flow} flow.`
          : `The ${flow} flow has expired. Call the ${flow} flow init API endpoint to initialize a new ${flow} flow.`,
      details,
    }),
  /** `flow.ReplacedError` (verification, §12.4 rows 5 and 8): 410 with a top-level `use_flow_id`. */
  flowReplaced: (reason: string) =>
    genericError(410, 'self-service flow replaced', { id: 'self_service_flow_replaced', reason }),
  badRequest: (reason: string, details?: Record<string, unknown>) =>
    genericError(400, 'The request was malformed or contained invalid parameters', {
      reason,
      ...(details ? { details } : {}),
    }),
  methodDisabled: () =>
    genericError(404, 'The requested resource could not be found', {
      reason:
        'This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it.',
    }),
};
