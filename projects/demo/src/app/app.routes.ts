import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import {
  kratosSessionTokenInterceptor,
  provideKratos,
  SettingsFlowService,
  settingsFlowRoute,
  withSessionToken,
} from 'ngx-kratos';
import { DemoConfig } from './demo-config';
import { ErrorPage } from './pages/error.page';
import { HomePage } from './pages/home.page';
import { LoginPage } from './pages/login.page';
import { SettingsPage } from './pages/settings.page';
import { DEMO_CONFIG, TokenPage, TokenStore } from './pages/token.page';

export function appRoutes(config: DemoConfig): Routes {
  return [
    { path: '', component: HomePage, title: 'ngx-kratos demo' },
    { path: 'login', component: LoginPage, title: 'Sign in' },
    settingsFlowRoute({ path: 'settings', component: SettingsPage, title: 'Settings' }),
    {
      // Session-token mode, scoped to this route: its own HttpClient with the interceptor, its own Kratos client, and
      // the service the page uses listed beside it, so that it gets this client (services are providedIn root).
      path: 'token',
      component: TokenPage,
      title: 'Session-token mode',
      providers: [
        TokenStore,
        { provide: DEMO_CONFIG, useValue: config },
        provideHttpClient(withFetch(), withInterceptors([kratosSessionTokenInterceptor])),
        provideKratos({ baseUrl: config.kratosUrl }, withSessionToken({ token: () => inject(TokenStore).token() })),
        SettingsFlowService,
      ],
    },
    { path: 'error', component: ErrorPage, title: 'Error' },
    { path: '**', redirectTo: '' },
  ];
}
