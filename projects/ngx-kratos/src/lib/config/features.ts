import { InjectionToken, isDevMode, PLATFORM_ID, inject, provideEnvironmentInitializer } from '@angular/core';
import { isPlatformBrowser } from '@angular/common';
import { catchError, defaultIfEmpty, isObservable, Observable, of, take } from 'rxjs';
import { parseOrigin } from '../security/urls';
import { KratosFeature } from './provide-kratos';

const devMode = () => typeof ngDevMode === 'undefined' || !!ngDevMode;

// ── Session token ────────────────────────────────────────────────────────────────────────────────────────────

export interface SessionTokenOptions {
  /**
   * Returns the current session token, or `null` when there is none. Runs in an injection context on every
   * request to Kratos, so it may `inject()`; an Observable is read for its first value.
   */
  token: () => string | null | Observable<string | null>;
  /**
   * The header to send it in. Default: `X-Session-Token`, which Kratos reads; `Authorization` sends
   * `Bearer <token>`, which Kratos also reads. Another name only helps behind a proxy that maps it.
   */
  headerName?: string;
}

export const KRATOS_SESSION_TOKEN = new InjectionToken<Required<SessionTokenOptions>>(
  devMode() ? 'KRATOS_SESSION_TOKEN' : '',
);

/**
 * Session-token mode: the settings route uses native (api) flows and `kratosSessionTokenInterceptor` sends the
 * token to Kratos, and only to Kratos. Meant for runtimes without a browser's fetch (SSR, NativeScript, Capacitor's
 * native HTTP, Electron's main process): Kratos refuses an api flow's submit from a browser, because browsers send
 * `Origin` (protocol §0.1 and §1.2). Register the interceptor with `provideHttpClient(withInterceptors([…]))`.
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
              '(protocol §0.1). Session-token mode is for SSR, native HTTP and scripts.',
          );
        }
      }),
    ],
  };
}

/** The token `source` gives now: its first value; `null` when it has none, throws or fails. */
export function currentSessionToken(source: SessionTokenOptions['token']): Observable<string | null> {
  let value: ReturnType<SessionTokenOptions['token']>;
  try {
    value = source();
  } catch {
    return of(null);
  }
  return isObservable(value)
    ? value.pipe(
        take(1),
        defaultIfEmpty(null),
        catchError(() => of(null)),
      )
    : of(value);
}

// ── Login ────────────────────────────────────────────────────────────────────────────────────────────────────

export interface LoginOptions {
  /**
   * The app's own login route (e.g. `/login`); it receives `return_to`, and `aal=aal2` or `refresh=true` when a
   * stronger or fresher session is needed. Without it, users go to Kratos's `{base}/self-service/login/browser`.
   */
  route?: string;
}

export const KRATOS_LOGIN = new InjectionToken<LoginOptions>(devMode() ? 'KRATOS_LOGIN' : '', {
  providedIn: 'root',
  factory: () => ({}),
});

export function withLogin(options: LoginOptions = {}): KratosFeature<'login'> {
  if (options.route !== undefined && !isAppPath(options.route)) {
    throw new Error(
      `ngx-kratos: withLogin({ route }) takes an app path such as '/login'; got ${JSON.stringify(options.route)}.`,
    );
  }
  return { ɵkind: 'login', ɵproviders: [{ provide: KRATOS_LOGIN, useValue: options }] };
}

// ── Allowed redirects ────────────────────────────────────────────────────────────────────────────────────────

export const KRATOS_ALLOWED_ORIGINS = new InjectionToken<readonly string[]>(devMode() ? 'KRATOS_ALLOWED_ORIGINS' : '', {
  providedIn: 'root',
  factory: () => [],
});

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

// ── Error route ──────────────────────────────────────────────────────────────────────────────────────────────

export const KRATOS_ERROR_ROUTE = new InjectionToken<string | null>(devMode() ? 'KRATOS_ERROR_ROUTE' : '', {
  providedIn: 'root',
  factory: () => null,
});

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
