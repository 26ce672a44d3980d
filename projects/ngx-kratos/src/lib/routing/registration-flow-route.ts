import { CanActivateFn, ResolveFn, Route } from '@angular/router';
import { RegistrationFlow } from '../registration/registration-flow';
import { REGISTRATION_FLOW } from '../registration/registration-flow-descriptor';
import { guardFlow, resolveFlow, withFlow } from './flow-routes';

/**
 * Guards the registration route: loads (or creates) the registration flow with the page's own `return_to`,
 * `after_verification_return_to`, `login_challenge` and `organization`, or sends the user where its error says (a
 * signed-in user to `return_to` or home, a fresh flow, the error route). The flow is handed to
 * `registrationFlowResolver`, so the navigation costs exactly one request to Kratos:
 * `GET /self-service/registration/flows?id=` for the page's `?flow=`, else `GET /self-service/registration/browser` (`/api` in
 * session-token mode).
 */
// Plain functions, not `flowGuard(REGISTRATION_FLOW)`: a call at module level would keep routing in every bundle.
export const registrationFlowGuard: CanActivateFn = (route, state) => guardFlow(REGISTRATION_FLOW, route, state);

/** Resolves the registration route's `flow`: the one `registrationFlowGuard` loaded, or, used on its own, loads it. */
export const registrationFlowResolver: ResolveFn<RegistrationFlow> = (route, state) =>
  resolveFlow(REGISTRATION_FLOW, route, state);

/**
 * A registration route, wired: `registrationFlowGuard`, the flow resolved as route data `flow` (an input `flow` under
 * `withComponentInputBinding()`), and guards and resolvers re-run when `?flow=` changes.
 *
 * ```ts
 * provideRouter([registrationFlowRoute({ path: 'registration', component: RegistrationPage })], withComponentInputBinding())
 * ```
 */
export function registrationFlowRoute(route: Route): Route {
  return withFlow(registrationFlowGuard, registrationFlowResolver, route, 'registration');
}
