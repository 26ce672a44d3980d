/**
 * The bodies of `POST /self-service/settings` (docs/kratos-protocol.md §5), discriminated on `method`.
 * `csrf_token` is the value of the flow's `csrf_token` node (see `getCsrfToken`); browser flows need it.
 */
interface WithCsrf {
  csrf_token?: string;
  transient_payload?: Record<string, unknown>;
}

export interface UpdateSettingsFlowWithPasswordMethod extends WithCsrf {
  method: 'password';
  password: string;
}

export interface UpdateSettingsFlowWithProfileMethod<TTraits = Record<string, unknown>> extends WithCsrf {
  method: 'profile';
  traits: TTraits;
}

export interface UpdateSettingsFlowWithTotpMethod extends WithCsrf {
  method: 'totp';
  totp_code?: string;
  totp_unlink?: boolean;
}

export interface UpdateSettingsFlowWithWebAuthnMethod extends WithCsrf {
  method: 'webauthn';
  /** The JSON-encoded result of `navigator.credentials.create`. */
  webauthn_register?: string;
  webauthn_register_displayname?: string;
  /** The hex id of the credential to remove. */
  webauthn_remove?: string;
}

export interface UpdateSettingsFlowWithLookupMethod extends WithCsrf {
  method: 'lookup_secret';
  lookup_secret_reveal?: boolean;
  lookup_secret_regenerate?: boolean;
  lookup_secret_confirm?: boolean;
  lookup_secret_disable?: boolean;
}

/** The oidc strategy does not check a CSRF token (docs/kratos-protocol.md §1.2), so its body has none. */
export interface UpdateSettingsFlowWithOidcMethod {
  method: 'oidc';
  /** The provider id to link; answered with 422 and `redirect_browser_to` (docs/kratos-protocol.md §2.4 row 9). */
  link?: string;
  unlink?: string;
  traits?: Record<string, unknown>;
  upstream_parameters?: Record<string, unknown>;
  flow?: string;
  transient_payload?: Record<string, unknown>;
}

export interface UpdateSettingsFlowWithSamlMethod extends WithCsrf {
  method: 'saml';
  link?: string;
  unlink?: string;
  traits?: Record<string, unknown>;
  flow?: string;
}

export interface UpdateSettingsFlowWithPasskeyMethod {
  method: 'passkey';
  csrf_token?: string;
  passkey_settings_register?: string;
  passkey_remove?: string;
}

export type UpdateSettingsFlowBody<TTraits = Record<string, unknown>> =
  | UpdateSettingsFlowWithPasswordMethod
  | UpdateSettingsFlowWithProfileMethod<TTraits>
  | UpdateSettingsFlowWithTotpMethod
  | UpdateSettingsFlowWithWebAuthnMethod
  | UpdateSettingsFlowWithLookupMethod
  | UpdateSettingsFlowWithOidcMethod
  | UpdateSettingsFlowWithSamlMethod
  | UpdateSettingsFlowWithPasskeyMethod;
