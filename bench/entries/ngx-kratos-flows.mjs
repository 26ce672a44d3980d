// Every flow's service and route, as an app with all five self-service flows (and Kratos's error page) would import
// them: settings, login, registration, recovery, verification, the error flow.
import { inject } from '@angular/core';
import {
  errorFlowRoute,
  KratosErrorFlowService,
  LoginFlowService,
  loginFlowRoute,
  provideKratos,
  RecoveryFlowService,
  recoveryFlowRoute,
  RegistrationFlowService,
  registrationFlowRoute,
  SettingsFlowService,
  settingsFlowRoute,
  VerificationFlowService,
  verificationFlowRoute,
} from 'ngx-kratos';

export const providers = [provideKratos({ baseUrl: 'https://auth.example.com' })];
class Page {}
export const routes = [
  settingsFlowRoute({ path: 'settings', component: Page }),
  loginFlowRoute({ path: 'login', component: Page }),
  registrationFlowRoute({ path: 'registration', component: Page }),
  recoveryFlowRoute({ path: 'recovery', component: Page }),
  verificationFlowRoute({ path: 'verification', component: Page }),
  errorFlowRoute({ path: 'error', component: Page }),
];

/** Each service's calls, as an app's components would make them. */
export function calls() {
  const services = [
    inject(SettingsFlowService),
    inject(LoginFlowService),
    inject(RegistrationFlowService),
    inject(RecoveryFlowService),
    inject(VerificationFlowService),
  ];
  const errors = inject(KratosErrorFlowService);
  return [
    ...services.map((service) => ({
      create: () => service.createBrowserFlow(),
      createNative: () => service.createNativeFlow(),
      get: (id) => service.getFlow(id),
      update: (id, body) => service.updateFlow(id, body),
    })),
    { error: (id) => errors.getError(id) },
  ];
}
