import { Location } from '@angular/common';
import { DOCUMENT } from '@angular/common';
import { EnvironmentInjector, ErrorHandler, inject, Injectable, runInInjectionContext } from '@angular/core';
import { RedirectCommand, Router, UrlTree } from '@angular/router';
import { KratosError } from '../errors/kratos-error';
import { toKratosError } from '../errors/to-kratos-error';
import { KRATOS_SESSION_TOKEN } from '../interceptor/session-token';
import {
  ContinueWith,
  ContinueWithRedirectBrowserTo,
  ContinueWithSetOrySessionToken,
  ContinueWithSettingsUi,
  ContinueWithVerificationUi,
} from '../models/continue-with';
import { FlowHandoff } from './flow-handoff';
import { KratosOrigins } from '../security/kratos-origins';
import { FlowShape, isUrlSafe } from '../wire/read-body';
import { FlowPolicy, FlowRecovery, SHARED_FLOW_POLICY, SIGNED_IN_FLOW_POLICY } from './flow-policy';
import { KratosLocation } from './kratos-location';
import { FlowPages, KRATOS_FLOW_PAGES } from './navigation-tokens';
import { injectServerRender } from '../server/server-hooks';
import { SessionChanges } from './session-changes';

/** The login step a user is sent to; recorded on the way back so the same step is never taken twice in a row. */
export type KratosLoginStep = 'login' | 'aal2' | 'refresh';

/**
 * The query parameter that marks the flow page URL given to a login step as `return_to`
 * (`/settings?flow=…&kratos_step=aal2`). If the user comes back and the same error would send them to the same
 * step again, that is a loop (say, a login UI that ignores `aal=aal2`): a `redirect_loop` error is raised
 * instead. The guard removes the marker once the page has loaded.
 */
export const KRATOS_STEP_PARAM = 'kratos_step';

/** What the error route receives in `history.state.kratosError`. */
export interface KratosErrorSummary {
  /** The error's kind (see `KratosErrorKind`). */
  kind: KratosError['kind'];
  /** The HTTP status; 0 when no answer arrived. */
  status: number;
  /** Kratos's error id, when it sent one. */
  id?: string;
  /** Kratos's `error.reason`, when it sent one. */
  reason?: string;
  /** The error's message. */
  message: string;
}

/** What the error route is given of `error`: its kind, status, Kratos's id, reason and message. */
export function errorSummary({ kind, status, id, reason, message }: KratosError): KratosErrorSummary {
  return { kind, status, id, reason, message };
}

/** Where an error sends the user: a `RedirectCommand`, or `false` when the page is being left or the error handled. */
export type FlowNavigationFor = (error: unknown, pageUrl: string, policy?: FlowPolicy) => RedirectCommand | false;

/** What the navigator is made of, for the few callers that need only part of it (a guard needs `navigationFor`). */
export interface FlowNavigation {
  navigationFor: FlowNavigationFor;
  /** A full-page navigation to `url` if its origin is allowed, else a `redirect_not_allowed` error. */
  leave(url: string | undefined, cause: KratosError | undefined): RedirectCommand | false;
  /** `externalUrl` (from `Location.prepareExternalUrl`) made absolute against the page. */
  absolute(externalUrl: string): string;
  /** The router URL of `target` when it lies inside this app, else `undefined`. */
  appPath(target: URL): string | undefined;
  /** Where a signed-in user goes from `page`: its safe `return_to`, else the app's home. */
  home(page: UrlTree): RedirectCommand | false;
  /** The settings flow of a URL from Kratos (`<settings UI>?flow=<id>`), on the app's settings page when it has one. */
  toSettings(url: string | undefined, cause: KratosError | undefined): RedirectCommand | false;
}

/**
 * The one place that turns a `KratosError` into where the user goes next, by a table per flow kind (its descriptor's
 * policy over the rules every flow shares). Must run in an injection context; what it returns may run later.
 *
 * In-app targets are `RedirectCommand`s; targets outside the app (Kratos's login, an OIDC provider) are full-page
 * navigations through `KratosLocation`, and only to the app's origin, Kratos's, or those of `withAllowedRedirects`.
 */
export function injectFlowNavigation(): FlowNavigation {
  const router = inject(Router);
  const location = inject(Location);
  const document = inject(DOCUMENT, { optional: true });
  const origins = inject(KratosOrigins);
  const exit = inject(KratosLocation);
  const pages = inject(KRATOS_FLOW_PAGES);
  const errorHandler = inject(ErrorHandler);
  // `withServerRendering()` during a server render: the response is where leaving and errors show.
  const server = injectServerRender();

  const absolute = (externalUrl: string) => new URL(externalUrl, document?.location?.href ?? origins.documentBase).href;

  const unrecoverable = (error: KratosError): RedirectCommand | false => {
    // On a server, Kratos unreachable (or too slow) is a 503 of the page, an error of Kratos's own a 502.
    if (error.kind === 'network' || error.kind === 'timeout') server?.fail(503);
    else if (error.status >= 500) server?.fail(502);
    if (pages.error) {
      const kratosError = errorSummary(error);
      // On a server the error page is shown in place, with the status above: a redirect would lose the state.
      return new RedirectCommand(router.parseUrl(pages.error), {
        state: { kratosError },
        skipLocationChange: server !== null,
      });
    }
    errorHandler.handleError(error);
    return false;
  };

  const leave = (url: string | undefined, cause: KratosError | undefined): RedirectCommand | false => {
    const target = url === undefined ? undefined : origins.safeTarget(url);
    if (!target) {
      return unrecoverable(
        new KratosError({
          kind: 'redirect_not_allowed',
          status: cause?.status,
          message:
            typeof ngDevMode === 'undefined' || ngDevMode
              ? `ngx-kratos: not following ${JSON.stringify(url)}: its origin is not the app's, Kratos's, or one of withAllowedRedirects().`
              : `ngx-kratos: redirect not allowed: ${url}`,
          cause,
        }),
      );
    }
    // Kratos's own start of a flow the app has a page for (the 422 to the second factor, say): that page, in the app.
    const kind = origins.isKratosUrl(target.href) && /\/self-service\/(\w+)\/browser$/.exec(target.pathname)?.[1];
    const page = kind ? pages[kind as keyof FlowPages] : undefined;
    if (typeof page === 'string') {
      return new RedirectCommand(withQuery(router.parseUrl(page), Object.fromEntries(target.searchParams)));
    }
    if (server) {
      // A server render cannot leave: its response becomes the redirect. The navigation goes on (to home, without
      // changing the URL), because @angular/ssr does not answer a render whose first navigation was cancelled.
      server.redirect(target.href, 303);
      return new RedirectCommand(router.parseUrl(pages.home ?? '/'), { skipLocationChange: true });
    }
    exit.assign(target.href);
    return false;
  };

  // Signed in already: the page's own `return_to` when it is safe (in the app, or a full-page navigation), else home.
  const home = (page: UrlTree): RedirectCommand | false => {
    const returnTo = page.queryParams['return_to'];
    const target = typeof returnTo === 'string' ? origins.safeTarget(returnTo) : undefined;
    const inApp = target && !origins.isKratosUrl(target.href) && appPath(target);
    if (inApp) return new RedirectCommand(router.parseUrl(inApp));
    return target ? leave(target.href, undefined) : new RedirectCommand(router.parseUrl(pages.home ?? '/'));
  };

  /** The router URL of `target` when it lies inside this app (below its base href), else `undefined`. */
  const appPath = (target: URL): string | undefined => {
    const root = absolute(location.prepareExternalUrl('/'));
    return target.href.startsWith(root) ? `/${target.href.slice(root.length)}` : undefined;
  };

  // A fresh flow: the page without `?flow=`. If the page had none, the failing request created the flow: no retry loop.
  const freshFlow = (page: UrlTree, cause: KratosError) =>
    page.queryParams['flow'] === undefined ? unrecoverable(cause) : new RedirectCommand(flowPage(page, undefined));

  const toLogin = (step: KratosLoginStep, page: UrlTree, cause: KratosError): RedirectCommand | false => {
    if (page.queryParams[KRATOS_STEP_PARAM] === step) {
      return unrecoverable(
        new KratosError({
          kind: 'redirect_loop',
          status: cause.status,
          message:
            typeof ngDevMode === 'undefined' || ngDevMode
              ? `ngx-kratos: back from the ${step} step with the same error (${cause.kind}); not sending the user there again.`
              : `ngx-kratos: redirect loop (${step})`,
          cause,
        }),
      );
    }
    const returnTo = absolute(
      location.prepareExternalUrl(router.serializeUrl(withQuery(page, { [KRATOS_STEP_PARAM]: step }))),
    );
    const params: Record<string, string> = { return_to: returnTo };
    if (step === 'aal2') params['aal'] = 'aal2';
    if (step === 'refresh') params['refresh'] = 'true';
    if (pages.login) {
      return new RedirectCommand(withQuery(router.parseUrl(pages.login), params));
    }
    const kratosLogin = `${origins.kratosBase?.href.replace(/\/$/, '')}/self-service/login/browser`;
    return leave(`${kratosLogin}?${new URLSearchParams(params)}`, cause);
  };

  /**
   * A settings flow Kratos sends the browser to (`<settings UI>?flow=<id>`): the app's settings page with that flow,
   * else the URL itself, in the app when it lies in it, else a full-page navigation (allowed origins only).
   */
  const toSettings = (url: string | undefined, cause: KratosError | undefined): RedirectCommand | false => {
    // Only the flow id is taken to the app's own page, so the URL need not be on an allowed origin for that.
    const id = url === undefined ? undefined : flowParam(url);
    if (pages.settings && isUrlSafe(id)) {
      return new RedirectCommand(withQuery(router.parseUrl(pages.settings), { flow: id }));
    }
    const target = url === undefined ? undefined : origins.safeTarget(url);
    const inApp = target && !origins.isKratosUrl(target.href) && appPath(target);
    return inApp ? new RedirectCommand(router.parseUrl(inApp)) : leave(url, cause);
  };

  const navigationFor: FlowNavigationFor = (error, pageUrl, policy = SIGNED_IN_FLOW_POLICY) => {
    const kratosError = toKratosError(error);
    const page = router.parseUrl(pageUrl);
    // An error that names the flow to go on with (`use_flow_id`, or a `show_<flow>_ui` in its details) goes there.
    const recovery: FlowRecovery =
      policy[kratosError.kind] ??
      SHARED_FLOW_POLICY[kratosError.kind] ??
      (kratosError.useFlowId ? 'replacement' : 'error');
    switch (recovery) {
      case 'login':
      case 'aal2':
      case 'refresh':
        // For a refresh: back to the flow *page*, not to Kratos's submit URL that `redirect_browser_to` names.
        return toLogin(recovery, page, kratosError);
      case 'replacement':
        // A submit's 410 names the replacement flow; GET's 410 means: start a fresh one, with the expired flow's
        // `return_to` (`details.return_to`, docs/kratos-protocol.md §7.3) when the page has none of its own (it came
        // by Kratos's redirect to `?flow=<id>`); the new flow's start checks it like any other.
        // A replacement that is the page's own flow again would be the same navigation over and over: a fresh flow.
        return kratosError.useFlowId && kratosError.useFlowId !== page.queryParams['flow']
          ? new RedirectCommand(flowPage(page, kratosError.useFlowId))
          : freshFlow(withExpiredReturnTo(page, kratosError), kratosError);
      case 'fresh-flow':
        return freshFlow(page, kratosError);
      case 'leave':
        return leave(kratosError.redirectBrowserTo, kratosError);
      case 'settings':
        return toSettings(kratosError.redirectBrowserTo, kratosError);
      case 'home':
        return home(page);
      case 'first-factor':
        // A second factor without a first (`aal=aal2`, no session): this page as a first login. Without `aal` it
        // would be a loop.
        return page.queryParams['aal'] === undefined
          ? unrecoverable(kratosError)
          : new RedirectCommand(withQuery(page, { aal: undefined, flow: undefined, [KRATOS_STEP_PARAM]: undefined }));
      case 'error':
        return unrecoverable(kratosError);
    }
  };

  return { navigationFor, leave, toSettings, absolute, appPath, home };
}

/**
 * `injectFlowNavigation()` as a service, for components: `handle()` carries out where the errors of a submit send the
 * user, `follow()` goes where a URL from Kratos points.
 */
@Injectable({ providedIn: 'root' })
export class KratosNavigator {
  private readonly router = inject(Router);
  private readonly origins = inject(KratosOrigins);
  private readonly pages = inject(KRATOS_FLOW_PAGES);
  private readonly tokens = inject(KRATOS_SESSION_TOKEN, { optional: true });
  private readonly injector = inject(EnvironmentInjector);
  private readonly navigation = injectFlowNavigation();
  private readonly handoff = inject(FlowHandoff);
  private readonly sessionChanges = inject(SessionChanges);

  /**
   * Where the user goes after `error` on the flow page `pageUrl` (a router URL such as `/settings?flow=…`), by
   * `policy` (default: a flow behind a session, as settings): a `RedirectCommand` to return from a guard or
   * resolver, or `false` when the page is being left (a full-page navigation has started) or the error went to the
   * `ErrorHandler`.
   */
  navigationFor(error: unknown, pageUrl: string, policy?: FlowPolicy): RedirectCommand | false {
    return this.navigation.navigationFor(error, pageUrl, policy);
  }

  /** `navigationFor`, carried out: for components handling an error of a submit. Resolves to whether the router navigated. */
  handle(error: unknown, pageUrl: string = this.router.url, policy?: FlowPolicy): Promise<boolean> {
    return this.go(this.navigationFor(error, pageUrl, policy));
  }

  /**
   * Follows a URL from Kratos (`continue_with`'s `redirect_browser_to`, a `return_to`): in the app through the
   * router, elsewhere as a full-page navigation; refused with `redirect_not_allowed` unless its origin is allowed.
   */
  follow(url: string): Promise<boolean> {
    const target = this.origins.safeTarget(url);
    // Kratos behind a path of the app's origin (`/.ory`) is not a route of the app: its URLs are left for Kratos.
    const inApp = target && !this.origins.isKratosUrl(target.href) && this.navigation.appPath(target);
    return inApp ? this.router.navigateByUrl(inApp) : this.go(this.navigation.leave(url, undefined));
  }

  /**
   * After a successful login or registration on the page `pageUrl`: stores a new session token through
   * `withSessionToken({ store })`; sends `show_verification_ui` to the app's verification page when it has one
   * (`withFlowPages`), else resolves to it for the app to show; then goes where Kratos says (`redirect_browser_to`,
   * followed only to an allowed origin, in the app without a reload), or, without one or with
   * `afterSignIn: 'home'`, to the page's safe `return_to` or the app's home.
   */
  async completeSignIn(
    result: { continueWith: readonly ContinueWith[]; sessionToken?: string },
    pageUrl: string = this.router.url,
  ): Promise<ContinueWithVerificationUi | undefined> {
    const items = result.continueWith;
    this.storeToken(items, result.sessionToken);
    // A new session: the session signals ask again (the guards of the navigation below join that request).
    this.sessionChanges.changed();
    const verification = items.find(
      (item): item is ContinueWithVerificationUi => item.action === 'show_verification_ui',
    );
    if (verification && this.pages.verification) {
      await this.showVerification(verification);
      return undefined;
    }
    const redirect = items.find((item): item is ContinueWithRedirectBrowserTo => item.action === 'redirect_browser_to');
    await (redirect && this.pages.afterSignIn !== 'home'
      ? this.follow(redirect.redirect_browser_to)
      : this.go(this.navigation.home(this.router.parseUrl(pageUrl))));
    return verification;
  }

  /**
   * After a recovery's `passed` answer (with `use_continue_with_transitions`, docs/kratos-protocol.md §11.5): stores
   * the session token of an api flow through `withSessionToken({ store })`, then shows the settings flow of
   * `show_settings_ui` on the app's settings page (in the app), else at its `url`. Resolves to whether it navigated.
   */
  completeRecovery(result: { continueWith: readonly ContinueWith[] }): Promise<boolean> {
    this.storeToken(result.continueWith, undefined);
    // A passed recovery signs the user in.
    this.sessionChanges.changed();
    const settings = result.continueWith.find(
      (item): item is ContinueWithSettingsUi => item.action === 'show_settings_ui',
    );
    if (!settings) return Promise.resolve(false);
    if (this.pages.settings && isUrlSafe(settings.flow.id)) {
      return this.router.navigateByUrl(
        withQuery(this.router.parseUrl(this.pages.settings), { flow: settings.flow.id }),
      );
    }
    return settings.flow.url
      ? this.go(this.navigation.toSettings(settings.flow.url, undefined))
      : Promise.resolve(false);
  }

  /**
   * Goes to the app's verification page (`withFlowPages({ verification })`) with the flow of a `show_verification_ui`;
   * resolves to `false` without navigating when the app has no such page (the caller shows it its own way).
   */
  showVerification(item: ContinueWithVerificationUi): Promise<boolean> {
    if (!this.pages.verification || !isUrlSafe(item.flow.id)) return Promise.resolve(false);
    return this.router.navigateByUrl(withQuery(this.router.parseUrl(this.pages.verification), { flow: item.flow.id }));
  }

  /**
   * Shows `flow`, which Kratos answered in place of the submitted one (a `replaced` result), on the page `pageUrl`:
   * the page's `?flow=` becomes its id, in place of the history entry, and the flow route takes `flow` as it is, with
   * no request. `kind` is the flow route's kind (`recovery`, `verification`…).
   */
  showReplacement(kind: string, flow: FlowShape, pageUrl: string = this.router.url): Promise<boolean> {
    this.handoff.put(kind, flow);
    return this.router.navigateByUrl(flowPage(this.router.parseUrl(pageUrl), flow.id), { replaceUrl: true });
  }

  private storeToken(items: readonly ContinueWith[], sessionToken: string | undefined): void {
    const token =
      sessionToken ??
      items.find((item): item is ContinueWithSetOrySessionToken => item.action === 'set_ory_session_token')
        ?.ory_session_token;
    const store = this.tokens?.store;
    if (token && store) {
      runInInjectionContext(this.injector, () => store(token));
    }
  }

  private go(target: RedirectCommand | false): Promise<boolean> {
    return target
      ? this.router.navigateByUrl(target.redirectTo, target.navigationBehaviorOptions)
      : Promise.resolve(false);
  }
}

/** The page this flow is shown on, with `flow` set to `id` (or removed, for a fresh flow) and without the step marker. */
export function flowPage(page: UrlTree, id: string | undefined): UrlTree {
  return withQuery(page, { flow: id, [KRATOS_STEP_PARAM]: undefined });
}

/** `page` with the `return_to` of an expired flow (GET's 410 `details.return_to`) when it has none of its own. */
function withExpiredReturnTo(page: UrlTree, error: KratosError): UrlTree {
  const returnTo = error.details?.['return_to'];
  return page.queryParams['return_to'] === undefined && typeof returnTo === 'string' && returnTo !== ''
    ? withQuery(page, { return_to: returnTo })
    : page;
}

/** The `flow` query parameter of an absolute URL, or `undefined` when it is not one. */
function flowParam(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('flow') ?? undefined;
  } catch {
    return undefined;
  }
}

/** A copy of `tree` with the given query parameters set (or removed, where `undefined`). */
export function withQuery(tree: UrlTree, params: Record<string, string | undefined>): UrlTree {
  const copy = new UrlTree(tree.root, { ...tree.queryParams }, tree.fragment);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) {
      delete copy.queryParams[key];
    } else {
      copy.queryParams[key] = value;
    }
  }
  return copy;
}
