import { codeFlowResult } from '../flows/code-flow';
import { FlowDescriptor } from '../flows/flow-descriptor';
import { RECOVERY_FLOW_POLICY } from '../navigation/flow-policy';
import { asFlow } from '../wire/read-body';
import { RecoveryFlow, RecoveryUpdateResult } from './recovery-flow';

/**
 * The recovery flow (docs/kratos-protocol.md §11): every answer that carries a flow is read by the flow (see
 * `codeFlowResult`), whatever its status (200 for the email step, a wrong code and success; 400 for a bad address).
 */
export const RECOVERY_FLOW: FlowDescriptor<RecoveryFlow, RecoveryUpdateResult> = {
  kind: 'recovery',
  path: 'recovery',
  label: 'a recovery flow',
  read: (value) => asFlow<RecoveryFlow>(value),
  classify: codeFlowResult,
  startParams: ['return_to'],
  policy: RECOVERY_FLOW_POLICY,
};
