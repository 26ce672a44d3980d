// The core entry with every feature provideKratos takes: what an app pays when it asks for all of them.
import { inject } from '@angular/core';
import {
  isKratosError,
  KratosError,
  kratosSessionTokenInterceptor,
  provideKratos,
  SettingsFlowService,
  settingsFlowGuard,
  withAllowedRedirects,
  withErrorRoute,
  withLogin,
  withRequestSharing,
  withRetry,
  withSessionToken,
} from 'ngx-kratos';

export const providers = [
  provideKratos(
    { baseUrl: 'https://auth.example.com' },
    withRetry(),
    withRequestSharing(),
    withSessionToken({ token: () => null }),
    withLogin({ route: '/login' }),
    withAllowedRedirects(['https://accounts.example.com']),
    withErrorRoute('/error'),
  ),
];
export const interceptors = [kratosSessionTokenInterceptor];
export const canActivate = [settingsFlowGuard];
export { KratosError, isKratosError };

export function settingsCalls() {
  const settings = inject(SettingsFlowService);
  return {
    create: () => settings.createBrowserFlow(),
    get: (id) => settings.getFlow(id),
    update: (id, body) => settings.updateFlow(id, body),
  };
}
