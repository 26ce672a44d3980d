import { Component, input } from '@angular/core';
import { LoginFlow } from 'ngx-kratos';
import { KratosLogin } from 'ngx-kratos/ui';

/**
 * The login page: the flow comes from loginFlowRoute() (one request per navigation, `return_to`, `refresh` and `aal`
 * taken from the page's query), and <kratos-login> shows it, submits it and takes the user on (the header's session
 * signals ask again after the sign-in).
 */
@Component({
  selector: 'app-login',
  imports: [KratosLogin],
  template: `
    <kratos-login [flow]="flow()">
      <span kratosLogo><img src="/logo.svg" alt="" width="32" height="32" />ngx-kratos demo</span>
    </kratos-login>
  `,
})
export class LoginPage {
  readonly flow = input.required<LoginFlow>();
}
