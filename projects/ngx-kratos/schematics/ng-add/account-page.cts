import { Settings } from './schema.cjs';

/**
 * The sample page behind `requireSession()`: who is signed in (the guard's own `whoami`, so no second request), a link
 * to the settings page when the app has one, and a sign-out button.
 */
export function accountPageCode(settings: Settings, selectorPrefix: string, className: string): string {
  const settingsLink = settings.flows.includes('settings');
  const imports = settingsLink
    ? `import { RouterLink } from '@angular/router';\nimport { injectKratosSession } from 'ngx-kratos';`
    : `import { injectKratosSession } from 'ngx-kratos';`;
  return `import { Component, computed } from '@angular/core';
${imports}

/**
 * A sample page for signed-in users: its route's requireSession() sends anyone else to the login page, and back
 * here after signing in. The session is the guard's own whoami, so showing it costs no second request.
 */
@Component({
  selector: '${selectorPrefix}-account',${settingsLink ? `\n  imports: [RouterLink],` : ''}
  template: \`
    <h1>Your account</h1>
    <p>Signed in as {{ email() }}.</p>${
      settingsLink ? `\n    <p><a routerLink="/settings">Account settings</a></p>` : ''
    }
    <button type="button" (click)="auth.logout()">Sign out</button>
  \`,
})
export class ${className} {
  protected readonly auth = injectKratosSession();
  protected readonly email = computed(() => this.auth.identity()?.traits['email']);
}
`;
}
