import { CanActivateFn, ResolveFn, Route } from '@angular/router';
import { VerificationFlow } from '../verification/verification-flow';
import { VERIFICATION_FLOW } from '../verification/verification-flow-descriptor';
import { guardFlow, resolveFlow, withFlow } from './flow-routes';

/**
 * Guards the verification route: loads (or creates) the verification flow with the page's own `return_to` (only when it is
 * safe), or sends the user where its error says (a fresh flow for an expired, unknown or other-kind flow id, the
 * replacement Kratos names, the error route). The flow is handed to `verificationFlowResolver`, so the navigation costs
 * exactly one request to Kratos:
 * `GET /self-service/verification/flows?id=` for the page's `?flow=`, else `GET /self-service/verification/browser` (`/api` in
 * session-token mode).
 */
// Plain functions, not `flowGuard(VERIFICATION_FLOW)`: a call at module level would keep routing in every bundle.
export const verificationFlowGuard: CanActivateFn = (route, state) => guardFlow(VERIFICATION_FLOW, route, state);

/** Resolves the verification route's `flow`: the one `verificationFlowGuard` loaded, or, used on its own, loads it. */
export const verificationFlowResolver: ResolveFn<VerificationFlow> = (route, state) =>
  resolveFlow(VERIFICATION_FLOW, route, state);

/**
 * A verification route, wired: `verificationFlowGuard`, the flow resolved as route data `flow` (an input `flow` under
 * `withComponentInputBinding()`), and guards and resolvers re-run when `?flow=` changes.
 *
 * ```ts
 * provideRouter([verificationFlowRoute({ path: 'verification', component: VerificationPage })], withComponentInputBinding())
 * ```
 */
export function verificationFlowRoute(route: Route): Route {
  return withFlow(verificationFlowGuard, verificationFlowResolver, route, 'verification');
}
