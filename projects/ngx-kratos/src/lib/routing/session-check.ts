import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationCancel, NavigationEnd, NavigationError, Router } from '@angular/router';
import { Observable, shareReplay } from 'rxjs';
import { Session } from '../models/session';
import { KratosSessionService } from '../session/kratos-session.service';

/**
 * One `whoami` per navigation, shared by every session guard of it (`requireSession`, `guestOnly`, on `canMatch` and
 * `canActivate` alike); a later navigation asks again.
 */
@Injectable({ providedIn: 'root' })
export class SessionCheck {
  private readonly router = inject(Router);
  private readonly sessions = inject(KratosSessionService);
  private current?: { navigation: number; session: Observable<Session> };

  constructor() {
    this.router.events.pipe(takeUntilDestroyed()).subscribe((event) => {
      if (event instanceof NavigationEnd || event instanceof NavigationCancel || event instanceof NavigationError) {
        this.current = undefined;
      }
    });
  }

  /** The session of the navigation under way (an error such as `session_inactive` when there is none). */
  session(): Observable<Session> {
    const navigation = this.router.currentNavigation()?.id ?? -1;
    if (this.current?.navigation !== navigation) {
      this.current = {
        navigation,
        session: this.sessions.whoami().pipe(shareReplay({ bufferSize: 1, refCount: false })),
      };
    }
    return this.current.session;
  }
}
