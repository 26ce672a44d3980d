import { Component, input } from '@angular/core';
import { RegistrationFlow } from 'ngx-kratos';
import { KratosRegistration } from 'ngx-kratos/ui';

/**
 * The registration page: the flow from registrationFlowRoute(), shown and submitted by <kratos-registration>. With
 * Kratos's `session` after-hook (the demo's servers have it) the new user is signed in, and the header's session
 * signals ask again.
 */
@Component({
  selector: 'app-registration',
  imports: [KratosRegistration],
  template: `
    <kratos-registration [flow]="flow()">
      <span kratosLogo><img src="/logo.svg" alt="" width="32" height="32" />ngx-kratos demo</span>
    </kratos-registration>
  `,
})
export class RegistrationPage {
  readonly flow = input.required<RegistrationFlow>();
}
