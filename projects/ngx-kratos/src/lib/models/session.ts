import { DateTimeString, Identity } from './identity';

/**
 * How strongly a session is authenticated: `aal1` after one factor (a password, a provider, a code), `aal2` after a
 * second one (TOTP, a security key, a lookup code); `aal0` and `aal3` are Kratos's bounds, not reached by sign-ins.
 */
export type AuthenticatorAssuranceLevel = 'aal0' | 'aal1' | 'aal2' | 'aal3';

/** One authentication the session went through (an entry of its `authentication_methods`). */
export interface SessionAuthenticationMethod {
  /** The credentials used: `password`, `oidc`, `code`, `totp`, `webauthn`, `passkey`, `lookup_secret`… */
  method?: string;
  /** The level this authentication counts for. */
  aal?: AuthenticatorAssuranceLevel;
  /** When it was completed. */
  completed_at?: DateTimeString;
  /** For `oidc` (and `saml`): the provider's id. */
  provider?: string;
  /** The organization of the provider, for Ory Network's SSO. */
  organization?: string;
}

/** A device the session was used from. */
export interface SessionDevice {
  /** The device's id. */
  id: string;
  /** The IP address Kratos saw the request from. */
  ip_address?: string;
  /** The `User-Agent` the device sent. */
  user_agent?: string;
  /** Where the request came from, from Cloudflare's `Cf-Ipcity` and `Cf-Ipcountry` headers; empty without them. */
  location?: string;
}

/** The answer of `GET /sessions/whoami` (docs/kratos-protocol.md §2.5). */
export interface Session<TTraits = Record<string, unknown>> {
  /** The session's id (not its token). */
  id: string;
  /** Whether the session is active; `whoami` answers only for active ones. */
  active?: boolean;
  /** When the session ends unless extended. */
  expires_at?: DateTimeString;
  /** What Kratos's privileged-session check measures against `privileged_session_max_age`. */
  authenticated_at?: DateTimeString;
  /** How strongly the session is authenticated now: `aal2` once a second factor was used. */
  authenticator_assurance_level?: AuthenticatorAssuranceLevel;
  /** The authentications the session went through, in order. */
  authentication_methods?: SessionAuthenticationMethod[];
  /** When the session was issued. */
  issued_at?: DateTimeString;
  /** The signed-in identity (without credentials). */
  identity?: Identity<TTraits>;
  /** The devices the session was used from. */
  devices?: SessionDevice[];
  /** The session as a JSON Web Token, only when `whoami` is called with `?tokenize_as=` (this library never is). */
  tokenized?: string;
}

/** The answer of `GET /self-service/logout/browser`. */
export interface LogoutFlow {
  /** Where to send the browser to sign out: `GET /self-service/logout?token=…` (with `return_to` when one was given). */
  logout_url: string;
  /** The token in `logout_url`, for an app that builds the URL itself. */
  logout_token: string;
}
