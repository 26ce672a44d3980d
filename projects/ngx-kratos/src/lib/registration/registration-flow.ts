import { FlowType } from '../models/flow';
import { DateTimeString } from '../models/identity';
import { UiContainer } from '../models/ui-container';

/** Where a registration flow stands (docs/kratos-protocol.md §8.5), as for login. */
export type RegistrationFlowState = 'choose_method' | 'sent_email' | 'passed_challenge';

/** A registration flow as Kratos serialises it (docs/kratos-protocol.md §8.5). */
export interface RegistrationFlow {
  id: string;
  type: FlowType;
  state: RegistrationFlowState;
  expires_at: DateTimeString;
  issued_at: DateTimeString;
  /** The full init URL, including its query. */
  request_url: string;
  return_to?: string;
  /** The method last used, e.g. `password`. */
  active?: string;
  ui: UiContainer;
  organization_id?: string | null;
  /** Ory Hydra's `login_challenge`, when the registration serves an OAuth2 authorization. */
  oauth2_login_challenge?: string;
  oauth2_login_request?: Record<string, unknown>;
  /** With `returnSessionTokenExchangeCode` on a native flow (docs/kratos-protocol.md §9). */
  session_token_exchange_code?: string;
  transient_payload?: Record<string, unknown>;
  /** Ory Network. */
  identity_schema?: string;
}
