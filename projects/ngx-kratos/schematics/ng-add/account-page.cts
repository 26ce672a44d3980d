import { stringLiteral } from './code.cjs';
import { Settings } from './schema.cjs';

/**
 * The sample page behind `requireSession()`: who is signed in (the guard's own `whoami`, so no second request), a link
 * to the settings page when the app has one, and a sign-out button.
 *
 * Its `signOut()` awaits `logout()` and catches its failure (shown on the page, never an unhandled rejection). In a
 * browser, `logout()` has started the full-page navigation to Kratos's `logout_url` when it resolves (Kratos clears the
 * cookie and sends the browser to its return URL), so the page does not navigate itself; with a session token
 * (`withSessionToken()`) it has revoked the token and nothing moves, so the page goes home (`/`).
 */
export function accountPageCode(settings: Settings, selectorPrefix: string, className: string): string {
  const settingsLink = settings.flows.includes('settings');
  const router = settingsLink ? 'Router, RouterLink' : 'Router';
  return `import { Component, computed, inject, signal } from '@angular/core';
import { ${router} } from '@angular/router';
import { injectKratosSession, KRATOS_SESSION_TOKEN } from 'ngx-kratos';

/**
 * A sample page for signed-in users: its route's requireSession() sends anyone else to the login page, and back
 * here after signing in. The session is the guard's own whoami, so showing it costs no second request.
 */
@Component({
  selector: ${stringLiteral(`${selectorPrefix}-account`)},${settingsLink ? `\n  imports: [RouterLink],` : ''}
  template: \`
    <h1>Your account</h1>
    <p>Signed in as {{ email() }}.</p>${
      settingsLink ? `\n    <p><a routerLink="/settings">Account settings</a></p>` : ''
    }
    <button type="button" (click)="signOut()" [disabled]="signingOut()">Sign out</button>
    @if (failed()) {
      <p role="alert">Signing out failed. Please try again.</p>
    }
  \`,
})
export class ${className} {
  protected readonly auth = injectKratosSession();
  protected readonly email = computed(() => this.auth.identity()?.traits['email']);
  protected readonly signingOut = signal(false);
  protected readonly failed = signal(false);
  private readonly router = inject(Router);
  /** Set by withSessionToken(): logout() then revokes the token and stays on the page. */
  private readonly sessionToken = inject(KRATOS_SESSION_TOKEN, { optional: true });

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    this.failed.set(false);
    try {
      // In a browser, this has started the full-page navigation to Kratos's logout URL when it resolves.
      await this.auth.logout();
    } catch {
      this.failed.set(true);
      this.signingOut.set(false);
      return;
    }
    if (this.sessionToken) {
      // The token is revoked; nothing has navigated: leave the page behind the session.
      await this.router.navigateByUrl('/').catch(() => false);
      this.signingOut.set(false);
    }
  }
}
`;
}
