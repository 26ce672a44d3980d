import { InjectionToken } from '@angular/core';

/** The options of `withLogin()`: where users sign in. */
export interface LoginOptions {
  /**
   * The app's own login route (e.g. `/login`); it receives `return_to`, and `aal=aal2` or `refresh=true` when a
   * stronger or fresher session is needed. Without it, users go to Kratos's `{base}/self-service/login/browser`.
   */
  route?: string;
}

/** Where `KratosNavigator` sends a user who must sign in (`withLogin()`). */
export const KRATOS_LOGIN = new InjectionToken<LoginOptions>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_LOGIN' : '',
  {
    providedIn: 'root',
    factory: () => ({}),
  },
);

/** Where `KratosNavigator` sends errors with no recovery (`withErrorRoute()`); `null`: the app's `ErrorHandler`. */
export const KRATOS_ERROR_ROUTE = new InjectionToken<string | null>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_ERROR_ROUTE' : '',
  {
    providedIn: 'root',
    factory: () => null,
  },
);

/**
 * The app's own page for each flow, its error page and its home (`withFlowPages()`; `withLogin({ route })` and
 * `withErrorRoute()` name one each). A page the app has is where the navigator sends users instead of Kratos's own
 * redirect for that flow; one it leaves out is Kratos's (`{base}/self-service/{flow}/browser`).
 */
export interface FlowPages {
  /** The app's login page (`/login`): it takes `?flow=`, `return_to`, and `aal` or `refresh` for a step-up. */
  login?: string;
  /** The app's registration page. */
  registration?: string;
  /** The app's account-recovery page. */
  recovery?: string;
  /** The app's page that verifies an address. */
  verification?: string;
  /** The app's settings page; a settings flow Kratos sends the browser to (as after a recovery) opens there. */
  settings?: string;
  /** Where errors with no recovery go, with a summary in `history.state.kratosError`. */
  error?: string;
  /** Where a signed-in user on a guest page goes when the page names no safe `return_to`. Default `/`. */
  home?: string;
  /**
   * After a login or a registration: `'kratos'` (default) follows Kratos's `redirect_browser_to` (the `return_to`, else
   * Kratos's `default_browser_return_url`); `'home'` goes to the page's own `return_to` or `home` instead.
   */
  afterSignIn?: 'kratos' | 'home';
}

/** The pages of `withFlowPages()`, `withLogin()` and `withErrorRoute()` together, as `provideKratos` merged them. */
export const KRATOS_FLOW_PAGES = new InjectionToken<Readonly<FlowPages>>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_FLOW_PAGES' : '',
  {
    providedIn: 'root',
    factory: () => ({}),
  },
);
