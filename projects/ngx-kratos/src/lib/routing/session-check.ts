import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  NavigationCancel,
  NavigationCancellationCode,
  NavigationEnd,
  NavigationError,
  NavigationSkipped,
  NavigationStart,
  Router,
} from '@angular/router';
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
  /**
   * The whoami of a navigation that a guard redirected (to the login page, to `return_to`, or to the same page without
   * `kratos_step`): the redirect is the same user action, so the navigation it starts, and only that one, takes it
   * instead of asking again. (A carried failure is asked again: the shared request does not replay errors.)
   */
  private carried?: { session: Observable<Session>; navigation?: number };

  constructor() {
    this.router.events.pipe(takeUntilDestroyed()).subscribe((event) => {
      if (event instanceof NavigationStart) {
        // The redirect's navigation is the next one to start; any later one asks Kratos itself.
        if (this.carried && this.carried.navigation === undefined) this.carried.navigation = event.id;
        else this.carried = undefined;
      } else if (event instanceof NavigationSkipped) {
        // A redirect to the page already shown starts no navigation: nothing may take the whoami later.
        this.carried = undefined;
      } else if (
        event instanceof NavigationEnd ||
        event instanceof NavigationCancel ||
        event instanceof NavigationError
      ) {
        const redirected = event instanceof NavigationCancel && event.code === NavigationCancellationCode.Redirect;
        this.carried = redirected && this.current ? { session: this.current.session } : undefined;
        this.current = undefined;
      }
    });
  }

  /** The session of the navigation under way (an error such as `session_inactive` when there is none). */
  session(): Observable<Session> {
    const navigation = this.router.currentNavigation()?.id ?? -1;
    if (this.current?.navigation !== navigation) {
      const carried = this.carried?.navigation === navigation ? this.carried.session : undefined;
      this.current = { navigation, session: carried ?? this.state.shared() };
      this.carried = undefined;
    }
    return this.current.session;
  }
}
