import { DateTimeString, Identity } from './identity';

export type AuthenticatorAssuranceLevel = 'aal0' | 'aal1' | 'aal2' | 'aal3';

export interface SessionAuthenticationMethod {
  method?: string;
  aal?: AuthenticatorAssuranceLevel;
  completed_at?: DateTimeString;
  provider?: string;
  organization?: string;
}

export interface SessionDevice {
  id: string;
  ip_address?: string;
  user_agent?: string;
  location?: string;
}

/** The answer of `GET /sessions/whoami` (docs/kratos-protocol.md §2.5). */
export interface Session<TTraits = Record<string, unknown>> {
  id: string;
  active?: boolean;
  expires_at?: DateTimeString;
  /** What Kratos's privileged-session check measures against `privileged_session_max_age`. */
  authenticated_at?: DateTimeString;
  authenticator_assurance_level?: AuthenticatorAssuranceLevel;
  authentication_methods?: SessionAuthenticationMethod[];
  issued_at?: DateTimeString;
  identity?: Identity<TTraits>;
  devices?: SessionDevice[];
  tokenized?: string;
}

/** The answer of `GET /self-service/logout/browser`. */
export interface LogoutFlow {
  logout_url: string;
  logout_token: string;
}
