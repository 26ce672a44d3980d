import { inject } from '@angular/core';
import {
  ActivatedRouteSnapshot,
  CanActivateFn,
  RedirectCommand,
  ResolveFn,
  Route,
  RouterStateSnapshot,
} from '@angular/router';
import { filter, map, Observable } from 'rxjs';
import { FlowDescriptor } from '../flows/flow-descriptor';
import { FlowShape } from '../wire/read-body';
import { FlowHandoff } from '../navigation/flow-handoff';
import { loadFlow } from './load-flow';

/**
 * Guards a flow page: loads (or creates) the flow, or sends the user where its error says (login, AAL2 step-up, a
 * fresh flow, the error route). The loaded flow is handed to the resolver, so the navigation costs exactly one
 * request to Kratos.
 */
export function flowGuard(descriptor: FlowDescriptor): CanActivateFn {
  return (route, state) => guardFlow(descriptor, route, state);
}

/** `flowGuard(descriptor)`'s body, for guards declared as plain functions (so that an unused one costs nothing). */
export function guardFlow(
  descriptor: FlowDescriptor,
  route: ActivatedRouteSnapshot,
  state: RouterStateSnapshot,
): ReturnType<CanActivateFn> {
  const handoff = inject(FlowHandoff);
  return loadFlow(descriptor, route, state).pipe(
    map((result) => {
      if (result === false || result instanceof RedirectCommand) {
        return result;
      }
      handoff.put(descriptor.kind, result);
      return true;
    }),
  );
}

/**
 * Resolves a flow page's `flow`: the one the guard loaded, or, used on its own, loads it the same way. When the page
 * is being left (a full-page navigation to Kratos's login) it emits nothing, which cancels the navigation.
 */
export function flowResolver<F extends FlowShape>(descriptor: FlowDescriptor<F>): ResolveFn<F> {
  return (route, state) => resolveFlow(descriptor, route, state);
}

/** `flowResolver(descriptor)`'s body, for resolvers declared as plain functions. */
export function resolveFlow<F extends FlowShape>(
  descriptor: FlowDescriptor<F>,
  route: ActivatedRouteSnapshot,
  state: RouterStateSnapshot,
): Observable<F | RedirectCommand> {
  return loadFlow(descriptor, route, state).pipe(filter((result): result is F | RedirectCommand => result !== false));
}

/** The route data key that marks a flow route with its kind (read by `guestOnly()`). */
export const FLOW_KIND = Symbol('kratosFlowKind');

/** A flow route, wired: see `settingsFlowRoute`. */
export function flowRoute(descriptor: FlowDescriptor, route: Route): Route {
  return withFlow(flowGuard(descriptor), flowResolver(descriptor), route, descriptor.kind);
}

/**
 * `route` with `guard` first, the flow resolved as route data `flow` (an input `flow` under
 * `withComponentInputBinding()`), and guards and resolvers re-run when `?flow=` changes.
 */
export function withFlow(guard: CanActivateFn, resolver: ResolveFn<unknown>, route: Route, kind: string): Route {
  return {
    runGuardsAndResolvers: 'paramsOrQueryParamsChange',
    ...route,
    data: { ...route.data, [FLOW_KIND]: kind },
    canActivate: [guard, ...(route.canActivate ?? [])],
    resolve: { ...route.resolve, flow: resolver },
  };
}
