/*
 * ngx-kratos/testing: a TestBed setup for code that uses ngx-kratos, a controller that answers its requests as
 * Kratos v1.3.1 does, and builders of Kratos's bodies. For tests only; it reaches the core through 'ngx-kratos'.
 */
export { provideKratosTesting, provideKratosTestingBackend } from './lib/provide-kratos-testing';
export { FakeKratosLocation } from './lib/fake-kratos-location';
export { KratosTestingController } from './lib/kratos-testing-controller';
export type {
  KratosFlowOf,
  KratosFlowRequest,
  KratosRequest,
  KratosExpectOptions,
  KratosCreateOptions,
  KratosParamMatch,
  KratosRequestedOptions,
  KratosLogoutRequest,
  KratosSuccessBody,
} from './lib/kratos-testing-controller';
export { kratosErrorBody } from './lib/error-bodies';
export type {
  KratosFlowKind,
  KratosFlowEndpoint,
  KratosErrorEndpoint,
  KratosTestingErrorKind,
  KratosErrorDetails,
  KratosErrorContext,
} from './lib/error-bodies';
export {
  KRATOS_TESTING_BASE_URL,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
  TESTING_CSRF_TOKEN,
  TESTING_ERROR_ID,
  TESTING_LOGOUT_TOKEN,
  TESTING_EMAIL,
  settingsFlow,
  loginFlow,
  secondFactorLoginFlow,
  registrationFlow,
  recoveryFlow,
  sentEmailRecoveryFlow,
  passedChallengeRecoveryFlow,
  verificationFlow,
  sentEmailVerificationFlow,
  passedChallengeVerificationFlow,
  flowError,
  logoutFlow,
  withNodeMessages,
  withFlowMessages,
  inputNode,
  textNode,
  csrfNode,
  message,
  session,
  identity,
} from './lib/builders';
export type { KratosCodeStepOptions } from './lib/builders';
