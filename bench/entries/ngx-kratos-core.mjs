// What an app that uses ngx-kratos's core for the settings flow imports. Everything is exported so that tree-shaking
// keeps it: the figure is the cost of these features, not of whatever survives dead-code elimination.
import { inject } from '@angular/core';
import {
  isKratosError,
  KratosError,
  kratosSessionTokenInterceptor,
  provideKratos,
  SettingsFlowService,
  settingsFlowGuard,
} from 'ngx-kratos';

export const providers = [provideKratos({ baseUrl: 'https://auth.example.com' })];
export const interceptors = [kratosSessionTokenInterceptor];
export const canActivate = [settingsFlowGuard];
export { KratosError, isKratosError };

/** The three settings calls, as an app's component would make them (inside an injection context). */
export function settingsCalls() {
  const settings = inject(SettingsFlowService);
  return {
    create: () => settings.createBrowserFlow(),
    get: (id) => settings.getFlow(id),
    update: (id, body) => settings.updateFlow(id, body),
  };
}
