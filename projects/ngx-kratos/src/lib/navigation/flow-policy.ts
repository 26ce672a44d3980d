import { KratosErrorKind } from '../errors/kratos-error-kind';

/**
 * Where a flow page sends the user after an error:
 * - `login`, `aal2`, `refresh`: to the login step of that name, and back to this page afterwards;
 * - `replacement`: to this page with the flow Kratos named (`useFlowId`), or, without one, a fresh flow;
 * - `fresh-flow`: to this page without `?flow=`, for a new flow;
 * - `leave`: a full-page navigation to `redirectBrowserTo` (an OIDC provider, Kratos's own step);
 * - `settings`: `redirectBrowserTo` names a settings flow (`?flow=<id>`; recovery's hand-over): the app's settings page
 *   with that flow, in the app; without a settings page, `redirectBrowserTo` (in the app when it is on its origin);
 * - `home`: the user is signed in already: to the page's own `return_to` when it is safe, else the app's home;
 * - `first-factor`: a second factor was asked for without a session: this page without `aal` (and `?flow=`);
 * - `error`: the error route, or the app's `ErrorHandler`.
 */
export type FlowRecovery =
  | 'login'
  | 'aal2'
  | 'refresh'
  | 'replacement'
  | 'fresh-flow'
  | 'leave'
  | 'settings'
  | 'home'
  | 'first-factor'
  | 'error';

/** A flow kind's own answers to errors; what it leaves out falls back to SHARED_FLOW_POLICY, then `error`. */
export type FlowPolicy = Partial<Record<KratosErrorKind, FlowRecovery>>;

/** What every flow does: the rules of expiry, CSRF, a flow of another identity, a missing flow and a location change. */
export const SHARED_FLOW_POLICY: FlowPolicy = {
  self_service_flow_expired: 'replacement',
  self_service_flow_replaced: 'replacement',
  security_csrf_violation: 'fresh-flow',
  security_identity_mismatch: 'fresh-flow',
  not_found: 'fresh-flow',
  browser_location_change_required: 'leave',
};

/** A flow behind a session (settings): no session, a low AAL, a stale session each send the user to sign in. */
export const SIGNED_IN_FLOW_POLICY: FlowPolicy = {
  session_inactive: 'login',
  session_aal2_required: 'aal2',
  session_refresh_required: 'refresh',
};

/** The login page (docs/kratos-protocol.md §7): a signed-in user goes on; a second factor without a first starts over. */
export const LOGIN_FLOW_POLICY: FlowPolicy = {
  session_already_available: 'home',
  session_aal_already_fulfilled: 'home',
  session_aal1_required: 'first-factor',
};

/** The registration page (docs/kratos-protocol.md §8): a signed-in user goes on. */
export const REGISTRATION_FLOW_POLICY: FlowPolicy = {
  session_already_available: 'home',
};

/**
 * The recovery page (docs/kratos-protocol.md §11): a signed-in user goes on; success without
 * `use_continue_with_transitions` is the 422 to the settings UI with the new settings flow (§11.5), shown in the app.
 */
export const RECOVERY_FLOW_POLICY: FlowPolicy = {
  session_already_available: 'home',
  browser_location_change_required: 'settings',
};

/**
 * The verification page (docs/kratos-protocol.md §12): nothing beyond the shared rules; its replacements are 410s with
 * `use_flow_id` (`self_service_flow_replaced`, `self_service_flow_expired`), which go to the new flow.
 */
export const VERIFICATION_FLOW_POLICY: FlowPolicy = {};
