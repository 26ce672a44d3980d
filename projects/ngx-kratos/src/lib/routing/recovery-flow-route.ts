import { CanActivateFn, ResolveFn, Route } from '@angular/router';
import { RecoveryFlow } from '../recovery/recovery-flow';
import { RECOVERY_FLOW } from '../recovery/recovery-flow-descriptor';
import { guardFlow, resolveFlow, withFlow } from './flow-routes';

/**
 * Guards the recovery route: loads (or creates) the recovery flow with the page's own `return_to` (only when it is
 * safe), or sends the user where its error says (a fresh flow for an expired, unknown or other-kind flow id, the
 * replacement Kratos names, the error route). The flow is handed to `recoveryFlowResolver`, so the navigation costs
 * exactly one request to Kratos:
 * `GET /self-service/recovery/flows?id=` for the page's `?flow=`, else `GET /self-service/recovery/browser` (`/api` in
 * session-token mode).
 */
// Plain functions, not `flowGuard(RECOVERY_FLOW)`: a call at module level would keep routing in every bundle.
export const recoveryFlowGuard: CanActivateFn = (route, state) => guardFlow(RECOVERY_FLOW, route, state);

/** Resolves the recovery route's `flow`: the one `recoveryFlowGuard` loaded, or, used on its own, loads it. */
export const recoveryFlowResolver: ResolveFn<RecoveryFlow> = (route, state) => resolveFlow(RECOVERY_FLOW, route, state);

/**
 * A recovery route, wired: `recoveryFlowGuard`, the flow resolved as route data `flow` (an input `flow` under
 * `withComponentInputBinding()`), and guards and resolvers re-run when `?flow=` changes.
 *
 * ```ts
 * provideRouter([recoveryFlowRoute({ path: 'recovery', component: RecoveryPage })], withComponentInputBinding())
 * ```
 */
export function recoveryFlowRoute(route: Route): Route {
  return withFlow(recoveryFlowGuard, recoveryFlowResolver, route, 'recovery');
}
