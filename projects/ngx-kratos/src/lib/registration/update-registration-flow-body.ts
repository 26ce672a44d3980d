/**
 * The bodies of `POST /self-service/registration` (docs/kratos-protocol.md §8.6), discriminated on `method`. `traits`
 * follow the identity schema; `TTraits` types them for an app that knows its schema.
 */
interface WithCsrf {
  csrf_token?: string;
  transient_payload?: Record<string, unknown>;
}

export interface UpdateRegistrationFlowWithPasswordMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  method: 'password';
  password: string;
  traits: TTraits;
}

/**
 * Two-step registration's first step (the traits), or a move between its screens: `screen: 'credential-selection'`
 * goes on to the methods, `'previous'` back to the traits.
 */
export interface UpdateRegistrationFlowWithProfileMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  method: 'profile';
  traits: TTraits;
  screen?: 'credential-selection' | 'previous';
}

/** The `code` method: first the traits (a code is sent), then the code; `resend` asks for a new one. */
export interface UpdateRegistrationFlowWithCodeMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  method: 'code';
  traits: TTraits;
  code?: string;
  resend?: string;
}

/** Register with a provider: Kratos answers 422 with the provider's URL (docs/kratos-protocol.md §8.4). */
export interface UpdateRegistrationFlowWithOidcMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  method: 'oidc';
  provider: string;
  traits?: TTraits;
  upstream_parameters?: Record<string, unknown>;
  id_token?: string;
  id_token_nonce?: string;
}

export interface UpdateRegistrationFlowWithWebAuthnMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  method: 'webauthn';
  traits: TTraits;
  /** The JSON-encoded result of `navigator.credentials.create`, filled in by Kratos's script. */
  webauthn_register?: string;
  webauthn_register_displayname?: string;
}

export interface UpdateRegistrationFlowWithPasskeyMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  method: 'passkey';
  traits: TTraits;
  /** The JSON-encoded result of `navigator.credentials.create`, filled in by Kratos's script. */
  passkey_register?: string;
}

export type UpdateRegistrationFlowBody<TTraits = Record<string, unknown>> =
  | UpdateRegistrationFlowWithPasswordMethod<TTraits>
  | UpdateRegistrationFlowWithProfileMethod<TTraits>
  | UpdateRegistrationFlowWithCodeMethod<TTraits>
  | UpdateRegistrationFlowWithOidcMethod<TTraits>
  | UpdateRegistrationFlowWithWebAuthnMethod<TTraits>
  | UpdateRegistrationFlowWithPasskeyMethod<TTraits>;
