import { Routes } from '@angular/router';
import { settingsFlowRoute } from 'ngx-kratos';
import { ErrorPage } from './pages/error.page';
import { HomePage } from './pages/home.page';
import { LoginPage } from './pages/login.page';
import { SettingsPage } from './pages/settings.page';

export const routes: Routes = [
  { path: '', component: HomePage, title: 'ngx-kratos demo' },
  { path: 'login', component: LoginPage, title: 'Sign in' },
  settingsFlowRoute({ path: 'settings', component: SettingsPage, title: 'Settings' }),
  { path: 'error', component: ErrorPage, title: 'Error' },
  { path: '**', redirectTo: '' },
];
