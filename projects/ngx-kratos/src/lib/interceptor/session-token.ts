import { InjectionToken } from '@angular/core';
import { catchError, defaultIfEmpty, isObservable, Observable, of, take } from 'rxjs';

/** The options of `withSessionToken()`: where the session token comes from, the header it goes in, where a new one is kept. */
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
  /**
   * Keeps a session token Kratos hands out after a native login or registration (`session_token`, or
   * `continue_with`'s `set_ory_session_token`), as `KratosNavigator.completeSignIn` finds it. Runs in an injection
   * context.
   */
  store?: (token: string) => void;
}

/** The options of `withSessionToken()`, read by the interceptor, the flow routes and logout. */
export const KRATOS_SESSION_TOKEN = new InjectionToken<SessionTokenOptions & { headerName: string }>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_SESSION_TOKEN' : '',
);

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
