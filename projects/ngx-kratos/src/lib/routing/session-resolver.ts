import { inject } from '@angular/core';
import { ResolveFn } from '@angular/router';
import { catchError, EMPTY } from 'rxjs';
import { Session } from '../models/session';
import { KratosNavigator } from '../navigation/kratos-navigator';
import { SessionCheck } from './session-check';

/**
 * Resolves the route's `session` (an input `session` under `withComponentInputBinding()`) from the same
 * `GET /sessions/whoami` as the navigation's session guards, so that `requireSession()` and the page's session cost
 * one request together. Without a guard it asks on its own; an error (no session, a second factor needed) goes to
 * `KratosNavigator.handle` and ends the navigation.
 *
 * ```ts
 * { path: 'account', component: AccountPage, canMatch: [requireSession()], resolve: { session: sessionResolver } }
 * ```
 */
export const sessionResolver: ResolveFn<Session> = (_route, state) => {
  const navigator = inject(KratosNavigator);
  return inject(SessionCheck)
    .session()
    .pipe(
      catchError((error: unknown) => {
        void navigator.handle(error, state.url);
        return EMPTY;
      }),
    );
};
