/**
 * What went wrong, in Kratos's own error ids wherever Kratos has one (so Kratos's docs apply), plus the
 * kinds a client meets that Kratos never names (network, timeout, a body that is not Kratos's).
 */
export type KratosErrorKind =
  /** 401: no valid session. Both the id'd 401 of the init endpoints and the id-less 401 of GET flows and POST. */
  | 'session_inactive'
  /** 403: the session's AAL is too low; follow `redirectBrowserTo` (login with `aal=aal2`). */
  | 'session_aal2_required'
  /** 403: the session is older than `privileged_session_max_age`; re-authenticate with `refresh=true`. */
  | 'session_refresh_required'
  /** 403: the CSRF cookie and the body's `csrf_token` do not match; start a fresh flow. */
  | 'security_csrf_violation'
  /** 403: the flow belongs to another identity; start a fresh flow. */
  | 'security_identity_mismatch'
  /** 410: the flow expired. POST gives `useFlowId`; GET gives `details.redirect_to` (and no id). */
  | 'self_service_flow_expired'
  /** 400: `return_to` is not on Kratos's allow-list. */
  | 'self_service_flow_return_to_forbidden'
  /** 422: a browser must go to `redirectBrowserTo` (an OIDC provider when linking). */
  | 'browser_location_change_required'
  /** 404: no such flow (or the method is disabled). */
  | 'not_found'
  /** 400 without a flow: a malformed request. */
  | 'bad_request'
  /** The request never got an HTTP answer (status 0): offline, DNS, CORS refusal, aborted by the browser. */
  | 'network'
  /** No answer within the request's `timeout`. */
  | 'timeout'
  /** 5xx from Kratos or anything in front of it. */
  | 'server_error'
  /** An answer that is not what Kratos sends: an HTML page from a proxy, an empty body, JSON of another shape. */
  | 'malformed_response'
  /** A well-formed Kratos error this library has no kind for; see `id` and `status`. */
  | 'unknown'
  /** Client-side: the same error would send the user to the same login step again (a login UI ignoring `aal=aal2`). */
  | 'redirect_loop'
  /** Client-side: a redirect (`redirect_browser_to`, `return_to`) points to an origin that is not allowed. */
  | 'redirect_not_allowed';

/** The kinds that are Kratos error ids, keyed by themselves, so a wire id maps to a kind in one lookup. */
export const KRATOS_ERROR_IDS: ReadonlySet<string> = new Set<KratosErrorKind>([
  'session_inactive',
  'session_aal2_required',
  'session_refresh_required',
  'security_csrf_violation',
  'security_identity_mismatch',
  'self_service_flow_expired',
  'self_service_flow_return_to_forbidden',
  'browser_location_change_required',
]);
