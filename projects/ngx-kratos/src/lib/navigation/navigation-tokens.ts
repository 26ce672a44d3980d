import { InjectionToken } from '@angular/core';

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
