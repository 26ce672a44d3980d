import { Route } from '@angular/router';
import { settingsFlowGuard } from './settings-flow.guard';
import { settingsFlowResolver } from './settings-flow.resolver';

/**
 * A settings route, wired: `settingsFlowGuard`, the flow resolved as route data `flow` (an input `flow` under
 * `withComponentInputBinding()`), and guards and resolvers re-run when `?flow=` changes.
 *
 * ```ts
 * provideRouter([settingsFlowRoute({ path: 'settings', component: SettingsPage })], withComponentInputBinding())
 * ```
 */
export function settingsFlowRoute(route: Route): Route {
  return {
    runGuardsAndResolvers: 'paramsOrQueryParamsChange',
    ...route,
    canActivate: [settingsFlowGuard, ...(route.canActivate ?? [])],
    resolve: { ...route.resolve, flow: settingsFlowResolver },
  };
}
