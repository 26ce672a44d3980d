import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationCancel, NavigationCancellationCode, NavigationEnd, NavigationError, Router } from '@angular/router';
import { Observable } from 'rxjs';
import { Session } from '../models/session';
import { KratosSessionState } from '../signals/kratos-session-state';

/**
 * One `whoami` per navigation, shared by every session guard of it (`requireSession`, `guestOnly`, on `canMatch` and
 * `canActivate` alike); a later navigation asks again. The request is `KratosSessionState`'s, so what the guards
 * learn is what `injectKratosSession()` shows, and a `whoami` already under way (a component's, a refresh) is joined
 * rather than sent twice. (`withServerRendering({ transferSession: true })`'s hand-over lives there too.)
 */
@Injectable({ providedIn: 'root' })
export class SessionCheck {
  private readonly router = inject(Router);
  private readonly state = inject(KratosSessionState);
  private current?: { navigation: number; session: Observable<Session> };
  /** The answer of a navigation that a guard redirected: the redirect's navigation takes it instead of asking again. */
  private carried?: Observable<Session>;

  constructor() {
    this.router.events.pipe(takeUntilDestroyed()).subscribe((event) => {
      if (event instanceof NavigationEnd || event instanceof NavigationCancel || event instanceof NavigationError) {
        // A guard's redirect (to the login page, or the same page without `kratos_step`) is the same user action:
        // one whoami for both navigations.
        const redirected = event instanceof NavigationCancel && event.code === NavigationCancellationCode.Redirect;
        this.carried = redirected ? this.current?.session : undefined;
        this.current = undefined;
      }
    });
  }

  /** The session of the navigation under way (an error such as `session_inactive` when there is none). */
  session(): Observable<Session> {
    const navigation = this.router.currentNavigation()?.id ?? -1;
    if (this.current?.navigation !== navigation) {
      this.current = { navigation, session: this.carried ?? this.state.shared() };
      this.carried = undefined;
    }
    return this.current.session;
  }
}
