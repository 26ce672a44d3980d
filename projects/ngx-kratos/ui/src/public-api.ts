/*
 * ngx-kratos/ui: standalone components that render Kratos flows. Apps that do not import it pay nothing for it, and
 * each flow's component is its own file: an app with only <kratos-settings> does not pay for <kratos-login>.
 */
export { KratosSettings } from './lib/kratos-settings.component';
export { KratosLogin } from './lib/kratos-login.component';
export type { KratosLoginScreen } from './lib/kratos-login.component';
export { KratosRegistration } from './lib/kratos-registration.component';
export { KratosRecovery } from './lib/kratos-recovery.component';
export { KratosVerification } from './lib/kratos-verification.component';
export { KratosFlowError } from './lib/kratos-flow-error.component';
export { KratosGroupForm } from './lib/kratos-group-form.component';
export { KratosNode } from './lib/kratos-node.component';
export { KratosMessages } from './lib/kratos-messages.component';
export { KratosNodeTemplate } from './lib/node-template.directive';
export type { KratosNodeContext } from './lib/node-template.directive';
export { KratosScripts } from './lib/kratos-scripts';
export { KratosTexts, KRATOS_TEXTS, KRATOS_GROUP_TITLES, KRATOS_LABELS, provideKratosTexts } from './lib/texts';
export type { KratosTextTranslation, KratosLabels, KratosTextsOptions } from './lib/texts';
export { formBody } from './lib/form-body';
