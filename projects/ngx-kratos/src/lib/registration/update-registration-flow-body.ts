/** What every registration body may carry besides its method's fields. */
interface WithCsrf {
  /** The value of the flow's `csrf_token` node (see `getCsrfToken`); browser flows need it. */
  csrf_token?: string;
  /** Data for Kratos's webhooks, passed along and not stored. */
  transient_payload?: Record<string, unknown>;
}

/** The `password` method: the traits and a password. */
export interface UpdateRegistrationFlowWithPasswordMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  /** Always `password`. */
  method: 'password';
  /** The new password. */
  password: string;
  /** The identity's traits, as its schema has them. */
  traits: TTraits;
}

/**
 * Two-step registration's first step (the traits), or a move between its screens: `screen: 'credential-selection'`
 * goes on to the methods, `'previous'` back to the traits.
 */
export interface UpdateRegistrationFlowWithProfileMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  /** Always `profile`. */
  method: 'profile';
  /** The identity's traits, as its schema has them. */
  traits: TTraits;
  /** The screen to move to; without it, the traits are submitted and the methods follow. */
  screen?: 'credential-selection' | 'previous';
}

/** The `code` method: first the traits (a code is sent), then the code; `resend` asks for a new one. */
export interface UpdateRegistrationFlowWithCodeMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  /** Always `code`. */
  method: 'code';
  /** The identity's traits, as its schema has them; a code goes to the address among them. */
  traits: TTraits;
  /** The second step: the code from the mail or text message. */
  code?: string;
  /** Set (to the `resend` button's value) to have a new code sent. */
  resend?: string;
}

/** Register with a provider: Kratos answers 422 with the provider's URL (docs/kratos-protocol.md §8.4). */
export interface UpdateRegistrationFlowWithOidcMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  /** Always `oidc`. */
  method: 'oidc';
  /** The provider's id in Kratos's configuration (`google`, `github`…): the button's value. */
  provider: string;
  /** Traits to start from; the provider's claims, mapped by Kratos's Jsonnet, fill in the rest. */
  traits?: TTraits;
  /** Parameters Kratos passes to the provider's authorization URL (`login_hint`, `hd`, `prompt`…). */
  upstream_parameters?: Record<string, unknown>;
  /** A native app's ID token from the provider's own SDK (Apple, Google), instead of a browser redirect. */
  id_token?: string;
  /** The nonce the ID token was requested with. */
  id_token_nonce?: string;
}

/** The `webauthn` method: the traits and a security key; Kratos's script fills in `webauthn_register`. */
export interface UpdateRegistrationFlowWithWebAuthnMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  /** Always `webauthn`. */
  method: 'webauthn';
  /** The identity's traits, as its schema has them. */
  traits: TTraits;
  /** The JSON-encoded result of `navigator.credentials.create`, filled in by Kratos's script. */
  webauthn_register?: string;
  /** The name the user gives the key, to tell it apart in the settings. */
  webauthn_register_displayname?: string;
}

/** The `passkey` method: the traits and a passkey; Kratos's script fills in `passkey_register`. */
export interface UpdateRegistrationFlowWithPasskeyMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  /** Always `passkey`. */
  method: 'passkey';
  /** The identity's traits, as its schema has them. */
  traits: TTraits;
  /** The JSON-encoded result of `navigator.credentials.create`, filled in by Kratos's script. */
  passkey_register?: string;
}

/**
 * The bodies of `POST /self-service/registration?flow=` (docs/kratos-protocol.md §8.6), discriminated on `method`.
 * `traits` follow the identity schema; `TTraits` types them for an app that knows its schema.
 */
export type UpdateRegistrationFlowBody<TTraits = Record<string, unknown>> =
  | UpdateRegistrationFlowWithPasswordMethod<TTraits>
  | UpdateRegistrationFlowWithProfileMethod<TTraits>
  | UpdateRegistrationFlowWithCodeMethod<TTraits>
  | UpdateRegistrationFlowWithOidcMethod<TTraits>
  | UpdateRegistrationFlowWithWebAuthnMethod<TTraits>
  | UpdateRegistrationFlowWithPasskeyMethod<TTraits>;
