import { ContinueWith } from '../models/continue-with';
import { FlowType } from '../models/flow';
import { DateTimeString, Identity } from '../models/identity';
import { UiContainer } from '../models/ui-container';

export type { FlowType } from '../models/flow';

/** `success` stays after a later validation error (docs/kratos-protocol.md §2.4 row 10), so do not read it as "just saved". */
export type SettingsFlowState = 'show_form' | 'success';

/** A settings flow as Kratos serialises it (docs/kratos-protocol.md §3.1). */
export interface SettingsFlow<TTraits = Record<string, unknown>> {
  /** The flow's id: the page's `?flow=`. */
  id: string;
  /** `browser` (cookies and a CSRF token) or `api` (a native app). */
  type: FlowType;
  /** Where the flow stands: `show_form`, or `success` after a successful submit. */
  state: SettingsFlowState;
  /** When the flow expires; a submit after it gets a new flow (`self_service_flow_expired`). */
  expires_at: DateTimeString;
  /** When the flow was made. */
  issued_at: DateTimeString;
  /** The full init URL, including its query. */
  request_url: string;
  /** Where Kratos sends the browser at the end, when the flow was started with one. */
  return_to?: string;
  /** The method last used, e.g. `password`, where Kratos sets it (v1.3.1 never does on settings flows). */
  active?: string;
  /** The flow's form, one group per section (profile, password, totp…). */
  ui: UiContainer;
  /** The identity the flow changes; after a successful submit, as it is now. */
  identity: Identity<TTraits>;
  /** `null` from later Kratos versions; absent from v1.3.1's settings flows (docs/kratos-protocol.md §3.1). */
  organization_id?: string | null;
  /** Only on the answer to a successful submit; never persisted. */
  continue_with?: ContinueWith[];
  /** What the last submit sent as `transient_payload`, which Kratos passes on to its webhooks. */
  transient_payload?: Record<string, unknown>;
}
