// Every flow's service and route, as an app with all of them would import them: settings, login and registration
// today; recovery and verification join this entry as they land.
import { inject } from '@angular/core';
import {
  LoginFlowService,
  loginFlowRoute,
  provideKratos,
  RegistrationFlowService,
  registrationFlowRoute,
  SettingsFlowService,
  settingsFlowRoute,
} from 'ngx-kratos';

export const providers = [provideKratos({ baseUrl: 'https://auth.example.com' })];
class Page {}
export const routes = [
  settingsFlowRoute({ path: 'settings', component: Page }),
  loginFlowRoute({ path: 'login', component: Page }),
  registrationFlowRoute({ path: 'registration', component: Page }),
];

/** Each service's calls, as an app's components would make them. */
export function calls() {
  return [inject(SettingsFlowService), inject(LoginFlowService), inject(RegistrationFlowService)].map((service) => ({
    create: () => service.createBrowserFlow(),
    createNative: () => service.createNativeFlow(),
    get: (id) => service.getFlow(id),
    update: (id, body) => service.updateFlow(id, body),
  }));
}
