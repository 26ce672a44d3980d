/**
 * Every kind of `KratosError`, each defined once: Kratos's own error ids (`KRATOS_ERROR_IDS`, the ids of
 * `text/message_error.go` at v1.3.1, so that Kratos's docs apply; the value is the status Kratos sends it with), and
 * the kinds a client meets that Kratos never names (`ClientErrorKinds`: no answer, a timeout, a body that is not
 * Kratos's, a status without an id). Only the first exists at run time: a wire id is a kind when it is a key of it.
 */
export const KRATOS_ERROR_IDS = {
  /** 401: no valid session. Both the id'd 401 of the init endpoints and the id-less 401 of GET flows and POST. */
  session_inactive: 401,
  /** 403: the session's AAL is too low; follow `redirectBrowserTo` (the AAL2 step-up). */
  session_aal2_required: 403,
  /** 401: a higher AAL was asked for without any session: a first factor comes first. */
  session_aal1_required: 401,
  /** 401: the session already has the AAL that was asked for. */
  session_aal_already_fulfilled: 401,
  /** 400: there is a session already, and the flow was not asked to refresh it. */
  session_already_available: 400,
  /** 400: the identity's address must be verified before this step. */
  session_verified_address_required: 400,
  /** 403: the session is older than `privileged_session_max_age`; re-authenticate with `refresh=true`. */
  session_refresh_required: 403,
  /** 403: the CSRF cookie and the body's `csrf_token` do not match; start a fresh flow. */
  security_csrf_violation: 403,
  /** 403: the flow belongs to another identity; start a fresh flow. */
  security_identity_mismatch: 403,
  /** 410: the flow expired. POST gives `useFlowId`; GET gives `details.redirect_to` (and no id). */
  self_service_flow_expired: 410,
  /** 410 (or a 303 for browsers): the flow was replaced by a new one; continue on `useFlowId`. */
  self_service_flow_replaced: 410,
  /** 400: this self-service flow is switched off in Kratos's configuration. */
  self_service_flow_disabled: 400,
  /** 400: `return_to` is not on Kratos's allow-list. */
  self_service_flow_return_to_forbidden: 400,
  /** 422: a browser must go to `redirectBrowserTo` (an OIDC provider, the AAL2 step-up, OAuth2's consent). */
  browser_location_change_required: 422,
} as const;

/** The kinds no Kratos id names (a type only: nothing of it reaches a bundle). */
export interface ClientErrorKinds {
  /** 404: no such flow (or the method is disabled). */
  not_found: true;
  /** 400 without a flow: a malformed request. */
  bad_request: true;
  /** The request never got an HTTP answer (status 0): offline, DNS, CORS refusal, aborted by the browser. */
  network: true;
  /** No answer within the request's `timeout`. */
  timeout: true;
  /** 5xx from Kratos or anything in front of it. */
  server_error: true;
  /** An answer that is not what Kratos sends: an HTML page from a proxy, an empty body, JSON of another shape. */
  malformed_response: true;
  /** A well-formed Kratos error this library has no kind for; see `id` and `status`. */
  unknown: true;
  /** Client-side: the same error would send the user to the same step again (an app page ignoring `aal=aal2`). */
  redirect_loop: true;
  /** Client-side: a redirect (`redirect_browser_to`, `return_to`) points to an origin that is not allowed. */
  redirect_not_allowed: true;
}

/** What went wrong: one of Kratos's error ids, or one of the kinds a client meets that Kratos never names. */
export type KratosErrorKind = keyof typeof KRATOS_ERROR_IDS | keyof ClientErrorKinds;

/** Whether `id` is one of Kratos's error ids, and so a kind of its own. */
export function isKratosErrorId(id: string): id is keyof typeof KRATOS_ERROR_IDS {
  return Object.hasOwn(KRATOS_ERROR_IDS, id);
}
