import { computed, Injectable, signal } from '@angular/core';
import { Identity } from 'ngx-kratos';

/** What the header knows of the session: learnt from the pages, never asked for on its own. */
export type DemoSessionState = { kind: 'unknown' } | { kind: 'signed-out' } | { kind: 'signed-in'; email: string };

/**
 * The session as the demo's header shows it. It costs no request of its own: each page tells it what its own request
 * to Kratos said (the home page's `whoami`, the settings flow's identity, a sign-in's session, the login page's
 * flow), so that a navigation still costs one request to Kratos.
 */
@Injectable({ providedIn: 'root' })
export class DemoSession {
  private readonly known = signal<DemoSessionState>({ kind: 'unknown' });
  readonly state = this.known.asReadonly();
  readonly signedIn = computed(() => this.known().kind === 'signed-in');

  /** A session (or an identity, from a settings flow) the page received. */
  signedInAs(identity: Identity | undefined): void {
    const email = identity?.traits?.['email'];
    this.known.set({ kind: 'signed-in', email: typeof email === 'string' ? email : '' });
  }

  signedOut(): void {
    this.known.set({ kind: 'signed-out' });
  }
}
