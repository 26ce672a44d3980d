import { FlowDescriptor } from '../flows/flow-descriptor';
import { SIGNED_IN_FLOW_POLICY } from '../navigation/flow-policy';
import { asFlow } from '../wire/read-body';
import { SettingsUpdateResult } from './settings-flow-options';
import { SettingsFlow } from './settings-flow';

/**
 * The settings flow (docs/kratos-protocol.md §2): behind a session; a submit answers 200 with the saved flow
 * (`success`, also for recovery codes shown) or 400 with the flow and its validation messages (`invalid`).
 */
export const SETTINGS_FLOW: FlowDescriptor<SettingsFlow, SettingsUpdateResult> = {
  kind: 'settings',
  path: 'settings',
  label: 'a settings flow',
  read: (value) => asFlow<SettingsFlow>(value),
  classify: ({ status, flow }) =>
    status >= 200 && status < 300 ? { kind: 'success', flow } : status === 400 ? { kind: 'invalid', flow } : undefined,
  startParams: ['return_to'],
  policy: SIGNED_IN_FLOW_POLICY,
};
