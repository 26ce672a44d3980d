import { isPlatformBrowser } from '@angular/common';
import { inject, PLATFORM_ID } from '@angular/core';
import { ActivatedRouteSnapshot, RedirectCommand, Router, RouterStateSnapshot } from '@angular/router';
import { catchError, map, Observable, of } from 'rxjs';
import { FlowDescriptor } from '../flows/flow-descriptor';
import { createBrowserFlow, createNativeFlow, FlowQuery, getFlow } from '../flows/flow-requests';
import { KratosHttp } from '../http/kratos-http';
import { KRATOS_SESSION_TOKEN } from '../interceptor/session-token';
import { flowPage, injectFlowNavigation, KRATOS_STEP_PARAM } from '../navigation/kratos-navigator';
import { KratosOrigins } from '../security/kratos-origins';
import { FlowShape } from '../wire/read-body';
import { FlowHandoff } from '../navigation/flow-handoff';
import { injectServerRender, injectTransferHooks } from '../server/server-hooks';

/** What loading a flow page comes to: the flow, a redirect to return from a guard or resolver, or `false` (cancel). */
export type FlowLoad<F> = F | RedirectCommand | false;

/**
 * A flow page's one request to Kratos (must run in an injection context):
 * - `?flow=<id>`: the flow handed on by the previous navigation, or `getFlow(id)`;
 * - no `?flow=`: a new flow (browser, or native in session-token mode), handed on to a redirect to `?flow=<id>`
 *   (a redirect from a guard replaces the history entry whenever the URL was already shown, so Back never lands
 *   on the flow-less URL), with the descriptor's start parameters taken from the page's query (redirect targets
 *   such as `return_to` only when they are safe);
 * - errors: wherever the navigator (`injectFlowNavigation`) sends the user, by the descriptor's policy;
 * - on the server, outside session-token mode: nothing (the navigation is cancelled; the browser loads the page),
 *   unless `withServerRendering()`: then the request's cookies go along, a new flow is shown at once (no redirect)
 *   and handed to the browser in `TransferState`, which the browser's first navigation takes instead of asking.
 */
export function loadFlow<F extends FlowShape>(
  descriptor: FlowDescriptor<F>,
  route: ActivatedRouteSnapshot,
  state: RouterStateSnapshot,
): Observable<FlowLoad<F>> {
  const tokenMode = inject(KRATOS_SESSION_TOKEN, { optional: true }) !== null;
  const server = injectServerRender();
  if (server?.redirected) {
    // This render is an HTTP redirect already; what it shows meanwhile is never seen.
    return of(false);
  }
  if (!tokenMode && !server && !isPlatformBrowser(inject(PLATFORM_ID))) {
    // Browser flows live on the user's cookies, which a server render does not have: asking Kratos from here would
    // read as "signed out" and send a signed-in user to log in. The page loads in the browser instead (render the
    // route with RenderMode.Client).
    return of(false);
  }
  const http = inject(KratosHttp);
  const handoff = inject(FlowHandoff);
  const { navigationFor } = injectFlowNavigation();
  const page = inject(Router).parseUrl(state.url);
  const recover = (error: unknown) => of(navigationFor(error, state.url, descriptor.policy));
  const flowId = route.queryParamMap.get('flow');
  const transfer = injectTransferHooks()?.flow();
  const transferred = transfer?.take<F>(descriptor.kind, state.url, flowId);

  if (transferred && !flowId) {
    // The server rendered this page with a new flow (status 200, no redirect): put its id in the address bar,
    // through a redirect that replaces the history entry and takes the flow from the hand-off, without a request.
    handoff.put(descriptor.kind, transferred);
    return of(new RedirectCommand(flowPage(page, transferred.id), { replaceUrl: true }));
  }

  if (flowId) {
    const handedOn = transferred ?? handoff.take<F>(descriptor.kind, flowId);
    return (handedOn ? of(handedOn) : getFlow<F, 'body'>(http, descriptor, flowId, {})).pipe(
      map((flow): FlowLoad<F> => {
        transfer?.put(descriptor.kind, state.url, flow);
        if (page.queryParams[KRATOS_STEP_PARAM] === undefined) {
          return flow;
        }
        // Back from a login step and loaded: drop the loop marker from the address bar, without a second request.
        handoff.put(descriptor.kind, flow);
        return new RedirectCommand(flowPage(page, flow.id));
      }),
      catchError(recover),
    );
  }

  // A server render shows a new flow without a redirect: its resolver takes the one its guard created.
  const created = server ? handoff.takeNewest<F>(descriptor.kind) : undefined;
  if (created) {
    return of(created);
  }
  const query = startQuery(descriptor, route, inject(KratosOrigins));
  return (
    tokenMode
      ? createNativeFlow<F, 'body'>(http, descriptor, query, {})
      : createBrowserFlow<F, 'body'>(http, descriptor, query, {})
  ).pipe(
    map((flow): FlowLoad<F> => {
      if (server) {
        // A redirect to `?flow=<id>` would be a second render and a second request: show this flow now.
        transfer?.put(descriptor.kind, state.url, flow);
        return flow;
      }
      handoff.put(descriptor.kind, flow);
      return new RedirectCommand(flowPage(page, flow.id));
    }),
    catchError(recover),
  );
}

/**
 * The start parameters that are redirect targets: Kratos sends the browser there later (`return_to`; registration's
 * `after_verification_return_to`, the `return_to` of the verification flow it starts, docs/kratos-protocol.md §8.1).
 */
const REDIRECT_PARAMS: ReadonlySet<string> = new Set(['return_to', 'after_verification_return_to']);

/** The page's own start parameters for Kratos; a redirect target goes only when it is on an allowed origin. */
function startQuery(descriptor: FlowDescriptor, route: ActivatedRouteSnapshot, origins: KratosOrigins): FlowQuery {
  const query: Record<string, string | undefined> = {};
  for (const name of descriptor.startParams) {
    const value = route.queryParamMap.get(name) ?? undefined;
    query[name] = REDIRECT_PARAMS.has(name) && value !== undefined ? origins.safeTarget(value)?.href : value;
  }
  return query;
}
