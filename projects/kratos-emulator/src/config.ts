export interface EmulatorOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port; 0 picks a free one. Default 4433, Kratos's public port. */
  port?: number;
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
  /** CORS origins (named; credentials cannot go with `*`). CORS is off when empty, as in Kratos. */
  allowedOrigins?: string[];
  /** `selfservice.allowed_return_urls`, beyond `{public}/self-service/*` and the UI URLs' origins. */
  allowedReturnUrls?: string[];
  /** Settings (and login) flow lifespan in seconds. Default 3600. */
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
}

export interface ResolvedConfig {
  publicUrl: string;
  settingsUi: string;
  loginUi: string;
  errorUi: string;
  verificationUi: string;
  allowedOrigins: string[];
  allowedReturnUrls: string[];
  flowLifespan: number;
  privilegedMaxAge: number;
  sessionLifespan: number;
  devApiFlows: boolean;
  testControls: boolean;
  disabledMethods: string[];
}

export function resolveConfig(options: EmulatorOptions, listeningUrl: string): ResolvedConfig {
  const publicUrl = (options.publicUrl ?? listeningUrl).replace(/\/+$/, '');
  return {
    publicUrl,
    settingsUi: options.settingsUi ?? `${publicUrl}/ui/settings`,
    loginUi: options.loginUi ?? `${publicUrl}/ui/login`,
    errorUi: options.errorUi ?? `${publicUrl}/ui/error`,
    verificationUi: options.verificationUi ?? `${publicUrl}/ui/verification`,
    allowedOrigins: (options.allowedOrigins ?? []).map((origin) => new URL(origin).origin),
    allowedReturnUrls: options.allowedReturnUrls ?? [],
    flowLifespan: options.flowLifespan ?? 3600,
    privilegedMaxAge: options.privilegedMaxAge ?? 3600,
    sessionLifespan: options.sessionLifespan ?? 86400,
    devApiFlows: options.devApiFlows ?? false,
    testControls: options.testControls ?? false,
    disabledMethods: options.disabledMethods ?? [],
  };
}
