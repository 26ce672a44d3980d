import { Component, signal } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { injectKratosSession } from 'ngx-kratos';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink],
  template: `
    <header class="demo-header">
      <a routerLink="/" class="demo-brand">ngx-kratos demo</a>
      <nav aria-label="Main">
        <a routerLink="/">Home</a> ·
        @switch (auth.session()) {
          @case (null) {
            <a routerLink="/login">Sign in</a> · <a routerLink="/registration">Create account</a> ·
          }
          @case (undefined) {
            <a routerLink="/settings">Settings</a> ·
          }
          @default {
            <a routerLink="/settings">Settings</a> · <a routerLink="/session">Your session</a> ·
          }
        }
        <a routerLink="/token">Session-token mode</a>
      </nav>
      @if (auth.identity(); as identity) {
        <span class="demo-who">
          <span data-testid="header-who">{{ identity.traits['email'] }}</span>
          <button type="button" (click)="logout()">Sign out</button>
        </span>
      } @else if (auth.error()?.kind === 'session_aal2_required') {
        <!-- Signed in with a first factor only: the second factor, or signing out of that session. -->
        <span class="demo-who">
          <a routerLink="/login" [queryParams]="{ aal: 'aal2' }">Verify your second factor</a>
          <button type="button" (click)="logout()">Sign out</button>
        </span>
      }
      @if (logoutFailed()) {
        <p role="alert" class="demo-alert">Signing out failed; try again.</p>
      }
    </header>
    <main class="demo-main"><router-outlet /></main>
  `,
})
export class App {
  /** Who is signed in: one whoami at start, shared with the pages and the session guards, asked again after sign-in. */
  protected readonly auth = injectKratosSession();

  protected readonly logoutFailed = signal(false);

  protected logout(): void {
    this.logoutFailed.set(false);
    // On success the browser is on its way to Kratos's logout URL; a failure (Kratos unreachable) is said.
    this.auth.logout({ returnTo: `${location.origin}/` }).catch(() => this.logoutFailed.set(true));
  }
}
