import { Component, effect, inject, input } from '@angular/core';
import { LoginFlow, LoginSuccess } from 'ngx-kratos';
import { KratosLogin } from 'ngx-kratos/ui';
import { DemoSession } from '../session/demo-session';

/**
 * The login page: the flow comes from loginFlowRoute() (one request per navigation, `return_to`, `refresh` and `aal`
 * taken from the page's query), and <kratos-login> shows it, submits it and takes the user on.
 */
@Component({
  selector: 'app-login',
  imports: [KratosLogin],
  template: `<kratos-login [flow]="flow()" (signedIn)="onSignedIn($event)" />`,
})
export class LoginPage {
  readonly flow = input.required<LoginFlow>();
  private readonly session = inject(DemoSession);

  constructor() {
    // A first login is shown to signed-out users only (a signed-in one is sent on by Kratos's answer); a second factor
    // or a re-authentication belongs to a session that exists.
    effect(() => {
      const flow = this.flow();
      if (!flow.refresh && flow.requested_aal !== 'aal2') this.session.signedOut();
    });
  }

  protected onSignedIn(result: LoginSuccess): void {
    this.session.signedInAs(result.session.identity);
  }
}
