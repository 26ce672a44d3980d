import { Component, input } from '@angular/core';
import { KratosErrorView } from 'ngx-kratos';
import { KratosFlowError } from 'ngx-kratos/ui';

/**
 * Kratos's error UI (`selfservice.flows.error.ui_url`, `?id=`) and the navigator's error route alike: errorFlowRoute()
 * resolves what to show, whichever sent the user here.
 */
@Component({
  selector: 'app-error',
  imports: [KratosFlowError],
  template: `
    <kratos-flow-error [error]="error()">
      <span kratosLogo><img src="/logo.svg" alt="" width="32" height="32" />ngx-kratos demo</span>
    </kratos-flow-error>
  `,
})
export class ErrorPage {
  readonly error = input.required<KratosErrorView>();
}
