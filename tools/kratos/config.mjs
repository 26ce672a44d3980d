// The one place that says how the project's real Kratos is configured: the emulator's identity schema, methods and
// defaults wherever Kratos has the same setting (projects/kratos-emulator/src/config.ts), in Kratos v1.3.1's config
// keys (embedx/config.schema.json in its module). Kratos reads JSON config files as well as YAML.
import { randomBytes } from 'node:crypto';

/** The emulator's identity schema: email (the identifier of every method, verifiable, recoverable), first, last. */
export const IDENTITY_SCHEMA = identitySchema();

/**
 * The demo's pages as Kratos's UI URLs, for an app at `app` (the emulator's and real Kratos's option names): each
 * flow's page, the error page, and the app as the allowed return URL.
 */
export function appPages(app) {
  return {
    settingsUi: `${app}/settings`,
    loginUi: `${app}/login`,
    registrationUi: `${app}/registration`,
    recoveryUi: `${app}/recovery`,
    verificationUi: `${app}/verification`,
    errorUi: `${app}/error`,
    allowedReturnUrls: [`${app}/`],
  };
}

/**
 * The identity schema, with `passwordlessCode` adding the email as the identifier of the `code` credential
 * (`ory.sh/kratos.credentials.code: { identifier, via }`, v1.3.1's embedx/identity_extension.schema.json), which
 * login and registration by code need.
 */
export function identitySchema({ passwordlessCode = false } = {}) {
  return {
    $id: 'https://ngx-kratos.dev/schemas/default.schema.json',
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Person',
    type: 'object',
    properties: {
      traits: {
        type: 'object',
        properties: {
          email: {
            type: 'string',
            format: 'email',
            title: 'E-Mail',
            minLength: 3,
            'ory.sh/kratos': {
              credentials: {
                password: { identifier: true },
                webauthn: { identifier: true },
                totp: { account_name: true },
                passkey: { display_name: true },
                ...(passwordlessCode ? { code: { identifier: true, via: 'email' } } : {}),
              },
              verification: { via: 'email' },
              recovery: { via: 'email' },
            },
          },
          name: {
            type: 'object',
            properties: {
              first: { type: 'string', title: 'First Name' },
              last: { type: 'string', title: 'Last Name' },
            },
          },
        },
        required: ['email'],
        additionalProperties: false,
      },
    },
  };
}

/**
 * Kratos's generic OIDC provider maps claims to traits with Jsonnet; the email is all the schema requires (and what
 * registration and login by OIDC need).
 */
const OIDC_MAPPER = `local claims = std.extVar('claims');
{ identity: { traits: { email: claims.email } } }
`;

const base64 = (text) => `base64://${Buffer.from(text).toString('base64')}`;
const duration = (seconds) => `${Math.round(seconds)}s`;

/**
 * The config for `kratos serve` with options named like the emulator's (EmulatorOptions), plus Kratos's own:
 * `adminPort`, `oidcProviders` (`[{ id, label, issuerUrl, clientId, clientSecret }]`), `webauthn` (`{ rpId,
 * origins }`; by default the public URL's host and the UI origin) and `disabledMethods` (say `['lookup_secret']`), and
 * those of login, registration, recovery and verification below (docs/kratos-protocol.md §7, §8, §10–§12).
 */
export function kratosConfig({
  host = '127.0.0.1',
  port = 4433,
  adminPort = 4434,
  publicUrl = `http://${host}:${port}`,
  app = 'http://127.0.0.1:4200',
  settingsUi = `${app}/settings`,
  loginUi = `${app}/login`,
  errorUi = `${app}/error`,
  verificationUi = `${app}/verification`,
  registrationUi = `${app}/registration`,
  recoveryUi = `${app}/recovery`,
  allowedOrigins = [],
  allowedReturnUrls = [],
  flowLifespan = 3600,
  privilegedMaxAge = 3600,
  sessionLifespan = 86400,
  oidcProviders = [],
  webauthn,
  disabledMethods = [],
  // selfservice.flows.registration.enabled (v1.3.1's default: true); off, the inits answer self_service_flow_disabled.
  registrationEnabled = true,
  // selfservice.flows.registration.after.<password|oidc|webauthn|passkey|code>.hooks: [{ hook: session }]: sign in.
  registrationSession = true,
  // selfservice.methods.code.passwordless_enabled plus the schema's credentials.code identifier: code login/sign-up.
  passwordlessCode = false,
  // selfservice.flows.login.style: 'unified' (v1.3.1's default) or 'identifier_first'.
  loginStyle = 'unified',
  // selfservice.flows.registration.enable_legacy_one_step (v1.3.1's default: false, i.e. two-step with `profile`).
  legacyOneStepRegistration = false,
  // selfservice.flows.recovery.enabled (v1.3.1's default is false; on here, with `use: code`, docs/kratos-protocol.md §11).
  recoveryEnabled = true,
  // selfservice.flows.verification.enabled (`use: code`, §12).
  verificationEnabled = true,
  // feature_flags.use_continue_with_transitions (v1.3.1's default: false): recovery answers with continue_with.
  continueWithTransitions = false,
  // selfservice.methods.code.config.lifespan in seconds: how long recovery and verification codes hold.
  codeLifespan = 3600,
} = {}) {
  const uiOrigin = new URL(settingsUi).origin;
  const rp = {
    id: webauthn?.rpId ?? new URL(publicUrl).hostname,
    display_name: 'ngx-kratos',
    origins: webauthn?.origins ?? [uiOrigin],
  };
  const config = {
    version: 'v1.3.1',
    dsn: 'memory',
    serve: {
      public: {
        host,
        port,
        base_url: `${publicUrl.replace(/\/+$/, '')}/`,
        cors: allowedOrigins.length
          ? {
              enabled: true,
              allowed_origins: allowedOrigins.map((origin) => new URL(origin).origin),
              allow_credentials: true,
              allowed_headers: ['Authorization', 'Content-Type', 'X-Session-Token'],
            }
          : { enabled: false },
      },
      admin: { host, port: adminPort },
    },
    selfservice: {
      default_browser_return_url: `${uiOrigin}/`,
      allowed_return_urls: allowedReturnUrls,
      methods: {
        password: { enabled: true, config: { haveibeenpwned_enabled: false } },
        profile: { enabled: true },
        totp: { enabled: true, config: { issuer: 'ngx-kratos' } },
        lookup_secret: { enabled: true },
        webauthn: { enabled: true, config: { passwordless: false, rp } },
        passkey: { enabled: true, config: { rp } },
        // Verification below sends codes, which needs the code method on; login and registration by code only with
        // passwordlessCode (selfservice.methods.code.passwordless_enabled; MFA by code stays off).
        code: {
          enabled: true,
          passwordless_enabled: passwordlessCode,
          mfa_enabled: false,
          config: { lifespan: duration(codeLifespan) },
        },
        link: { enabled: false },
        oidc: {
          enabled: oidcProviders.length > 0 && !disabledMethods.includes('oidc'),
          config: {
            providers: oidcProviders.map((provider) => ({
              id: provider.id,
              label: provider.label,
              provider: 'generic',
              issuer_url: provider.issuerUrl,
              client_id: provider.clientId,
              client_secret: provider.clientSecret,
              scope: ['openid', 'email'],
              mapper_url: base64(OIDC_MAPPER),
            })),
          },
        },
      },
      flows: {
        settings: {
          ui_url: settingsUi,
          lifespan: duration(flowLifespan),
          privileged_session_max_age: duration(privilegedMaxAge),
          required_aal: 'highest_available',
        },
        login: { ui_url: loginUi, lifespan: duration(flowLifespan), style: loginStyle },
        registration: {
          enabled: registrationEnabled,
          ui_url: registrationUi,
          lifespan: duration(flowLifespan),
          enable_legacy_one_step: legacyOneStepRegistration,
          after: registrationSession
            ? Object.fromEntries(
                ['password', 'oidc', 'webauthn', 'passkey', 'code'].map((method) => [
                  method,
                  { hooks: [{ hook: 'session' }] },
                ]),
              )
            : {},
        },
        // On, so that an email change answers show_verification_ui as the emulator's does. Without a courier worker
        // the messages stay queued, codes and all, in GET {admin}/admin/courier/messages (§10); nothing is sent.
        verification: {
          enabled: verificationEnabled,
          ui_url: verificationUi,
          use: 'code',
          lifespan: duration(flowLifespan),
        },
        // Recovery by code (§11): a code mailed (queued), then a privileged session and a settings flow.
        recovery: { enabled: recoveryEnabled, ui_url: recoveryUi, use: 'code', lifespan: duration(flowLifespan) },
        error: { ui_url: errorUi },
        logout: { after: { default_browser_return_url: `${new URL(loginUi).origin}/` } },
      },
    },
    feature_flags: { use_continue_with_transitions: continueWithTransitions },
    session: { lifespan: duration(sessionLifespan), whoami: { required_aal: 'highest_available' } },
    identity: {
      default_schema_id: 'default',
      schemas: [{ id: 'default', url: base64(JSON.stringify(identitySchema({ passwordlessCode }))) }],
    },
    // Loopback and never dialled: no courier worker runs (`--watch-courier` is not passed), so every message stays
    // `queued`; with --dev the admin API lists them with their bodies (courier/handler.go listCourierMessages).
    courier: { smtp: { connection_uri: 'smtp://127.0.0.1:9/?disable_starttls=true' } },
    // A fast hash: these are test identities on a memory database (argon2 as Kratos's own e2e profiles set it).
    hashers: { algorithm: 'argon2', argon2: { memory: '1KB', iterations: 1, parallelism: 1 } },
    secrets: {
      default: [randomBytes(24).toString('base64url')],
      cookie: [randomBytes(24).toString('base64url')],
      cipher: [randomBytes(16).toString('hex')],
    },
    log: { level: 'info', format: 'text', leak_sensitive_values: true },
  };
  for (const method of disabledMethods) config.selfservice.methods[method].enabled = false;
  return config;
}
