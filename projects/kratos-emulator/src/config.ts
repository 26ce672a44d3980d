export interface EmulatorOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port; 0 picks a free one. Default 4433, Kratos's public port. */
  port?: number;
  /**
   * The admin API's port (`serve.admin.port`; 0 picks a free one). Default 4434, Kratos's admin port. The admin API
   * listens on `host` like the public one; keep it on loopback, it has no authentication.
   */
  adminPort?: number;
  /** The address browsers see (`serve.public.base_url`), e.g. the demo's proxy. Default: the listening URL. */
  publicUrl?: string;
  /** `selfservice.flows.settings.ui_url`. Default: `{public}/ui/settings`, a placeholder page. */
  settingsUi?: string;
  /** `selfservice.flows.login.ui_url`. Default: `{public}/ui/login`. */
  loginUi?: string;
  /** `selfservice.flows.error.ui_url`. Default: `{public}/ui/error`. */
  errorUi?: string;
  /** `selfservice.flows.verification.ui_url`. Default: `{public}/ui/verification`. */
  verificationUi?: string;
  /** `selfservice.flows.registration.ui_url`. Default: `{public}/ui/registration`. */
  registrationUi?: string;
  /** `selfservice.flows.recovery.ui_url`. Default: `{public}/ui/recovery`. */
  recoveryUi?: string;
  /** `selfservice.flows.recovery.enabled` (default true here, with `use: code`; docs/kratos-protocol.md §11). */
  recoveryEnabled?: boolean;
  /** `selfservice.flows.verification.enabled` (default true, `use: code`; §12). */
  verificationEnabled?: boolean;
  /**
   * `feature_flags.use_continue_with_transitions` (v1.3.1's default: false): recovery answers with `continue_with`
   * instead of a 422 or a 303 to the new flow (§11.4, §11.5).
   */
  continueWithTransitions?: boolean;
  /** `selfservice.methods.code.config.lifespan` in seconds: how long a recovery or verification code holds. Default 3600. */
  codeLifespan?: number;
  /** CORS origins (named; credentials cannot go with `*`). CORS is off when empty, as in Kratos. */
  allowedOrigins?: string[];
  /** `selfservice.allowed_return_urls`, beyond `{public}/self-service/*` and the UI URLs' origins. */
  allowedReturnUrls?: string[];
  /** Every flow's lifespan in seconds (settings, login, registration, recovery, verification). Default 3600. */
  flowLifespan?: number;
  /** `selfservice.flows.settings.privileged_session_max_age` in seconds. Default 3600. */
  privilegedMaxAge?: number;
  /** Session lifespan in seconds. Default 86400. */
  sessionLifespan?: number;
  /** Kratos's `DEV_DISABLE_API_FLOW_ENFORCEMENT`: api flows accept Origin headers and cookies. */
  devApiFlows?: boolean;
  /** Enables `/__emulator/*` (reset, clock, request log). */
  testControls?: boolean;
  /** Settings methods switched off (`selfservice.methods.<method>.enabled: false`), say `['lookup_secret']`. */
  disabledMethods?: string[];
  /** `selfservice.flows.registration.enabled` (v1.3.1's default: true); off, the inits answer self_service_flow_disabled. */
  registrationEnabled?: boolean;
  /** The `session` after-hook on every registration method (default true): a registration signs the user in. */
  registrationSession?: boolean;
  /** `selfservice.methods.code.passwordless_enabled` (default false): login and registration by an emailed code. */
  passwordlessCode?: boolean;
  /** `selfservice.flows.login.style`: `unified` (v1.3.1's default) or `identifier_first`. */
  loginStyle?: 'unified' | 'identifier_first';
  /** `selfservice.flows.registration.enable_legacy_one_step` (default false: two-step registration with `profile`). */
  legacyOneStepRegistration?: boolean;
  /**
   * Who the emulated OIDC provider signs in (like e2e/oidc-provider.mjs's `email` and `subject`): default
   * `linked@example.com`, its subject derived from the email. Its authorize page also takes `?login_hint=<email>`.
   */
  oidcUser?: { email?: string; subject?: string };
  /**
   * Identities to import at start and again after every `/__emulator/reset`, beside the built-in logins (`SEED`), in
   * Kratos's import format: each the body of an admin `POST /admin/identities`, e.g. `{ traits: { email }, credentials:
   * { password: { config: { password } } } }`. An entry the admin API would refuse (a 400, or a 409 for an address
   * taken) makes `startEmulator` reject.
   */
  seed?: Record<string, unknown>[];
  /** A JSON file holding such an array (the CLI's `--seed`), imported after `seed`. */
  seedFile?: string;
}

export interface ResolvedConfig {
  publicUrl: string;
  settingsUi: string;
  loginUi: string;
  errorUi: string;
  verificationUi: string;
  registrationUi: string;
  recoveryUi: string;
  recoveryEnabled: boolean;
  verificationEnabled: boolean;
  continueWithTransitions: boolean;
  codeLifespan: number;
  allowedOrigins: string[];
  allowedReturnUrls: string[];
  flowLifespan: number;
  privilegedMaxAge: number;
  sessionLifespan: number;
  devApiFlows: boolean;
  testControls: boolean;
  disabledMethods: string[];
  registrationEnabled: boolean;
  registrationSession: boolean;
  passwordlessCode: boolean;
  loginStyle: 'unified' | 'identifier_first';
  legacyOneStepRegistration: boolean;
  oidcUser: { email: string; subject?: string };
}

export function resolveConfig(options: EmulatorOptions, listeningUrl: string): ResolvedConfig {
  const publicUrl = (options.publicUrl ?? listeningUrl).replace(/\/+$/, '');
  return {
    publicUrl,
    settingsUi: options.settingsUi ?? `${publicUrl}/ui/settings`,
    loginUi: options.loginUi ?? `${publicUrl}/ui/login`,
    errorUi: options.errorUi ?? `${publicUrl}/ui/error`,
    verificationUi: options.verificationUi ?? `${publicUrl}/ui/verification`,
    registrationUi: options.registrationUi ?? `${publicUrl}/ui/registration`,
    recoveryUi: options.recoveryUi ?? `${publicUrl}/ui/recovery`,
    recoveryEnabled: options.recoveryEnabled ?? true,
    verificationEnabled: options.verificationEnabled ?? true,
    continueWithTransitions: options.continueWithTransitions ?? false,
    codeLifespan: options.codeLifespan ?? 3600,
    allowedOrigins: (options.allowedOrigins ?? []).map((origin) => new URL(origin).origin),
    allowedReturnUrls: options.allowedReturnUrls ?? [],
    flowLifespan: options.flowLifespan ?? 3600,
    privilegedMaxAge: options.privilegedMaxAge ?? 3600,
    sessionLifespan: options.sessionLifespan ?? 86400,
    devApiFlows: options.devApiFlows ?? false,
    testControls: options.testControls ?? false,
    disabledMethods: options.disabledMethods ?? [],
    registrationEnabled: options.registrationEnabled ?? true,
    registrationSession: options.registrationSession ?? true,
    passwordlessCode: options.passwordlessCode ?? false,
    loginStyle: options.loginStyle === 'identifier_first' ? 'identifier_first' : 'unified',
    legacyOneStepRegistration: options.legacyOneStepRegistration ?? false,
    oidcUser: { email: options.oidcUser?.email ?? 'linked@example.com', subject: options.oidcUser?.subject },
  };
}
