import { FlowType } from '../models/flow';
import { DateTimeString } from '../models/identity';
import { UiContainer } from '../models/ui-container';

/** Where a registration flow stands (docs/kratos-protocol.md §8.5), as for login. */
export type RegistrationFlowState = 'choose_method' | 'sent_email' | 'passed_challenge';

/** A registration flow as Kratos serialises it (docs/kratos-protocol.md §8.5). */
export interface RegistrationFlow {
  /** The flow's id: the page's `?flow=`. */
  id: string;
  /** `browser` (cookies and a CSRF token) or `api` (a native app). */
  type: FlowType;
  /** Where the flow stands (see `RegistrationFlowState`). */
  state: RegistrationFlowState;
  /** When the flow expires; a submit after it gets a new flow (`self_service_flow_expired`). */
  expires_at: DateTimeString;
  /** When the flow was made. */
  issued_at: DateTimeString;
  /** The full init URL, including its query. */
  request_url: string;
  /** Where Kratos sends the browser at the end, when the flow was started with one. */
  return_to?: string;
  /** The method last used, e.g. `password`. */
  active?: string;
  /** The flow's form, one group per method (password, oidc, code…), the traits in `default` or `profile`. */
  ui: UiContainer;
  /** The organization whose SSO the flow signs up with (Ory Network); `null` or absent in Kratos. */
  organization_id?: string | null;
  /** Ory Hydra's `login_challenge`, when the registration serves an OAuth2 authorization. */
  oauth2_login_challenge?: string;
  /** Ory Hydra's login request for that challenge (its client, its scopes), as Kratos fetched it. */
  oauth2_login_request?: Record<string, unknown>;
  /** With `returnSessionTokenExchangeCode` on a native flow (docs/kratos-protocol.md §9). */
  session_token_exchange_code?: string;
  /** What the last submit sent as `transient_payload`, which Kratos passes on to its webhooks. */
  transient_payload?: Record<string, unknown>;
  /** Ory Network. */
  identity_schema?: string;
}
