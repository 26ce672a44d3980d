import { Component, input } from '@angular/core';
import { VerificationFlow } from 'ngx-kratos';
import { KratosVerification } from 'ngx-kratos/ui';

/**
 * Address verification: after a registration or an email change (Kratos's `show_verification_ui`), or from the mail's
 * link, whose code Kratos fills in and the component submits by itself, once.
 */
@Component({
  selector: 'app-verification',
  imports: [KratosVerification],
  template: `
    <kratos-verification [flow]="flow()">
      <span kratosLogo><img src="/logo.svg" alt="" width="32" height="32" />ngx-kratos demo</span>
    </kratos-verification>
  `,
})
export class VerificationPage {
  readonly flow = input.required<VerificationFlow>();
}
