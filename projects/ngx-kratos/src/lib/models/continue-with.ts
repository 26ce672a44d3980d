/** A `continue_with` item that sends the browser on: where Kratos would have redirected it had it not answered JSON. */
export interface ContinueWithRedirectBrowserTo {
  /** Always `redirect_browser_to`. */
  action: 'redirect_browser_to';
  /** Where Kratos would have redirected a browser. Follow it only to an allowed origin. */
  redirect_browser_to: string;
}

/** The flow a `show_…_ui` item points to. */
export interface ContinueWithFlowRef {
  /** The flow's id: the page that shows it takes it as `?flow=`. */
  id: string;
  /** The flow's page for a browser, when Kratos knows one; usually absent for `api` flows. */
  url?: string;
}

/** A `continue_with` item asking the app to show the flow that verifies an address Kratos just sent a code to. */
export interface ContinueWithVerificationUi {
  /** Always `show_verification_ui`. */
  action: 'show_verification_ui';
  /** The flow to show, and the address (`verifiable_address`) it verifies. */
  flow: ContinueWithFlowRef & { verifiable_address: string };
}

/** A `continue_with` item asking the app to show the flow where the user changes their account (a new password). */
export interface ContinueWithSettingsUi {
  /** Always `show_settings_ui`. */
  action: 'show_settings_ui';
  /** The flow to show. */
  flow: ContinueWithFlowRef;
}

/** A `continue_with` item asking the app to show the flow that recovers an account (its code-entry screen). */
export interface ContinueWithRecoveryUi {
  /** Always `show_recovery_ui`. */
  action: 'show_recovery_ui';
  /** The flow to show. */
  flow: ContinueWithFlowRef;
}

/** A `continue_with` item of an `api` flow that issued a session: the token the native app sends from now on. */
export interface ContinueWithSetOrySessionToken {
  /** Always `set_ory_session_token`. */
  action: 'set_ory_session_token';
  /** The session token, for the `X-Session-Token` header. */
  ory_session_token: string;
}

/** A `continue_with` item of Ory Network's device authentication; Kratos v1.3.1 never sends it. */
export interface ContinueWithPinEntryUi {
  /** Always `show_pin_entry_ui`. */
  action: 'show_pin_entry_ui';
  /** What the PIN-entry screen needs, as Ory Network sends it. */
  data: Record<string, unknown>;
}

/**
 * What the app should do next after a successful submit (docs/kratos-protocol.md §3.5): one item of a flow's
 * `continue_with`, discriminated on `action`.
 */
export type ContinueWith =
  | ContinueWithRedirectBrowserTo
  | ContinueWithVerificationUi
  | ContinueWithSettingsUi
  | ContinueWithRecoveryUi
  | ContinueWithSetOrySessionToken
  | ContinueWithPinEntryUi;
