import { Location } from '@angular/common';
import { DOCUMENT } from '@angular/common';
import { ErrorHandler, inject, Injectable } from '@angular/core';
import { RedirectCommand, Router, UrlTree } from '@angular/router';
import { KratosError } from '../errors/kratos-error';
import { toKratosError } from '../errors/to-kratos-error';
import { KratosOrigins } from '../security/kratos-origins';
import { FlowPolicy, FlowRecovery, SHARED_FLOW_POLICY, SIGNED_IN_FLOW_POLICY } from './flow-policy';
import { KratosLocation } from './kratos-location';
import { KRATOS_ERROR_ROUTE, KRATOS_LOGIN } from './navigation-tokens';

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
  kind: KratosError['kind'];
  status: number;
  id?: string;
  reason?: string;
  message: string;
}

/**
 * The one place that turns a `KratosError` into where the user goes next, by a table per flow kind (its descriptor's
 * policy over the rules every flow shares). Flow routes use it for load errors; components use `handle()` for the
 * errors of a submit.
 *
 * In-app targets are `RedirectCommand`s; targets outside the app (Kratos's login, an OIDC provider) are full-page
 * navigations through `KratosLocation`, and only to the app's origin, Kratos's, or those of `withAllowedRedirects`.
 */
@Injectable({ providedIn: 'root' })
export class KratosNavigator {
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly document = inject(DOCUMENT, { optional: true });
  private readonly origins = inject(KratosOrigins);
  private readonly exit = inject(KratosLocation);
  private readonly login = inject(KRATOS_LOGIN);
  private readonly errorRoute = inject(KRATOS_ERROR_ROUTE);
  private readonly errorHandler = inject(ErrorHandler);

  /**
   * Where the user goes after `error` on the flow page `pageUrl` (a router URL such as `/settings?flow=…`), by
   * `policy` (default: a flow behind a session, as settings): a `RedirectCommand` to return from a guard or
   * resolver, or `false` when the page is being left (a full-page navigation has started) or the error went to the
   * `ErrorHandler`.
   */
  navigationFor(error: unknown, pageUrl: string, policy: FlowPolicy = SIGNED_IN_FLOW_POLICY): RedirectCommand | false {
    const kratosError = toKratosError(error);
    const page = this.router.parseUrl(pageUrl);
    const recovery: FlowRecovery = policy[kratosError.kind] ?? SHARED_FLOW_POLICY[kratosError.kind] ?? 'error';
    switch (recovery) {
      case 'login':
      case 'aal2':
      case 'refresh':
        // For a refresh: back to the flow *page*, not to Kratos's submit URL that `redirect_browser_to` names.
        return this.toLogin(recovery, page, kratosError);
      case 'replacement':
        // A submit's 410 names the replacement flow; GET's id-less 410 means: start a fresh one.
        return kratosError.useFlowId
          ? new RedirectCommand(flowPage(page, kratosError.useFlowId))
          : this.freshFlow(page, kratosError);
      case 'fresh-flow':
        return this.freshFlow(page, kratosError);
      case 'leave':
        return this.leave(kratosError.redirectBrowserTo, kratosError);
      case 'error':
        return this.unrecoverable(kratosError);
    }
  }

  /** `navigationFor`, carried out: for components handling an error of a submit. Resolves to whether the router navigated. */
  handle(error: unknown, pageUrl: string = this.router.url, policy?: FlowPolicy): Promise<boolean> {
    const target = this.navigationFor(error, pageUrl, policy);
    return target
      ? this.router.navigateByUrl(target.redirectTo, target.navigationBehaviorOptions)
      : Promise.resolve(false);
  }

  /**
   * Follows a URL from Kratos (`continue_with`'s `redirect_browser_to`, a `return_to`): in the app through the
   * router, elsewhere as a full-page navigation; refused with `redirect_not_allowed` unless its origin is allowed.
   */
  follow(url: string): Promise<boolean> {
    const target = this.origins.safeTarget(url);
    // Kratos behind a path of the app's origin (`/.ory`) is not a route of the app: its URLs are left for Kratos.
    const inApp = target && !this.origins.isKratosUrl(target.href) && this.appPath(target);
    if (inApp) {
      return this.router.navigateByUrl(inApp);
    }
    const result = this.leave(url, undefined);
    return result
      ? this.router.navigateByUrl(result.redirectTo, result.navigationBehaviorOptions)
      : Promise.resolve(false);
  }

  /** A fresh flow: the page without `?flow=`. If the page had none, the failing request created the flow: no retry loop. */
  private freshFlow(page: UrlTree, cause: KratosError): RedirectCommand | false {
    return page.queryParams['flow'] === undefined
      ? this.unrecoverable(cause)
      : new RedirectCommand(flowPage(page, undefined));
  }

  private toLogin(step: KratosLoginStep, page: UrlTree, cause: KratosError): RedirectCommand | false {
    if (page.queryParams[KRATOS_STEP_PARAM] === step) {
      return this.unrecoverable(
        new KratosError({
          kind: 'redirect_loop',
          status: cause.status,
          message: `ngx-kratos: back from the ${step} step with the same error (${cause.kind}); not sending the user there again.`,
          cause,
        }),
      );
    }
    const returnTo = this.absoluteAppUrl(withQuery(page, { [KRATOS_STEP_PARAM]: step }));
    const params: Record<string, string> = { return_to: returnTo };
    if (step === 'aal2') params['aal'] = 'aal2';
    if (step === 'refresh') params['refresh'] = 'true';

    if (this.login.route) {
      return new RedirectCommand(withQuery(this.router.parseUrl(this.login.route), params));
    }
    const kratosLogin = `${this.origins.kratosBase?.href.replace(/\/$/, '')}/self-service/login/browser`;
    return this.leave(`${kratosLogin}?${new URLSearchParams(params)}`, cause);
  }

  private leave(url: string | undefined, cause: KratosError | undefined): RedirectCommand | false {
    const target = url === undefined ? undefined : this.origins.safeTarget(url);
    if (!target) {
      return this.unrecoverable(
        new KratosError({
          kind: 'redirect_not_allowed',
          status: cause?.status,
          message: `ngx-kratos: not following ${JSON.stringify(url)}: its origin is not the app's, Kratos's, or one of withAllowedRedirects().`,
          cause,
        }),
      );
    }
    this.exit.assign(target.href);
    return false;
  }

  private unrecoverable(error: KratosError): RedirectCommand | false {
    if (this.errorRoute) {
      const kratosError: KratosErrorSummary = {
        kind: error.kind,
        status: error.status,
        id: error.id,
        reason: error.reason,
        message: error.message,
      };
      return new RedirectCommand(this.router.parseUrl(this.errorRoute), { state: { kratosError } });
    }
    this.errorHandler.handleError(error);
    return false;
  }

  private absoluteAppUrl(tree: UrlTree): string {
    return this.absolute(this.location.prepareExternalUrl(this.router.serializeUrl(tree)));
  }

  /** The router URL of `target` if it lies inside this app (below its base href, or its hash route), else `undefined`. */
  private appPath(target: URL): string | undefined {
    const root = this.absolute(this.location.prepareExternalUrl('/'));
    return target.href.startsWith(root) ? `/${target.href.slice(root.length)}` : undefined;
  }

  private absolute(externalUrl: string): string {
    return new URL(externalUrl, this.document?.location?.href ?? this.origins.documentBase).href;
  }
}

/** The page this flow is shown on, with `flow` set to `id` (or removed, for a fresh flow) and without the step marker. */
export function flowPage(page: UrlTree, id: string | undefined): UrlTree {
  return withQuery(page, { flow: id, [KRATOS_STEP_PARAM]: undefined });
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
