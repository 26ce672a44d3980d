import { Component, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { KratosSessionService } from 'ngx-kratos';
import { DemoSession } from './session/demo-session';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink],
  template: `
    <header class="demo-header">
      <a routerLink="/" class="demo-brand">ngx-kratos demo</a>
      <nav aria-label="Main">
        <a routerLink="/">Home</a> ·
        @switch (session.state().kind) {
          @case ('signed-out') {
            <a routerLink="/login">Sign in</a> · <a routerLink="/registration">Create account</a> ·
          }
          @case ('signed-in') {
            <a routerLink="/settings">Settings</a> · <a routerLink="/session">Your session</a> ·
          }
          @default {
            <a routerLink="/settings">Settings</a> ·
          }
        }
        <a routerLink="/token">Session-token mode</a>
      </nav>
      @if (session.state(); as state) {
        @if (state.kind === 'signed-in') {
          <span class="demo-who">
            <span data-testid="header-who">{{ state.email }}</span>
            <button type="button" (click)="logout()">Sign out</button>
          </span>
        }
      }
    </header>
    <main class="demo-main"><router-outlet /></main>
  `,
})
export class App {
  protected readonly session = inject(DemoSession);
  private readonly sessions = inject(KratosSessionService);

  protected logout(): void {
    this.sessions.logout({ returnTo: `${location.origin}/` }).subscribe();
  }
}
