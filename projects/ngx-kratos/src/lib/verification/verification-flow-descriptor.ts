import { codeFlowResult } from '../flows/code-flow';
import { FlowDescriptor } from '../flows/flow-descriptor';
import { VERIFICATION_FLOW_POLICY } from '../navigation/flow-policy';
import { asFlow } from '../wire/read-body';
import { VerificationFlow, VerificationUpdateResult } from './verification-flow';

/**
 * The verification flow (docs/kratos-protocol.md §12): every answer that carries a flow is read by the flow (see
 * `codeFlowResult`); its replacements are 410 errors with `use_flow_id`, which stay errors.
 */
export const VERIFICATION_FLOW: FlowDescriptor<VerificationFlow, VerificationUpdateResult> = {
  kind: 'verification',
  path: 'verification',
  label: 'a verification flow',
  read: (value) => asFlow<VerificationFlow>(value),
  classify: codeFlowResult,
  startParams: ['return_to'],
  policy: VERIFICATION_FLOW_POLICY,
};
