import { Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { isKratosError, KratosSessionService, Session } from 'ngx-kratos';
import { DemoSession } from '../session/demo-session';

/** Who is signed in, through KratosSessionService. */
@Component({
  selector: 'app-home',
  imports: [RouterLink],
  template: `
    <h1>ngx-kratos demo</h1>
    @switch (state()) {
      @case ('loading') {
        <p>Checking your session…</p>
      }
      @case ('signed-out') {
        <p data-testid="who">You are signed out.</p>
        <p>
          <a routerLink="/login">Sign in</a>, <a routerLink="/registration">create an account</a>, or go straight to
          <a routerLink="/settings">your settings</a>.
        </p>
      }
      @case ('step-up') {
        <p data-testid="who">You are signed in, but your account needs a second factor.</p>
        <p><a routerLink="/login" [queryParams]="{ aal: 'aal2' }">Verify with your authenticator app</a></p>
      }
      @case ('signed-in') {
        <p data-testid="who">
          Signed in as {{ session()?.identity?.traits?.['email'] }} ({{ session()?.authenticator_assurance_level }}).
        </p>
        @for (address of session()?.identity?.verifiable_addresses ?? []; track address.value) {
          <p data-testid="address">
            {{ address.value }}:
            @if (address.verified) {
              verified
            } @else {
              not verified yet (<a routerLink="/verification">verify it</a>)
            }
          </p>
        }
        <p><a routerLink="/settings">Account settings</a> · <a routerLink="/session">Your session</a></p>
      }
    }
  `,
})
export class HomePage {
  private readonly sessions = inject(KratosSessionService);
  private readonly known = inject(DemoSession);
  protected readonly state = signal<'loading' | 'signed-out' | 'step-up' | 'signed-in'>('loading');
  protected readonly session = signal<Session | undefined>(undefined);

  constructor() {
    this.sessions.whoami().subscribe({
      next: (session) => {
        this.session.set(session);
        this.state.set('signed-in');
        this.known.signedInAs(session.identity);
      },
      error: (error: unknown) => {
        const stepUp = isKratosError(error, 'session_aal2_required');
        this.state.set(stepUp ? 'step-up' : 'signed-out');
        if (!stepUp) this.known.signedOut();
      },
    });
  }
}
