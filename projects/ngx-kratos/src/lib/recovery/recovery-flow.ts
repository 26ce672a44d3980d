import { CodeFlow, CodeFlowState, CodeFlowUpdateResult, UpdateCodeFlowBody } from '../flows/code-flow';

/** Where a recovery flow stands (docs/kratos-protocol.md §11.1): the address asked for, the code asked for, done. */
export type RecoveryFlowState = CodeFlowState;

/**
 * A recovery flow as Kratos serialises it (docs/kratos-protocol.md §11.2): `choose_method` with an `email` node,
 * `sent_email` with a `code` node and a resend button, `passed_challenge` once the code was right. Browser and api
 * flows both have a `csrf_token` node (empty in api flows).
 */
export type RecoveryFlow = CodeFlow;

/**
 * The bodies of `POST /self-service/recovery?flow=` (docs/kratos-protocol.md §11.6): the email step (also to resend
 * a code), the code step, or `method: 'link'` where Kratos is configured with `use: link`.
 */
export type UpdateRecoveryFlowBody = UpdateCodeFlowBody;

/**
 * A recovery submit's answer (docs/kratos-protocol.md §11.4, §11.5): `sent`, `invalid` (4060006: a wrong code),
 * `passed` (with `feature_flags.use_continue_with_transitions`: `continueWith` holds `show_settings_ui`, and for an api
 * flow `set_ory_session_token`) or `replaced`. Without that flag, success is the `KratosError`
 * `browser_location_change_required` to the settings UI (`KratosNavigator.handle` takes it to the app's settings page).
 */
export type RecoveryUpdateResult = CodeFlowUpdateResult<RecoveryFlow>;
