import { ContinueWith } from '../models/continue-with';
import { FlowType } from '../models/flow';
import { DateTimeString, Identity } from '../models/identity';
import { UiContainer } from '../models/ui-container';

export type { FlowType } from '../models/flow';

/** `success` stays after a later validation error (docs/kratos-protocol.md §2.4 row 10), so do not read it as "just saved". */
export type SettingsFlowState = 'show_form' | 'success';

/** A settings flow as Kratos serialises it (docs/kratos-protocol.md §3.1). */
export interface SettingsFlow<TTraits = Record<string, unknown>> {
  id: string;
  type: FlowType;
  state: SettingsFlowState;
  expires_at: DateTimeString;
  issued_at: DateTimeString;
  /** The full init URL, including its query. */
  request_url: string;
  return_to?: string;
  /** The method last used, e.g. `password`, where Kratos sets it (v1.3.1 never does on settings flows). */
  active?: string;
  ui: UiContainer;
  identity: Identity<TTraits>;
  /** `null` from later Kratos versions; absent from v1.3.1's settings flows (docs/kratos-protocol.md §3.1). */
  organization_id?: string | null;
  /** Only on the answer to a successful submit; never persisted. */
  continue_with?: ContinueWith[];
  transient_payload?: Record<string, unknown>;
}
