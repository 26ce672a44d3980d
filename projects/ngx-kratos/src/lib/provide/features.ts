/*
 * The features of `provideKratos()`, as Angular's `withInterceptors()` and friends sit beside `provideHttpClient()`.
 * Each one checks its input and provides a token that lives beside the code that reads it.
 */
import { isPlatformBrowser, isPlatformServer } from '@angular/common';
import { HttpBackend, HttpXhrBackend } from '@angular/common/http';
import { EnvironmentProviders, inject, isDevMode, PLATFORM_ID, provideEnvironmentInitializer } from '@angular/core';
import { KRATOS_CONFIG, KratosRetryConfig } from '../config/kratos-config';
import { KRATOS_RETRY_STAGE, KRATOS_SERVER_EXCHANGE, KRATOS_SHARING_STAGE } from '../http/exchange-stage';
import { KRATOS_SERVER_RENDER, KRATOS_TRANSFER_HOOKS } from '../server/server-hooks';
import { KRATOS_SERVER_RENDERING, ServerRenderingOptions, serverRenderFactory } from '../server/server-render';
import { injectFlowTransfer, injectSessionTransfer, takeTransferredSession } from '../server/transfer';
import { sharingStage } from '../http/request-sharing';
import { DEFAULT_RETRY, resolveRetry, retryStage } from '../http/retry';
import { KRATOS_SESSION_TOKEN, SessionTokenOptions } from '../interceptor/session-token';
import { FlowPages, KRATOS_ERROR_ROUTE, KRATOS_LOGIN, LoginOptions } from '../navigation/navigation-tokens';
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
  const dev = typeof ngDevMode === 'undefined' || ngDevMode;
  if (dev && typeof options?.token !== 'function') {
    throw new Error('ngx-kratos: withSessionToken({ token }) needs a function that returns the token.');
  }
  return {
    ɵkind: 'session-token',
    ɵproviders: [
      {
        provide: KRATOS_SESSION_TOKEN,
        useValue: { ...options, headerName: options.headerName ?? 'X-Session-Token' },
      },
      ...(dev ? [warnOfSessionTokenInBrowser()] : []),
    ],
  };
}

/** Dev mode: session-token mode in a browser cannot submit an api flow; say so at startup. */
function warnOfSessionTokenInBrowser(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    if (isDevMode() && isPlatformBrowser(inject(PLATFORM_ID))) {
      console.warn(
        'ngx-kratos: withSessionToken() in a browser. Kratos refuses to accept the submit of an api (native) ' +
          'flow from a browser, because browsers send an Origin header; use cookie-based browser flows here ' +
          '(docs/kratos-protocol.md §1.2). Session-token mode is for SSR, native HTTP and scripts.',
      );
    }
  });
}

/** Where users go to sign in: the app's own login route, or (without one) Kratos's browser login. */
export function withLogin(options: LoginOptions = {}): KratosFeature<'login'> {
  if ((typeof ngDevMode === 'undefined' || ngDevMode) && options.route !== undefined && !isAppPath(options.route)) {
    throw new Error(
      `ngx-kratos: withLogin({ route }) takes an app path such as '/login'; got ${JSON.stringify(options.route)}.`,
    );
  }
  return {
    ɵkind: 'login',
    ɵproviders: [{ provide: KRATOS_LOGIN, useValue: options }],
    ɵpages: options.route === undefined ? {} : { login: options.route },
  };
}

/**
 * Origins, beyond the app's own and Kratos's, that `return_to` and `redirect_browser_to` may point to: an OIDC
 * provider for account linking (`https://accounts.google.com`), another app of yours.
 */
export function withAllowedRedirects(origins: readonly string[]): KratosFeature<'allowed-redirects'> {
  const parsed = origins.map((origin) => {
    const normalised = parseOrigin(origin);
    if (!normalised && (typeof ngDevMode === 'undefined' || ngDevMode)) {
      throw new Error(
        `ngx-kratos: withAllowedRedirects() takes origins such as 'https://accounts.example.com' ` +
          `(scheme, host, port; no path, no wildcard); got ${JSON.stringify(origin)}.`,
      );
    }
    return normalised;
  });
  // (In production a malformed origin is dropped: it could not match any URL's origin anyway.)
  const allowed = parsed.filter((origin): origin is string => origin !== undefined);
  return { ɵkind: 'allowed-redirects', ɵproviders: [{ provide: KRATOS_ALLOWED_ORIGINS, useValue: allowed }] };
}

/**
 * Where errors with no recovery go (a server error, a redirect loop). The route receives a summary of the error
 * in the navigation's `state.kratosError`. Without it, such errors reach the app's `ErrorHandler`.
 */
export function withErrorRoute(route: string): KratosFeature<'error-route'> {
  if ((typeof ngDevMode === 'undefined' || ngDevMode) && !isAppPath(route)) {
    throw new Error(`ngx-kratos: withErrorRoute() takes an app path such as '/error'; got ${JSON.stringify(route)}.`);
  }
  return {
    ɵkind: 'error-route',
    ɵproviders: [{ provide: KRATOS_ERROR_ROUTE, useValue: route }],
    ɵpages: { error: route },
  };
}

/**
 * The app's own page for each flow, its error page and its home (see `FlowPages`): the navigator sends users there
 * (with the query Kratos would have given its own page: `return_to`, `aal`, `refresh`, `flow`) instead of to Kratos.
 * `withLogin({ route })` and `withErrorRoute(route)` are shorthands for one page each; a page named twice with
 * different routes fails at startup.
 *
 * ```ts
 * provideKratos(config, withFlowPages({ login: '/login', registration: '/register', settings: '/settings', home: '/' }))
 * ```
 */
export function withFlowPages(pages: FlowPages): KratosFeature<'flow-pages'> {
  if (typeof ngDevMode === 'undefined' || ngDevMode) {
    for (const [page, route] of Object.entries(pages)) {
      if (page !== 'afterSignIn' && route !== undefined && !isAppPath(route)) {
        throw new Error(
          `ngx-kratos: withFlowPages({ ${page} }) takes an app path such as '/${page}'; got ${JSON.stringify(route)}.`,
        );
      }
    }
  }
  return { ɵkind: 'flow-pages', ɵproviders: [], ɵpages: pages };
}

function isAppPath(route: unknown): route is string {
  return typeof route === 'string' && route.startsWith('/') && !route.startsWith('//') && !route.includes('\\');
}

/**
 * Retries of reads (create a flow, get a flow, whoami) after a network failure or a 502, 503 or 504, with
 * exponential backoff and jitter, honouring `Retry-After`; never a submit, never a 4xx. Default
 * `{ count: 2, delay: 300, maxDelay: 3000 }` (or the deprecated `retry` of the configuration); a call's own `retry`
 * option overrides the fields it names.
 */
export function withRetry(options: KratosRetryConfig = {}): KratosFeature<'retry'> {
  if (typeof ngDevMode === 'undefined' || ngDevMode) {
    resolveRetry(options, DEFAULT_RETRY); // throws now on a value out of range
  }
  return {
    ɵkind: 'retry',
    ɵproviders: [
      {
        provide: KRATOS_RETRY_STAGE,
        useFactory: () => {
          const configured = inject(KRATOS_CONFIG).retry;
          const base = configured === false ? { ...DEFAULT_RETRY, count: 0 } : { ...DEFAULT_RETRY, ...configured };
          return retryStage(resolveRetry(options, base));
        },
      },
    ],
  };
}

/**
 * Identical reads in flight at the same time (a guard and a component asking for the same flow) share one request,
 * aborted only when the last of them unsubscribes.
 */
export function withRequestSharing(): KratosFeature<'request-sharing'> {
  return { ɵkind: 'request-sharing', ɵproviders: [{ provide: KRATOS_SHARING_STAGE, useFactory: sharingStage }] };
}

/**
 * Server-side rendering of the flow pages and session guards with the user's own session (opt-in; without it, a
 * server render asks Kratos nothing and the guards cancel the navigation). During the server render of a request
 * (Angular's `REQUEST`), the library's requests go to `kratosUrl` (else the public `baseUrl`, resolved against the
 * request's URL) with the request's `Cookie` header; every `Set-Cookie` Kratos answers goes to the browser's response
 * (`RESPONSE_INIT`), which is marked `Cache-Control: private, no-store` and `Vary: Cookie`; a flow page renders its
 * flow with 200 and hands it to the browser in `TransferState`, so hydration asks Kratos nothing. Needs HttpClient's
 * fetch backend on the server (`provideHttpClient(withFetch())`): the XHR one refuses to send `Cookie` and hides
 * `Set-Cookie`. Give the browser the same feature (it reads the transferred flow there).
 */
export function withServerRendering(options: ServerRenderingOptions = {}): KratosFeature<'server-rendering'> {
  const dev = typeof ngDevMode === 'undefined' || ngDevMode;
  const kratosUrl = options.kratosUrl?.trim().replace(/\/+$/, '');
  if (dev && kratosUrl !== undefined && !/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(kratosUrl)) {
    throw new Error(
      `ngx-kratos: withServerRendering({ kratosUrl }) takes Kratos's address as the server reaches it ` +
        `(http://kratos:4433); got ${JSON.stringify(options.kratosUrl)}.`,
    );
  }
  return {
    ɵkind: 'server-rendering',
    ɵproviders: [
      { provide: KRATOS_SERVER_RENDERING, useValue: { ...options, kratosUrl } },
      { provide: KRATOS_SERVER_RENDER, useFactory: serverRenderFactory },
      { provide: KRATOS_SERVER_EXCHANGE, useExisting: KRATOS_SERVER_RENDER },
      {
        provide: KRATOS_TRANSFER_HOOKS,
        useValue: {
          flow: injectFlowTransfer,
          putSession: injectSessionTransfer,
          takeSession: takeTransferredSession,
        },
      },
      ...(dev ? [warnOfXhrOnServer()] : []),
    ],
  };
}

/** Dev mode: on the server, HttpClient's XHR backend (xhr2) drops `Cookie` and hides `Set-Cookie`; say so at startup. */
function warnOfXhrOnServer(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    if (isPlatformServer(inject(PLATFORM_ID)) && inject(HttpBackend, { optional: true }) instanceof HttpXhrBackend) {
      console.warn(
        "ngx-kratos: withServerRendering() needs HttpClient's fetch backend on the server " +
          '(provideHttpClient(withFetch())): the XHR one does not send the Cookie header and hides Set-Cookie.',
      );
    }
  });
}
