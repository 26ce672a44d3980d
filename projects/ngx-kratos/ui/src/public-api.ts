/*
 * ngx-kratos/ui: standalone components that render Kratos flows. Apps that do not import it pay nothing for it.
 */
export { KratosSettings } from './lib/kratos-settings.component';
export { KratosGroupForm } from './lib/kratos-group-form.component';
export { KratosNode } from './lib/kratos-node.component';
export { KratosMessages } from './lib/kratos-messages.component';
export { KratosNodeTemplate } from './lib/node-template.directive';
export type { KratosNodeContext } from './lib/node-template.directive';
export { KratosScripts } from './lib/kratos-scripts';
export { KratosTexts, KRATOS_TEXTS, KRATOS_GROUP_TITLES, provideKratosTexts } from './lib/texts';
export type { KratosTextTranslation } from './lib/texts';
export { formBody } from './lib/form-body';
