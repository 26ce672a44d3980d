import { FlowType } from '../models/flow';
import { DateTimeString } from '../models/identity';
import { AuthenticatorAssuranceLevel } from '../models/session';
import { UiContainer } from '../models/ui-container';

/**
 * Where a login flow stands (docs/kratos-protocol.md §7.5): `choose_method`; `sent_email` once a code was sent;
 * `passed_challenge` once done.
 */
export type LoginFlowState = 'choose_method' | 'sent_email' | 'passed_challenge';

/** A login flow as Kratos serialises it (docs/kratos-protocol.md §7.5). */
export interface LoginFlow {
  id: string;
  type: FlowType;
  state: LoginFlowState;
  expires_at: DateTimeString;
  issued_at: DateTimeString;
  /** The full init URL, including its query. */
  request_url: string;
  return_to?: string;
  /** `true`: the flow re-authenticates the current session (`refresh=true`). */
  refresh?: boolean;
  /** The level this flow reaches: `aal2` is the second factor. */
  requested_aal?: AuthenticatorAssuranceLevel;
  /** The method last used, e.g. `password`. */
  active?: string;
  ui: UiContainer;
  created_at?: DateTimeString;
  updated_at?: DateTimeString;
  organization_id?: string | null;
  /** Ory Hydra's `login_challenge`, when the login serves an OAuth2 authorization. */
  oauth2_login_challenge?: string;
  oauth2_login_request?: Record<string, unknown>;
  /** With `returnSessionTokenExchangeCode` on a native flow: the code for `GET /sessions/token-exchange` (§9). */
  session_token_exchange_code?: string;
  transient_payload?: Record<string, unknown>;
  /** Ory Network. */
  identity_schema?: string;
}
