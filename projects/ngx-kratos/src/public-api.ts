/*
 * The public surface of ngx-kratos. Every export is named here on purpose: what is not listed is internal.
 */

// Configuration
export { KRATOS_CONFIG } from './lib/config/kratos-config';
export type { KratosConfig, KratosRetryConfig } from './lib/config/kratos-config';
export { provideKratos } from './lib/provide/provide-kratos';
export type { KratosFeature } from './lib/provide/provide-kratos';
export {
  withSessionToken,
  withLogin,
  withAllowedRedirects,
  withErrorRoute,
  withRetry,
  withRequestSharing,
  withFlowPages,
  withServerRendering,
} from './lib/provide/features';
export type { ServerRenderingOptions } from './lib/server/server-render';
export { KratosModule } from './lib/provide/kratos.module';
export { KRATOS_SESSION_TOKEN } from './lib/interceptor/session-token';
export type { SessionTokenOptions } from './lib/interceptor/session-token';
export { KRATOS_LOGIN, KRATOS_ERROR_ROUTE, KRATOS_FLOW_PAGES } from './lib/navigation/navigation-tokens';
export type { LoginOptions, FlowPages } from './lib/navigation/navigation-tokens';
export { KRATOS_ALLOWED_ORIGINS } from './lib/security/kratos-origins';

// Session token
export {
  kratosSessionTokenInterceptor,
  KratosSessionTokenInterceptor,
  KRATOS_SKIP_SESSION_TOKEN,
} from './lib/interceptor/kratos-session-token.interceptor';

// Routing and navigation
export { settingsFlowGuard, settingsFlowResolver, settingsFlowRoute } from './lib/routing/settings-flow-route';
export { loginFlowGuard, loginFlowResolver, loginFlowRoute } from './lib/routing/login-flow-route';
export {
  registrationFlowGuard,
  registrationFlowResolver,
  registrationFlowRoute,
} from './lib/routing/registration-flow-route';
export { recoveryFlowGuard, recoveryFlowResolver, recoveryFlowRoute } from './lib/routing/recovery-flow-route';
export {
  verificationFlowGuard,
  verificationFlowResolver,
  verificationFlowRoute,
} from './lib/routing/verification-flow-route';
export { errorFlowResolver, errorFlowRoute } from './lib/routing/error-flow-route';
export { requireSession, guestOnly } from './lib/routing/session-guards';
export { sessionResolver } from './lib/routing/session-resolver';
export type { SessionGuard, RequireSessionOptions } from './lib/routing/session-guards';
export { KratosNavigator, KRATOS_STEP_PARAM } from './lib/navigation/kratos-navigator';
export type { KratosLoginStep, KratosErrorSummary } from './lib/navigation/kratos-navigator';
export { KratosLocation } from './lib/navigation/kratos-location';
export {
  SHARED_FLOW_POLICY,
  SIGNED_IN_FLOW_POLICY,
  LOGIN_FLOW_POLICY,
  REGISTRATION_FLOW_POLICY,
  RECOVERY_FLOW_POLICY,
  VERIFICATION_FLOW_POLICY,
} from './lib/navigation/flow-policy';
export type { FlowPolicy, FlowRecovery } from './lib/navigation/flow-policy';
export { KratosOrigins } from './lib/security/kratos-origins';

// Session
export { KratosSessionService } from './lib/session/kratos-session.service';
export type { WhoamiOptions, LogoutOptions, SessionTokenExchange } from './lib/session/kratos-session.service';
export type {
  Session,
  SessionAuthenticationMethod,
  SessionDevice,
  AuthenticatorAssuranceLevel,
  LogoutFlow,
} from './lib/models/session';

// Signals (beside the Observables; built on stable signal APIs only)
export { injectKratosSession } from './lib/signals/inject-kratos-session';
export type { KratosSessionSignals } from './lib/signals/inject-kratos-session';
export { injectKratosFlow } from './lib/signals/inject-kratos-flow';
export type { KratosFlowSignals, KratosFlowStatus } from './lib/signals/inject-kratos-flow';

// The settings flow
export { SettingsFlowService } from './lib/settings/settings-flow.service';
export type {
  CreateBrowserFlowOptions,
  CreateNativeFlowOptions,
  GetFlowOptions,
  SettingsUpdateResult,
  UpdateFlowOptions,
} from './lib/settings/settings-flow-options';
export type { KratosObserve, KratosRequestOptions, KratosSessionOptions, Observed } from './lib/http/kratos-request';

// The login flow
export { LoginFlowService } from './lib/login/login-flow.service';
export type {
  CreateBrowserLoginFlowOptions,
  CreateNativeLoginFlowOptions,
  UpdateLoginFlowOptions,
  LoginSuccess,
  LoginUpdateResult,
} from './lib/login/login-flow-options';
export type { LoginFlow, LoginFlowState } from './lib/login/login-flow';
export type {
  UpdateLoginFlowBody,
  UpdateLoginFlowWithPasswordMethod,
  UpdateLoginFlowWithCodeMethod,
  UpdateLoginFlowWithTotpMethod,
  UpdateLoginFlowWithLookupSecretMethod,
  UpdateLoginFlowWithWebAuthnMethod,
  UpdateLoginFlowWithPasskeyMethod,
  UpdateLoginFlowWithOidcMethod,
  UpdateLoginFlowWithIdentifierFirstMethod,
} from './lib/login/update-login-flow-body';

// The registration flow
export { RegistrationFlowService } from './lib/registration/registration-flow.service';
export type {
  CreateBrowserRegistrationFlowOptions,
  CreateNativeRegistrationFlowOptions,
  UpdateRegistrationFlowOptions,
  RegistrationSuccess,
  RegistrationUpdateResult,
} from './lib/registration/registration-flow-options';
export type { RegistrationFlow, RegistrationFlowState } from './lib/registration/registration-flow';
export type {
  UpdateRegistrationFlowBody,
  UpdateRegistrationFlowWithPasswordMethod,
  UpdateRegistrationFlowWithProfileMethod,
  UpdateRegistrationFlowWithCodeMethod,
  UpdateRegistrationFlowWithOidcMethod,
  UpdateRegistrationFlowWithWebAuthnMethod,
  UpdateRegistrationFlowWithPasskeyMethod,
} from './lib/registration/update-registration-flow-body';
export type { FlowStep } from './lib/flows/flow-step';

// The recovery and verification flows (both send a code and take it back)
export { RecoveryFlowService } from './lib/recovery/recovery-flow.service';
export type {
  RecoveryFlow,
  RecoveryFlowState,
  RecoveryUpdateResult,
  UpdateRecoveryFlowBody,
} from './lib/recovery/recovery-flow';
export { VerificationFlowService } from './lib/verification/verification-flow.service';
export type {
  VerificationFlow,
  VerificationFlowState,
  VerificationUpdateResult,
  UpdateVerificationFlowBody,
} from './lib/verification/verification-flow';
export type {
  CodeFlow,
  CodeFlowState,
  CodeFlowUpdateResult,
  UpdateCodeFlowBody,
  UpdateCodeFlowWithEmail,
  UpdateCodeFlowWithCode,
  UpdateCodeFlowWithLink,
  CreateBrowserCodeFlowOptions,
  CreateNativeCodeFlowOptions,
  CodeFlowRequestOptions,
} from './lib/flows/code-flow';

// The error flow
export { KratosErrorFlowService } from './lib/errorflow/kratos-error-flow.service';
export type { FlowError, KratosErrorView } from './lib/errorflow/flow-error';

// Errors
export { KratosError, isKratosError } from './lib/errors/kratos-error';
export type { KratosErrorInit } from './lib/errors/kratos-error';
export type { KratosErrorKind } from './lib/errors/kratos-error-kind';

// Models (Kratos's current names; see docs/api.md for the v0.10-era and @ory/client equivalents)
export type { SettingsFlow, SettingsFlowState } from './lib/settings/settings-flow';
export type { FlowType, FlowBody } from './lib/models/flow';
export type { UiContainer } from './lib/models/ui-container';
export type {
  UiNode,
  UiNodeAttributes,
  UiInputNode,
  UiTextNode,
  UiImageNode,
  UiAnchorNode,
  UiScriptNode,
  UiDivisionNode,
  UiNodeInputAttributes,
  UiNodeTextAttributes,
  UiNodeImageAttributes,
  UiNodeAnchorAttributes,
  UiNodeScriptAttributes,
  UiNodeDivisionAttributes,
  UiNodeGroup,
  UiNodeType,
  UiNodeInputType,
  UiNodeInputAutocomplete,
  UiNodeTrigger,
  UiNodeMeta,
} from './lib/models/ui-node';
export type { UiText, UiTextType } from './lib/models/ui-text';
export type {
  Identity,
  DateTimeString,
  VerifiableIdentityAddress,
  RecoveryIdentityAddress,
} from './lib/models/identity';
export type {
  ContinueWith,
  ContinueWithRedirectBrowserTo,
  ContinueWithVerificationUi,
  ContinueWithSettingsUi,
  ContinueWithRecoveryUi,
  ContinueWithSetOrySessionToken,
  ContinueWithPinEntryUi,
  ContinueWithFlowRef,
} from './lib/models/continue-with';
export type {
  UpdateSettingsFlowBody,
  UpdateSettingsFlowWithPasswordMethod,
  UpdateSettingsFlowWithProfileMethod,
  UpdateSettingsFlowWithTotpMethod,
  UpdateSettingsFlowWithWebAuthnMethod,
  UpdateSettingsFlowWithLookupMethod,
  UpdateSettingsFlowWithOidcMethod,
  UpdateSettingsFlowWithSamlMethod,
  UpdateSettingsFlowWithPasskeyMethod,
} from './lib/settings/update-settings-flow-body';
export type { GenericError, ErrorEnvelope } from './lib/models/generic-error';

// Helpers for reading a flow
export {
  allMessages,
  findInputNode,
  findNode,
  flowMessages,
  getCsrfToken,
  isInputNode,
  nodeMessages,
  nodesOfGroup,
} from './lib/models/ui-helpers';
export type { HasUi } from './lib/models/ui-helpers';
