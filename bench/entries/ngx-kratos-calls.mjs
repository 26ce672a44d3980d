// Like for like with the SDK entries: only the three settings calls (and the provider that configures them), without
// the interceptor, the guard and the error helpers that the core entry adds and that the SDKs have no counterpart of.
import { inject } from '@angular/core';
import { provideKratos, SettingsFlowService } from 'ngx-kratos';

export const providers = [provideKratos({ baseUrl: 'https://auth.example.com' })];

export function settingsCalls() {
  const settings = inject(SettingsFlowService);
  return {
    create: () => settings.createBrowserFlow(),
    get: (id) => settings.getFlow(id),
    update: (id, body) => settings.updateFlow(id, body),
  };
}
