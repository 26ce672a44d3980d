/** docs/kratos-protocol.md §3.5: what the app should do next after a successful submit. Discriminated on `action`. */
export interface ContinueWithRedirectBrowserTo {
  action: 'redirect_browser_to';
  /** Where Kratos would have redirected a browser. Follow it only to an allowed origin. */
  redirect_browser_to: string;
}

export interface ContinueWithFlowRef {
  id: string;
  url?: string;
}

export interface ContinueWithVerificationUi {
  action: 'show_verification_ui';
  flow: ContinueWithFlowRef & { verifiable_address: string };
}

export interface ContinueWithSettingsUi {
  action: 'show_settings_ui';
  flow: ContinueWithFlowRef;
}

export interface ContinueWithRecoveryUi {
  action: 'show_recovery_ui';
  flow: ContinueWithFlowRef;
}

export interface ContinueWithSetOrySessionToken {
  action: 'set_ory_session_token';
  ory_session_token: string;
}

export interface ContinueWithPinEntryUi {
  action: 'show_pin_entry_ui';
  data: Record<string, unknown>;
}

export type ContinueWith =
  | ContinueWithRedirectBrowserTo
  | ContinueWithVerificationUi
  | ContinueWithSettingsUi
  | ContinueWithRecoveryUi
  | ContinueWithSetOrySessionToken
  | ContinueWithPinEntryUi;
