/** What every login body may carry besides its method's fields. */
interface WithCsrf {
  /** The value of the flow's `csrf_token` node (see `getCsrfToken`); browser flows need it. */
  csrf_token?: string;
  /** Data for Kratos's webhooks, passed along and not stored. */
  transient_payload?: Record<string, unknown>;
}

/** The `password` method: an identifier (an email address, a username) and its password. */
export interface UpdateLoginFlowWithPasswordMethod extends WithCsrf {
  /** Always `password`. */
  method: 'password';
  /** The identifier the identity signs in with. */
  identifier: string;
  /** The password. */
  password: string;
  /** Deprecated alias of `identifier`. */
  password_identifier?: string;
}

/** The `code` method: first the identifier (a code is sent), then the code; `resend` asks for a new one. */
export interface UpdateLoginFlowWithCodeMethod extends WithCsrf {
  /** Always `code`. */
  method: 'code';
  /** The first step: the identifier to send a code to (its identity must have a code credential). */
  identifier?: string;
  /** The second step: the code from the mail or text message. */
  code?: string;
  /** Set (to the `resend` button's value) to have a new code sent. */
  resend?: string;
  /** For a second factor by code: which of the identity's addresses gets it, when it has several. */
  address?: string;
}

/** The `totp` method: the second factor from an authenticator app. */
export interface UpdateLoginFlowWithTotpMethod extends WithCsrf {
  /** Always `totp`. */
  method: 'totp';
  /** The six digits the authenticator app shows now. */
  totp_code: string;
}

/** The `lookup_secret` method: the second factor as one of the identity's recovery codes. */
export interface UpdateLoginFlowWithLookupSecretMethod {
  /** Always `lookup_secret`. */
  method: 'lookup_secret';
  /** One unused code of the identity's lookup secrets. */
  lookup_secret: string;
  /** The value of the flow's `csrf_token` node (see `getCsrfToken`); browser flows need it. */
  csrf_token?: string;
}

/** The `webauthn` method: a security key, first or second factor; Kratos's script fills in `webauthn_login`. */
export interface UpdateLoginFlowWithWebAuthnMethod extends WithCsrf {
  /** Always `webauthn`. */
  method: 'webauthn';
  /** The identifier the identity signs in with. */
  identifier: string;
  /** The JSON-encoded result of `navigator.credentials.get`, filled in by Kratos's script. */
  webauthn_login?: string;
}

/** The `passkey` method: a passkey, found by the browser; Kratos's script fills in `passkey_login`. */
export interface UpdateLoginFlowWithPasskeyMethod {
  /** Always `passkey`. */
  method: 'passkey';
  /** The JSON-encoded result of `navigator.credentials.get`, filled in by Kratos's script. */
  passkey_login?: string;
  /** The value of the flow's `csrf_token` node (see `getCsrfToken`); browser flows need it. */
  csrf_token?: string;
}

/** Sign in with a provider: Kratos answers 422 with the provider's URL (docs/kratos-protocol.md §7.4). */
export interface UpdateLoginFlowWithOidcMethod extends WithCsrf {
  /** Always `oidc`. */
  method: 'oidc';
  /** The provider's id in Kratos's configuration (`google`, `github`…): the button's value. */
  provider: string;
  /** Parameters Kratos passes to the provider's authorization URL (`login_hint`, `hd`, `prompt`…). */
  upstream_parameters?: Record<string, unknown>;
  /** Traits for a registration the login turns into, when the provider's identity has no account yet. */
  traits?: Record<string, unknown>;
  /** A native app's ID token from the provider's own SDK (Apple, Google), instead of a browser redirect. */
  id_token?: string;
  /** The nonce the ID token was requested with. */
  id_token_nonce?: string;
}

/** Identifier-first login's first step (`login.style: identifier_first`). */
export interface UpdateLoginFlowWithIdentifierFirstMethod extends WithCsrf {
  /** Always `identifier_first`. */
  method: 'identifier_first';
  /** The identifier; Kratos answers with the methods that identity can sign in with. */
  identifier: string;
}

/**
 * The bodies of `POST /self-service/login?flow=` (docs/kratos-protocol.md §7.6), discriminated on `method`. Browser
 * flows need `csrf_token`, the value of the flow's `csrf_token` node (see `getCsrfToken`).
 */
export type UpdateLoginFlowBody =
  | UpdateLoginFlowWithPasswordMethod
  | UpdateLoginFlowWithCodeMethod
  | UpdateLoginFlowWithTotpMethod
  | UpdateLoginFlowWithLookupSecretMethod
  | UpdateLoginFlowWithWebAuthnMethod
  | UpdateLoginFlowWithPasskeyMethod
  | UpdateLoginFlowWithOidcMethod
  | UpdateLoginFlowWithIdentifierFirstMethod;
