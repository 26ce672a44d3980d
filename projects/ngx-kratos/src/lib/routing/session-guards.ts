import { isPlatformBrowser } from '@angular/common';
import { inject, PLATFORM_ID } from '@angular/core';
import { CanActivateFn, CanMatchFn, RedirectCommand, Router } from '@angular/router';
import { catchError, map, Observable, of } from 'rxjs';
import { KratosError } from '../errors/kratos-error';
import { KRATOS_SESSION_TOKEN } from '../interceptor/session-token';
import { AuthenticatorAssuranceLevel, Session } from '../models/session';
import { SIGNED_IN_FLOW_POLICY } from '../navigation/flow-policy';
import { injectServerRender } from '../server/server-hooks';
import { injectFlowNavigation, KRATOS_STEP_PARAM, withQuery } from '../navigation/kratos-navigator';
import { SessionCheck } from './session-check';
import { FLOW_KIND } from './flow-routes';

/** A guard for `canActivate` and `canMatch` alike. */
export type SessionGuard = CanActivateFn & CanMatchFn;

/** The options of `requireSession()`: the assurance level the page needs. */
export interface RequireSessionOptions {
  /** The level the page needs: `aal2` sends a session without its second factor to the second-factor login. */
  aal?: Exclude<AuthenticatorAssuranceLevel, 'aal0' | 'aal1'>;
}

const LEVELS: readonly string[] = ['aal0', 'aal1', 'aal2', 'aal3'];

/**
 * A route for signed-in users only (`canActivate` or `canMatch`): no session → the login page, `return_to` = this page;
 * a session below `aal` (or Kratos's `session_aal2_required`) → the second-factor login, and back. One
 * `GET /sessions/whoami` per navigation, shared by every session guard of it. On the server outside session-token mode it cancels the
 * navigation, as the flow routes do (a server render has no cookies), unless `withServerRendering()` forwards them.
 */
export function requireSession(options: RequireSessionOptions = {}): SessionGuard {
  return (...args: unknown[]) =>
    checkSession(
      targetUrl(args),
      (session) => {
        const level = session.authenticator_assurance_level ?? 'aal1';
        return options.aal !== undefined && LEVELS.indexOf(level) < LEVELS.indexOf(options.aal) ? 'aal2' : true;
      },
      options.aal === undefined ? ['login'] : ['login', 'aal2'],
    );
}

/**
 * A route for signed-out users (login, registration): a signed-in user goes to the page's safe `return_to`, else the
 * app's home; never for a re-authentication (`refresh=true`) or a second factor (`aal=aal2`). It asks Kratos with
 * `GET /sessions/whoami`, shared with the navigation's other session guards, except on a flow route (`loginFlowRoute`,
 * `registrationFlowRoute`), where it asks nothing: Kratos's `session_already_available` answer to the flow's own
 * request does the same, so the navigation stays at one request. Elsewhere on the server outside session-token mode it
 * cancels the navigation, as `requireSession()` does, unless `withServerRendering()` forwards the request's cookies.
 */
export function guestOnly(): SessionGuard {
  return (...args: unknown[]) => {
    const route = args[0] as {
      data?: Record<string | symbol, unknown>;
      routeConfig?: { data?: Record<string | symbol, unknown> };
    };
    if (route.routeConfig?.data?.[FLOW_KIND] ?? route.data?.[FLOW_KIND]) {
      return true;
    }
    const url = targetUrl(args);
    const query = inject(Router).parseUrl(url).queryParams;
    if (asksForMore(query['refresh'], query['aal'])) {
      return true;
    }
    if (!canAskKratos()) {
      // A server render without the request's cookies would read every user as signed out: the browser decides.
      return false;
    }
    const { home } = injectFlowNavigation();
    const router = inject(Router);
    return inject(SessionCheck)
      .session()
      .pipe(
        map(() => home(router.parseUrl(url))),
        catchError((error: unknown) =>
          of(error instanceof KratosError && error.kind === 'session_inactive' ? true : false),
        ),
      );
  };
}

/** Go's `strconv.ParseBool` true values: what Kratos's login init takes as `refresh=true` (docs/kratos-protocol.md §7.1). */
const GO_TRUE: ReadonlySet<unknown> = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

/**
 * Whether a login page's query asks Kratos for more than a first sign-in, which a signed-in user may well need: a
 * re-authentication (`refresh`, read as Kratos reads it) or a level above `aal1` (`aal`, lower-cased; empty is aal1).
 */
function asksForMore(refresh: unknown, aal: unknown): boolean {
  return GO_TRUE.has(refresh) || (typeof aal === 'string' && aal !== '' && aal.toLowerCase() !== 'aal1');
}

/** The URL being navigated to: the state's on `canActivate`, the navigation's on `canMatch`. */
function targetUrl(args: unknown[]): string {
  const state = args[1] as { url?: unknown } | unknown[];
  if (!Array.isArray(state) && typeof state?.url === 'string') {
    return state.url;
  }
  const router = inject(Router);
  const navigation = router.currentNavigation();
  return router.serializeUrl(navigation?.finalUrl ?? navigation?.extractedUrl ?? router.parseUrl(router.url));
}

/** The session check both guards share; `decide` says what a session means for the page. */
function checkSession(
  url: string,
  decide: (session: Session) => true | 'aal2',
  steps: readonly string[],
): Observable<boolean | RedirectCommand> | boolean {
  if (!canAskKratos()) {
    return false;
  }
  if (injectServerRender()?.redirected) {
    // This render is an HTTP redirect already: what it shows meanwhile is never seen.
    return true;
  }
  const { navigationFor } = injectFlowNavigation();
  const router = inject(Router);
  const toStep = (error: unknown) => navigationFor(error, url, SIGNED_IN_FLOW_POLICY);
  return inject(SessionCheck)
    .session()
    .pipe(
      map((session) =>
        decide(session) === true
          ? signedIn(router, url, steps)
          : toStep(
              new KratosError({
                kind: 'session_aal2_required',
                status: 403,
                message: 'ngx-kratos: a second factor is needed.',
              }),
            ),
      ),
      catchError((error: unknown) => of(toStep(error))),
    );
}

/**
 * The page, once a session is there: as it is, or, back from a login step this guard sent the user to (`steps`: the
 * login, and the second factor when it asks for `aal2`), without that step's `kratos_step` marker (in place of the
 * history entry), so that a later visit is not taken for a loop. A marker of another step (a flow route's `refresh`
 * or `aal2` below this guard) is the flow route's to check and to remove. The redirect's navigation takes this
 * navigation's whoami (`SessionCheck`).
 */
function signedIn(router: Router, url: string, steps: readonly string[]): true | RedirectCommand {
  const page = router.parseUrl(url);
  const step = page.queryParams[KRATOS_STEP_PARAM];
  return typeof step === 'string' && steps.includes(step)
    ? new RedirectCommand(withQuery(page, { [KRATOS_STEP_PARAM]: undefined }), { replaceUrl: true })
    : true;
}

/**
 * In a browser, in session-token mode, or in a server render with `withServerRendering()` (which forwards the
 * request's cookies): a server render without it has no cookies to ask Kratos with.
 */
function canAskKratos(): boolean {
  return (
    inject(KRATOS_SESSION_TOKEN, { optional: true }) !== null ||
    isPlatformBrowser(inject(PLATFORM_ID)) ||
    injectServerRender() !== null
  );
}
