import { isPlatformBrowser } from '@angular/common';
import { inject, PLATFORM_ID } from '@angular/core';
import { ActivatedRouteSnapshot, RedirectCommand, Router, RouterStateSnapshot } from '@angular/router';
import { catchError, map, Observable, of } from 'rxjs';
import { KRATOS_SESSION_TOKEN } from '../config/features';
import { SettingsFlow } from '../models/settings-flow';
import { KRATOS_STEP_PARAM, KratosNavigator, settingsPage } from '../navigation/kratos-navigator';
import { SettingsFlowHandoff } from '../navigation/settings-flow-handoff';
import { KratosOrigins } from '../security/kratos-origins';
import { SettingsFlowService } from '../settings/settings-flow.service';

export type SettingsFlowLoad = SettingsFlow | RedirectCommand | false;

/**
 * The settings page's one request to Kratos (must run in an injection context):
 * - `?flow=<id>`: the flow handed on by the previous navigation, or `getFlow(id)`;
 * - no `?flow=`: a new flow (browser, or native in session-token mode), handed on to a redirect to `?flow=<id>`
 *   (a redirect from a guard replaces the history entry whenever the URL was already shown, so Back never lands
 *   on the flow-less URL), with the page's own `return_to` passed to Kratos if it is safe;
 * - errors: wherever `KratosNavigator` sends the user;
 * - on the server, outside session-token mode: nothing (the navigation is cancelled; the browser loads the page).
 */
export function loadSettingsFlow(
  route: ActivatedRouteSnapshot,
  state: RouterStateSnapshot,
): Observable<SettingsFlowLoad> {
  const tokenMode = inject(KRATOS_SESSION_TOKEN, { optional: true }) !== null;
  if (!tokenMode && !isPlatformBrowser(inject(PLATFORM_ID))) {
    // Browser flows live on the user's cookies, which a server render does not have: asking Kratos from here would
    // read as "signed out" and send a signed-in user to log in. The settings page loads in the browser instead
    // (render the route with RenderMode.Client).
    return of(false);
  }
  const settings = inject(SettingsFlowService);
  const handoff = inject(SettingsFlowHandoff);
  const navigator = inject(KratosNavigator);
  const page = inject(Router).parseUrl(state.url);
  const recover = (error: unknown) => of(navigator.navigationFor(error, state.url));
  const flowId = route.queryParamMap.get('flow');

  if (flowId) {
    const handedOn = handoff.take(flowId);
    return (handedOn ? of(handedOn) : settings.getFlow(flowId)).pipe(
      map((flow): SettingsFlowLoad => {
        if (page.queryParams[KRATOS_STEP_PARAM] === undefined) {
          return flow;
        }
        // Back from a login step and loaded: drop the loop marker from the address bar, without a second request.
        handoff.put(flow);
        return new RedirectCommand(settingsPage(page, flow.id));
      }),
      catchError(recover),
    );
  }

  const requestedReturnTo = route.queryParamMap.get('return_to');
  const returnTo = requestedReturnTo ? inject(KratosOrigins).safeTarget(requestedReturnTo)?.href : undefined;
  return (tokenMode ? settings.createNativeFlow({ returnTo }) : settings.createBrowserFlow({ returnTo })).pipe(
    map((flow) => {
      handoff.put(flow);
      return new RedirectCommand(settingsPage(page, flow.id));
    }),
    catchError(recover),
  );
}
