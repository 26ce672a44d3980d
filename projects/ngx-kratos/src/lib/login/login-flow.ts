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
  /** The flow's id: the page's `?flow=`. */
  id: string;
  /** `browser` (cookies and a CSRF token) or `api` (a native app). */
  type: FlowType;
  /** Where the flow stands (see `LoginFlowState`). */
  state: LoginFlowState;
  /** When the flow expires; a submit after it gets a new flow (`self_service_flow_expired`). */
  expires_at: DateTimeString;
  /** When the flow was made. */
  issued_at: DateTimeString;
  /** The full init URL, including its query. */
  request_url: string;
  /** Where Kratos sends the browser at the end, when the flow was started with one. */
  return_to?: string;
  /** `true`: the flow re-authenticates the current session (`refresh=true`). */
  refresh?: boolean;
  /** The level this flow reaches: `aal2` is the second factor. */
  requested_aal?: AuthenticatorAssuranceLevel;
  /** The method last used, e.g. `password`. */
  active?: string;
  /** The flow's form, one group per method (password, oidc, code…). */
  ui: UiContainer;
  /** When the flow was stored. */
  created_at?: DateTimeString;
  /** When the flow last changed. */
  updated_at?: DateTimeString;
  /** The organization whose SSO the flow signs in with (Ory Network); `null` or absent in Kratos. */
  organization_id?: string | null;
  /** Ory Hydra's `login_challenge`, when the login serves an OAuth2 authorization. */
  oauth2_login_challenge?: string;
  /** Ory Hydra's login request for that challenge (its client, its scopes), as Kratos fetched it. */
  oauth2_login_request?: Record<string, unknown>;
  /** With `returnSessionTokenExchangeCode` on a native flow: the code for `GET /sessions/token-exchange` (§9). */
  session_token_exchange_code?: string;
  /** What the last submit sent as `transient_payload`, which Kratos passes on to its webhooks. */
  transient_payload?: Record<string, unknown>;
  /** Ory Network. */
  identity_schema?: string;
}
