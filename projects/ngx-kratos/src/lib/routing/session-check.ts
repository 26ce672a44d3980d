import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationCancel, NavigationEnd, NavigationError, Router } from '@angular/router';
import { Observable, of, shareReplay, tap } from 'rxjs';
import { Session } from '../models/session';
import { injectTransferHooks } from '../server/server-hooks';
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
  /** `withServerRendering({ transferSession: true })`: the render's session into the page, and back in the browser. */
  private readonly hooks = injectTransferHooks();
  private readonly transfer = this.hooks?.putSession();
  private transferred = this.hooks?.takeSession<Session>();

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
      const transferred = this.transferred;
      this.transferred = undefined;
      const whoami = this.sessions.whoami().pipe(tap({ next: (session) => this.transfer?.(session) }));
      this.current = {
        navigation,
        session: (transferred ? of(transferred) : whoami).pipe(shareReplay({ bufferSize: 1, refCount: false })),
      };
    }
    return this.current.session;
  }
}
