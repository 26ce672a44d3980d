import { computed, inject, Signal } from '@angular/core';
import { KratosError } from '../errors/kratos-error';
import { Identity } from '../models/identity';
import { AuthenticatorAssuranceLevel, Session } from '../models/session';
import { LogoutOptions } from '../session/kratos-session.service';
import { KratosSessionState } from './kratos-session-state';

/** The session as signals: see `injectKratosSession()`. */
export interface KratosSessionSignals {
  /** `undefined` while unknown, `null` when signed out (Kratos's `session_inactive`), else the session. */
  readonly session: Signal<Session | null | undefined>;
  /**
   * The last `whoami`'s failure other than "signed out": Kratos unreachable (`network`, `timeout`), a 5xx,
   * `session_aal2_required`. A failure is not "signed out": `session()` keeps what was known before.
   */
  readonly error: Signal<KratosError | undefined>;
  /** Whether a `whoami` is under way. */
  readonly loading: Signal<boolean>;
  /** Whether Kratos said there is a session (`false` while unknown and when signed out). */
  readonly isSignedIn: Signal<boolean>;
  /** The session's assurance level, `undefined` without a session. */
  readonly aal: Signal<AuthenticatorAssuranceLevel | undefined>;
  /** The signed-in identity, `undefined` without a session. */
  readonly identity: Signal<Identity | undefined>;
  /**
   * Asks Kratos again (`GET /sessions/whoami`): resolves to the session or `null`, rejects with any other
   * `KratosError` (see `error()`). Where Kratos is not asked (a server render without `withServerRendering()`) it
   * resolves to `undefined`.
   */
  refresh(): Promise<Session | null | undefined>;
  /** `KratosSessionService.logout(options)`, then `session()` is `null`. Rejects with the `KratosError` of a failure. */
  logout(options?: LogoutOptions): Promise<void>;
}

/**
 * The session as signals, for components (call in an injection context). Every caller, and the session guards
 * (`requireSession`, `guestOnly`, `sessionResolver`), share one `GET /sessions/whoami`: the first caller asks unless
 * a request is already under way or answered (a page behind `requireSession()` costs no second request). It is asked
 * again after a sign-in completed through `KratosNavigator.completeSignIn` or `completeRecovery`, after `logout()`,
 * after a settings flow's `success` through `injectKratosFlow`, and on `refresh()`.
 *
 * During a server render Kratos is asked only with `withServerRendering()` (which forwards the request's cookies) or
 * in session-token mode; otherwise `session()` stays `undefined` there, and the browser asks.
 *
 * ```ts
 * readonly auth = injectKratosSession();
 * // @if (auth.isSignedIn()) { Hello {{ auth.identity()?.traits['email'] }} }
 * ```
 */
export function injectKratosSession(): KratosSessionSignals {
  const state = inject(KratosSessionState);
  state.ensure();
  const session = state.session.asReadonly();
  return {
    session,
    error: state.error.asReadonly(),
    loading: state.loading.asReadonly(),
    isSignedIn: computed(() => !!session()),
    aal: computed(() => session()?.authenticator_assurance_level),
    identity: computed(() => session()?.identity),
    refresh: () => state.refresh(),
    logout: (options) => state.logout(options),
  };
}
