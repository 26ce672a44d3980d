/*
 * The features of `provideKratos()`, as Angular's `withInterceptors()` and friends sit beside `provideHttpClient()`.
 * Each one checks its input and provides a token that lives beside the code that reads it.
 */
import { isPlatformBrowser } from '@angular/common';
import { inject, isDevMode, PLATFORM_ID, provideEnvironmentInitializer } from '@angular/core';
import { KRATOS_SESSION_TOKEN, SessionTokenOptions } from '../interceptor/session-token';
import { KRATOS_ERROR_ROUTE, KRATOS_LOGIN, LoginOptions } from '../navigation/navigation-tokens';
import { KRATOS_ALLOWED_ORIGINS } from '../security/kratos-origins';
import { parseOrigin } from '../security/urls';
import { KratosFeature } from './provide-kratos';

/**
 * Session-token mode: flow routes use native (api) flows and `kratosSessionTokenInterceptor` sends the token to
 * Kratos, and only to Kratos. Meant for runtimes without a browser's fetch (SSR, NativeScript, Capacitor's native
 * HTTP, Electron's main process): Kratos refuses an api flow's submit from a browser, because browsers send `Origin`
 * (docs/kratos-protocol.md §1.2). Register the interceptor with `provideHttpClient(withInterceptors([…]))`.
 */
export function withSessionToken(options: SessionTokenOptions): KratosFeature<'session-token'> {
  if (typeof options?.token !== 'function') {
    throw new Error('ngx-kratos: withSessionToken({ token }) needs a function that returns the token.');
  }
  return {
    ɵkind: 'session-token',
    ɵproviders: [
      {
        provide: KRATOS_SESSION_TOKEN,
        useValue: { token: options.token, headerName: options.headerName ?? 'X-Session-Token' },
      },
      provideEnvironmentInitializer(() => {
        if (isDevMode() && isPlatformBrowser(inject(PLATFORM_ID))) {
          console.warn(
            'ngx-kratos: withSessionToken() in a browser. Kratos refuses to accept the submit of an api (native) ' +
              'flow from a browser, because browsers send an Origin header; use cookie-based browser flows here ' +
              '(docs/kratos-protocol.md §1.2). Session-token mode is for SSR, native HTTP and scripts.',
          );
        }
      }),
    ],
  };
}

/** Where users go to sign in: the app's own login route, or (without one) Kratos's browser login. */
export function withLogin(options: LoginOptions = {}): KratosFeature<'login'> {
  if (options.route !== undefined && !isAppPath(options.route)) {
    throw new Error(
      `ngx-kratos: withLogin({ route }) takes an app path such as '/login'; got ${JSON.stringify(options.route)}.`,
    );
  }
  return { ɵkind: 'login', ɵproviders: [{ provide: KRATOS_LOGIN, useValue: options }] };
}

/**
 * Origins, beyond the app's own and Kratos's, that `return_to` and `redirect_browser_to` may point to: an OIDC
 * provider for account linking (`https://accounts.google.com`), another app of yours.
 */
export function withAllowedRedirects(origins: readonly string[]): KratosFeature<'allowed-redirects'> {
  const parsed = origins.map((origin) => {
    const normalised = parseOrigin(origin);
    if (!normalised) {
      throw new Error(
        `ngx-kratos: withAllowedRedirects() takes origins such as 'https://accounts.example.com' ` +
          `(scheme, host, port; no path, no wildcard); got ${JSON.stringify(origin)}.`,
      );
    }
    return normalised;
  });
  return { ɵkind: 'allowed-redirects', ɵproviders: [{ provide: KRATOS_ALLOWED_ORIGINS, useValue: parsed }] };
}

/**
 * Where errors with no recovery go (a server error, a redirect loop). The route receives a summary of the error
 * in the navigation's `state.kratosError`. Without it, such errors reach the app's `ErrorHandler`.
 */
export function withErrorRoute(route: string): KratosFeature<'error-route'> {
  if (!isAppPath(route)) {
    throw new Error(`ngx-kratos: withErrorRoute() takes an app path such as '/error'; got ${JSON.stringify(route)}.`);
  }
  return { ɵkind: 'error-route', ɵproviders: [{ provide: KRATOS_ERROR_ROUTE, useValue: route }] };
}

function isAppPath(route: unknown): route is string {
  return typeof route === 'string' && route.startsWith('/') && !route.startsWith('//') && !route.includes('\\');
}
