/**
 * The bodies of `POST /self-service/login` (docs/kratos-protocol.md §7.6), discriminated on `method`. `csrf_token` is
 * the value of the flow's `csrf_token` node (see `getCsrfToken`); browser flows need it.
 */
interface WithCsrf {
  csrf_token?: string;
  transient_payload?: Record<string, unknown>;
}

export interface UpdateLoginFlowWithPasswordMethod extends WithCsrf {
  method: 'password';
  identifier: string;
  password: string;
  /** Deprecated alias of `identifier`. */
  password_identifier?: string;
}

/** The `code` method: first the identifier (a code is sent), then the code; `resend` asks for a new one. */
export interface UpdateLoginFlowWithCodeMethod extends WithCsrf {
  method: 'code';
  identifier?: string;
  code?: string;
  resend?: string;
  address?: string;
}

export interface UpdateLoginFlowWithTotpMethod extends WithCsrf {
  method: 'totp';
  totp_code: string;
}

export interface UpdateLoginFlowWithLookupSecretMethod {
  method: 'lookup_secret';
  lookup_secret: string;
  csrf_token?: string;
}

export interface UpdateLoginFlowWithWebAuthnMethod extends WithCsrf {
  method: 'webauthn';
  identifier: string;
  /** The JSON-encoded result of `navigator.credentials.get`, filled in by Kratos's script. */
  webauthn_login?: string;
}

export interface UpdateLoginFlowWithPasskeyMethod {
  method: 'passkey';
  /** The JSON-encoded result of `navigator.credentials.get`, filled in by Kratos's script. */
  passkey_login?: string;
  csrf_token?: string;
}

/** Sign in with a provider: Kratos answers 422 with the provider's URL (docs/kratos-protocol.md §7.4). */
export interface UpdateLoginFlowWithOidcMethod extends WithCsrf {
  method: 'oidc';
  provider: string;
  upstream_parameters?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  id_token?: string;
  id_token_nonce?: string;
}

/** Identifier-first login's first step (`login.style: identifier_first`). */
export interface UpdateLoginFlowWithIdentifierFirstMethod extends WithCsrf {
  method: 'identifier_first';
  identifier: string;
}

export type UpdateLoginFlowBody =
  | UpdateLoginFlowWithPasswordMethod
  | UpdateLoginFlowWithCodeMethod
  | UpdateLoginFlowWithTotpMethod
  | UpdateLoginFlowWithLookupSecretMethod
  | UpdateLoginFlowWithWebAuthnMethod
  | UpdateLoginFlowWithPasskeyMethod
  | UpdateLoginFlowWithOidcMethod
  | UpdateLoginFlowWithIdentifierFirstMethod;
