// Every flow's service and route, as an app with all of them would import them. Today the library has one flow,
// settings; the login, registration, recovery and verification flows join this entry as they land.
import { inject } from '@angular/core';
import { provideKratos, SettingsFlowService, settingsFlowRoute } from 'ngx-kratos';

export const providers = [provideKratos({ baseUrl: 'https://auth.example.com' })];
class SettingsPage {}
export const routes = [settingsFlowRoute({ path: 'settings', component: SettingsPage })];

export function settingsCalls() {
  const settings = inject(SettingsFlowService);
  return {
    create: () => settings.createBrowserFlow(),
    createNative: () => settings.createNativeFlow(),
    get: (id) => settings.getFlow(id),
    update: (id, body) => settings.updateFlow(id, body),
  };
}
