import { CanActivateFn, ResolveFn, Route } from '@angular/router';
import { LoginFlow } from '../login/login-flow';
import { LOGIN_FLOW } from '../login/login-flow-descriptor';
import { guardFlow, resolveFlow, withFlow } from './flow-routes';

/**
 * Guards the login route: loads (or creates) the login flow with the page's own `return_to`, `refresh`, `aal`,
 * `login_challenge` and `organization` (a `return_to` only when it is safe), or sends the user where its error says
 * (a signed-in user to `return_to` or home, a fresh flow, the error route). The flow is handed to
 * `loginFlowResolver`, so the navigation costs exactly one request to Kratos:
 * `GET /self-service/login/flows?id=` for the page's `?flow=`, else `GET /self-service/login/browser` (`/api` in
 * session-token mode).
 */
// Plain functions, not `flowGuard(LOGIN_FLOW)`: a call at module level would keep routing in every bundle.
export const loginFlowGuard: CanActivateFn = (route, state) => guardFlow(LOGIN_FLOW, route, state);

/** Resolves the login route's `flow`: the one `loginFlowGuard` loaded, or, used on its own, loads it. */
export const loginFlowResolver: ResolveFn<LoginFlow> = (route, state) => resolveFlow(LOGIN_FLOW, route, state);

/**
 * A login route, wired: `loginFlowGuard`, the flow resolved as route data `flow` (an input `flow` under
 * `withComponentInputBinding()`), and guards and resolvers re-run when `?flow=` changes.
 *
 * ```ts
 * provideRouter([loginFlowRoute({ path: 'login', component: LoginPage })], withComponentInputBinding())
 * ```
 */
export function loginFlowRoute(route: Route): Route {
  return withFlow(loginFlowGuard, loginFlowResolver, route, 'login');
}
