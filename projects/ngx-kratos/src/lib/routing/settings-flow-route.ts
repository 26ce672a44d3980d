import { CanActivateFn, ResolveFn, Route } from '@angular/router';
import { SettingsFlow } from '../settings/settings-flow';
import { SETTINGS_FLOW } from '../settings/settings-flow-descriptor';
import { guardFlow, resolveFlow, withFlow } from './flow-routes';

/**
 * Guards the settings route: loads (or creates) the settings flow, or sends the user where its error says (login,
 * AAL2 step-up, a fresh flow, the error route). The flow is handed to `settingsFlowResolver`, so the navigation
 * costs exactly one request to Kratos:
 * `GET /self-service/settings/flows?id=` for the page's `?flow=`, else `GET /self-service/settings/browser` (`/api` in
 * session-token mode).
 */
// Plain functions, not `flowGuard(SETTINGS_FLOW)`: a call at module level would keep routing in every bundle.
export const settingsFlowGuard: CanActivateFn = (route, state) => guardFlow(SETTINGS_FLOW, route, state);

/** Resolves the settings route's `flow`: the one `settingsFlowGuard` loaded, or, used on its own, loads it. */
export const settingsFlowResolver: ResolveFn<SettingsFlow> = (route, state) => resolveFlow(SETTINGS_FLOW, route, state);

/**
 * A settings route, wired: `settingsFlowGuard`, the flow resolved as route data `flow` (an input `flow` under
 * `withComponentInputBinding()`), and guards and resolvers re-run when `?flow=` changes.
 *
 * ```ts
 * provideRouter([settingsFlowRoute({ path: 'settings', component: SettingsPage })], withComponentInputBinding())
 * ```
 */
export function settingsFlowRoute(route: Route): Route {
  return withFlow(settingsFlowGuard, settingsFlowResolver, route, 'settings');
}
