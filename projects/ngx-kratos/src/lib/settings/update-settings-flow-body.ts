/** What every settings body may carry besides its method's fields. */
interface WithCsrf {
  /** The value of the flow's `csrf_token` node (see `getCsrfToken`); browser flows need it. */
  csrf_token?: string;
  /** Data for Kratos's webhooks, passed along and not stored. */
  transient_payload?: Record<string, unknown>;
}

/** The `password` method: a new password. */
export interface UpdateSettingsFlowWithPasswordMethod extends WithCsrf {
  /** Always `password`. */
  method: 'password';
  /** The new password. */
  password: string;
}

/** The `profile` method: the identity's traits, changed. */
export interface UpdateSettingsFlowWithProfileMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  /** Always `profile`. */
  method: 'profile';
  /** All of the identity's traits, as its schema has them (what is left out is removed). */
  traits: TTraits;
}

/** The `totp` method: link an authenticator app (with a code it shows), or unlink it. */
export interface UpdateSettingsFlowWithTotpMethod extends WithCsrf {
  /** Always `totp`. */
  method: 'totp';
  /** To link: the code the app shows after scanning the flow's QR code (`totp_qr`). */
  totp_code?: string;
  /** `true` to unlink the app. */
  totp_unlink?: boolean;
}

/** The `webauthn` method: add a security key (Kratos's script fills in `webauthn_register`) or remove one. */
export interface UpdateSettingsFlowWithWebAuthnMethod extends WithCsrf {
  /** Always `webauthn`. */
  method: 'webauthn';
  /** The JSON-encoded result of `navigator.credentials.create`. */
  webauthn_register?: string;
  /** The name the user gives the new key, to tell it apart later. */
  webauthn_register_displayname?: string;
  /** The hex id of the credential to remove. */
  webauthn_remove?: string;
}

/** The `lookup_secret` method: one action on the identity's recovery codes, each sent as `true`. */
export interface UpdateSettingsFlowWithLookupMethod extends WithCsrf {
  /** Always `lookup_secret`. */
  method: 'lookup_secret';
  /** Show the current codes (the answer's flow carries them). */
  lookup_secret_reveal?: boolean;
  /** Make new codes, shown in the answer's flow; they count once confirmed. */
  lookup_secret_regenerate?: boolean;
  /** Confirm the codes just made, replacing the old ones. */
  lookup_secret_confirm?: boolean;
  /** Remove the codes. */
  lookup_secret_disable?: boolean;
}

/** The oidc strategy does not check a CSRF token (docs/kratos-protocol.md §1.2), so its body has none. */
export interface UpdateSettingsFlowWithOidcMethod {
  /** Always `oidc`. */
  method: 'oidc';
  /** The provider id to link; answered with 422 and `redirect_browser_to` (docs/kratos-protocol.md §2.4 row 9). */
  link?: string;
  /** The provider id to unlink (not the last way to sign in). */
  unlink?: string;
  /** The identity's traits, when they change with the link. */
  traits?: Record<string, unknown>;
  /** Parameters Kratos passes to the provider's authorization URL (`login_hint`, `prompt`…). */
  upstream_parameters?: Record<string, unknown>;
  /** The flow's id; the library already sends it as `?flow=`, so it may be left out. */
  flow?: string;
  /** Data for Kratos's webhooks, passed along and not stored. */
  transient_payload?: Record<string, unknown>;
}

/** Ory Network's `saml` method: link or unlink a SAML provider. Kratos v1.3.1 has no such method. */
export interface UpdateSettingsFlowWithSamlMethod extends WithCsrf {
  /** Always `saml`. */
  method: 'saml';
  /** The provider id to link. */
  link?: string;
  /** The provider id to unlink. */
  unlink?: string;
  /** The identity's traits, when they change with the link. */
  traits?: Record<string, unknown>;
  /** The flow's id; the library already sends it as `?flow=`, so it may be left out. */
  flow?: string;
}

/** The `passkey` method: add a passkey (Kratos's script fills in `passkey_settings_register`) or remove one. */
export interface UpdateSettingsFlowWithPasskeyMethod {
  /** Always `passkey`. */
  method: 'passkey';
  /** The value of the flow's `csrf_token` node (see `getCsrfToken`); browser flows need it. */
  csrf_token?: string;
  /** The JSON-encoded result of `navigator.credentials.create`, filled in by Kratos's script. */
  passkey_settings_register?: string;
  /** The id of the passkey to remove (the button's value). */
  passkey_remove?: string;
}

/**
 * The bodies of `POST /self-service/settings?flow=` (docs/kratos-protocol.md §5), discriminated on `method`. Browser
 * flows need `csrf_token`, the value of the flow's `csrf_token` node (see `getCsrfToken`).
 */
export type UpdateSettingsFlowBody<TTraits = Record<string, unknown>> =
  | UpdateSettingsFlowWithPasswordMethod
  | UpdateSettingsFlowWithProfileMethod<TTraits>
  | UpdateSettingsFlowWithTotpMethod
  | UpdateSettingsFlowWithWebAuthnMethod
  | UpdateSettingsFlowWithLookupMethod
  | UpdateSettingsFlowWithOidcMethod
  | UpdateSettingsFlowWithSamlMethod
  | UpdateSettingsFlowWithPasskeyMethod;
