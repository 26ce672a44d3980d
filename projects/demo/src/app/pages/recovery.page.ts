import { Component, input } from '@angular/core';
import { RecoveryFlow } from 'ngx-kratos';
import { KratosRecovery } from 'ngx-kratos/ui';

/**
 * Account recovery: the flow from recoveryFlowRoute(); <kratos-recovery> asks for the address, then the code from the
 * mail, and hands over to the settings page, where the new password can be set at once.
 */
@Component({
  selector: 'app-recovery',
  imports: [KratosRecovery],
  template: `
    <kratos-recovery [flow]="flow()">
      <span kratosLogo><img src="/logo.svg" alt="" width="32" height="32" />ngx-kratos demo</span>
    </kratos-recovery>
  `,
})
export class RecoveryPage {
  readonly flow = input.required<RecoveryFlow>();
}
