import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import {
  errorFlowRoute,
  guestOnly,
  kratosSessionTokenInterceptor,
  LoginFlowService,
  loginFlowRoute,
  provideKratos,
  recoveryFlowRoute,
  registrationFlowRoute,
  requireSession,
  sessionResolver,
  SettingsFlowService,
  settingsFlowRoute,
  verificationFlowRoute,
  withSessionToken,
} from 'ngx-kratos';
import { DemoConfig } from './demo-config';
import { ErrorPage } from './pages/error.page';
import { HomePage } from './pages/home.page';
import { LoginPage } from './pages/login.page';
import { RecoveryPage } from './pages/recovery.page';
import { VerificationPage } from './pages/verification.page';
import { RegistrationPage } from './pages/registration.page';
import { SessionPage } from './pages/session.page';
import { SettingsPage } from './pages/settings.page';
import { DEMO_CONFIG, TokenPage, TokenStore } from './pages/token.page';

export function appRoutes(config: DemoConfig): Routes {
  return [
    { path: '', component: HomePage, title: 'ngx-kratos demo' },
    // guestOnly() asks nothing on a flow route: Kratos's answer to the flow's own request says whether a session
    // exists, so these navigations cost one request each.
    loginFlowRoute({ path: 'login', component: LoginPage, title: 'Sign in', canActivate: [guestOnly()] }),
    registrationFlowRoute({
      path: 'registration',
      component: RegistrationPage,
      title: 'Create account',
      canActivate: [guestOnly()],
    }),
    // Kratos's settings flow needs a session itself (its 401 goes to the login page), so no guard asks first.
    settingsFlowRoute({ path: 'settings', component: SettingsPage, title: 'Settings' }),
    // The guard and the resolver share one whoami.
    {
      path: 'session',
      component: SessionPage,
      title: 'Your session',
      canMatch: [requireSession()],
      resolve: { session: sessionResolver },
    },
    {
      // Session-token mode, scoped to this route: its own HttpClient with the interceptor, its own Kratos client, and
      // the services the page uses listed beside it, so that it gets this client (services are providedIn root).
      path: 'token',
      component: TokenPage,
      title: 'Session-token mode',
      providers: [
        TokenStore,
        { provide: DEMO_CONFIG, useValue: config },
        provideHttpClient(withFetch(), withInterceptors([kratosSessionTokenInterceptor])),
        provideKratos({ baseUrl: config.kratosUrl }, withSessionToken({ token: () => inject(TokenStore).token() })),
        SettingsFlowService,
        LoginFlowService,
      ],
    },
    // Recovery is for signed-out users; verification for anyone with the mail (its link may open in another browser).
    recoveryFlowRoute({
      path: 'recovery',
      component: RecoveryPage,
      title: 'Recover your account',
      canActivate: [guestOnly()],
    }),
    verificationFlowRoute({ path: 'verification', component: VerificationPage, title: 'Verify your address' }),
    errorFlowRoute({ path: 'error', component: ErrorPage, title: 'Error' }),
    { path: '**', redirectTo: '' },
  ];
}
