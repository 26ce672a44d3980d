import { RedirectCommand, ResolveFn } from '@angular/router';
import { filter } from 'rxjs';
import { SettingsFlow } from '../models/settings-flow';
import { loadSettingsFlow } from './load-settings-flow';

/**
 * Resolves the settings route's `flow`: the one `settingsFlowGuard` loaded, or, used on its own, loads it the same
 * way. When the page is being left (a full-page navigation to Kratos's login) it emits nothing, which cancels the
 * navigation.
 */
export const settingsFlowResolver: ResolveFn<SettingsFlow> = (route, state) =>
  loadSettingsFlow(route, state).pipe(filter((result): result is SettingsFlow | RedirectCommand => result !== false));
