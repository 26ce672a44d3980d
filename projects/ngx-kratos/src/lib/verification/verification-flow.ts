import { CodeFlow, CodeFlowState, CodeFlowUpdateResult, UpdateCodeFlowBody } from '../flows/code-flow';

/** Where a verification flow stands (docs/kratos-protocol.md §12.1): the address asked for, the code asked for, done. */
export type VerificationFlowState = CodeFlowState;

/**
 * A verification flow as Kratos serialises it (docs/kratos-protocol.md §12.2): `choose_method` with an `email` node,
 * `sent_email` with a `code` node (pre-filled when the user followed the mail's link, §12.4 row 6), and
 * `passed_challenge` with message 1080002 and a `continue` link (§12.5). Flows made by `show_verification_ui` start in
 * `sent_email` without a resend button (§12.6).
 */
export type VerificationFlow = CodeFlow;

/**
 * The bodies of `POST /self-service/verification?flow=` (docs/kratos-protocol.md §12.7): the email step (also to
 * resend a code), the code step, or `method: 'link'` where Kratos is configured with `use: link`.
 */
export type UpdateVerificationFlowBody = UpdateCodeFlowBody;

/**
 * A verification submit's answer (docs/kratos-protocol.md §12.4): `sent`, `invalid` (4070006: a wrong code), `passed`
 * (1080002; `continueWith` is `[]`: the flow's `continue` link says where to go) or `replaced`. Kratos's replacements
 * of a verification flow are 410 errors with `useFlowId` (`self_service_flow_replaced`, `self_service_flow_expired`),
 * which `KratosNavigator.handle` takes to the new flow.
 */
export type VerificationUpdateResult = CodeFlowUpdateResult<VerificationFlow>;
