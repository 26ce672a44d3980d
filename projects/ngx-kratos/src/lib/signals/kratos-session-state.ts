import { isPlatformBrowser } from '@angular/common';
import { DestroyRef, inject, Injectable, PLATFORM_ID, signal } from '@angular/core';
import { finalize, firstValueFrom, Observable, of, shareReplay, tap } from 'rxjs';
import { KratosError } from '../errors/kratos-error';
import { toKratosError } from '../errors/to-kratos-error';
import { KRATOS_SESSION_TOKEN } from '../interceptor/session-token';
import { Session } from '../models/session';
import { SessionChanges } from '../navigation/session-changes';
import { injectServerRender, injectTransferHooks } from '../server/server-hooks';
import { KratosSessionService, LogoutOptions } from '../session/kratos-session.service';

/**
 * The app's one copy of "who is signed in": what `injectKratosSession()` shows and what the session guards ask
 * (`SessionCheck` takes its `whoami` from `shared()`), so that a page's guards and every component that shows the
 * session cost one `whoami` together.
 *
 * - `session`: `undefined` while unknown (not asked yet, or asked and failed before any answer), `null` when Kratos
 *   said there is none (`session_inactive`), else the session.
 * - `error`: the last `whoami`'s failure other than `session_inactive` (Kratos unreachable, a 5xx, `session_aal2_required`);
 *   the session keeps what was known before, since a failed request says nothing about it.
 */
@Injectable({ providedIn: 'root' })
export class KratosSessionState {
  private readonly sessions = inject(KratosSessionService);
  private readonly hooks = injectTransferHooks();
  /** `withServerRendering({ transferSession: true })`: the render's session into the page, and back in the browser. */
  private readonly transfer = this.hooks?.putSession();
  private transferred = this.hooks?.takeSession<Session>();
  /**
   * Whether Kratos may be asked from here: a browser, session-token mode, or a server render with
   * `withServerRendering()` (which forwards the request's cookies); a server render without it has no cookies, and
   * would read every user as signed out.
   */
  readonly canAsk =
    inject(KRATOS_SESSION_TOKEN, { optional: true }) !== null ||
    isPlatformBrowser(inject(PLATFORM_ID)) ||
    injectServerRender() !== null;

  readonly session = signal<Session | null | undefined>(undefined);
  readonly error = signal<KratosError | undefined>(undefined);
  readonly loading = signal(false);

  /** The `whoami` under way, shared by all who ask meanwhile. */
  private inflight?: Observable<Session>;
  /** Counts requests: the answer of one that a later one superseded (a refresh, a logout) is dropped. */
  private generation = 0;

  constructor() {
    const stop = inject(SessionChanges).listen(() => void this.refresh().catch(() => undefined));
    inject(DestroyRef).onDestroy(stop);
  }

  /**
   * The `whoami` under way, or a new one: cold until subscribed, replayed to every later subscriber, and fed into
   * the signals. The session guards take it once per navigation.
   */
  shared(): Observable<Session> {
    return this.inflight ?? this.start();
  }

  /** Asks once when nothing is known and nothing is under way (the first `injectKratosSession()`). */
  ensure(): void {
    if (!this.canAsk || this.inflight || this.session() !== undefined || this.error()) return;
    this.shared().subscribe({ error: () => undefined });
  }

  /**
   * A new `whoami`, whatever is known: resolves to the session or `null`, rejects with any other `KratosError`; where
   * Kratos may not be asked (a server render without `withServerRendering()`), resolves to what is known, `undefined`.
   */
  refresh(): Promise<Session | null | undefined> {
    if (!this.canAsk) return Promise.resolve(this.session());
    this.inflight = undefined;
    // Asked again means asked: a session the server rendered the page with (`transferSession`) and nobody has taken
    // yet is older than this request (a sign-in may have happened since), so it is not the answer.
    this.transferred = undefined;
    return firstValueFrom(this.start()).catch((error: unknown) => {
      const kratosError = toKratosError(error);
      if (kratosError.kind === 'session_inactive') return null;
      throw kratosError;
    });
  }

  /** `KratosSessionService.logout`, then signed out (an answer still under way is dropped). */
  async logout(options?: LogoutOptions): Promise<void> {
    await firstValueFrom(this.sessions.logout(options), { defaultValue: undefined });
    this.generation++;
    this.inflight = undefined;
    this.loading.set(false);
    this.error.set(undefined);
    this.session.set(null);
  }

  private start(): Observable<Session> {
    const generation = ++this.generation;
    const transferred = this.transferred;
    this.transferred = undefined;
    const source = transferred
      ? of(transferred)
      : this.sessions.whoami().pipe(tap({ next: (session) => this.transfer?.(session) }));
    const current = (): boolean => generation === this.generation;
    const shared = source.pipe(
      tap({
        subscribe: () => current() && this.loading.set(true),
        next: (session) => {
          if (!current()) return;
          this.error.set(undefined);
          this.session.set(session);
        },
        error: (error: unknown) => {
          if (!current()) return;
          const kratosError = toKratosError(error);
          if (kratosError.kind === 'session_inactive') {
            this.error.set(undefined);
            this.session.set(null);
          } else {
            this.error.set(kratosError);
          }
        },
      }),
      finalize(() => {
        if (!current()) return;
        this.loading.set(false);
        if (this.inflight === shared) this.inflight = undefined;
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    this.inflight = shared;
    return shared;
  }
}
