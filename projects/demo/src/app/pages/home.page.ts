import { Component, computed } from '@angular/core';
import { RouterLink } from '@angular/router';
import { injectKratosSession } from 'ngx-kratos';

/** Who is signed in, through injectKratosSession() (the header's whoami: the page costs no request of its own). */
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
  private readonly auth = injectKratosSession();
  protected readonly session = this.auth.session;
  protected readonly state = computed(() => {
    const session = this.auth.session();
    if (session) return 'signed-in';
    if (this.auth.error()?.kind === 'session_aal2_required') return 'step-up';
    // A failure other than "second factor needed" (Kratos unreachable) is shown as signed out, as before.
    return session === null || this.auth.error() ? 'signed-out' : 'loading';
  });
}
