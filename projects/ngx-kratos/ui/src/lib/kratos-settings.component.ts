import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal } from '@angular/core';
import {
  FlowBody,
  flowMessages,
  SettingsFlow,
  SettingsFlowService,
  SettingsUpdateResult,
  UpdateSettingsFlowBody,
} from 'ngx-kratos';
import { Observable } from 'rxjs';
import { KratosFlowComponent } from './flow-component';
import { KratosGroupForm } from './kratos-group-form.component';
import { KratosMessages } from './kratos-messages.component';

/**
 * A whole settings flow: one form per group, Kratos's messages, pending and result states.
 *
 * - `success`: shows the saved flow with Kratos's success message; follows `continue_with`'s `redirect_browser_to`
 *   only when the flow was started with a `return_to` (otherwise it points back to this page), and only to an
 *   allowed origin; emits `verification` for `show_verification_ui`.
 * - `invalid`: shows the returned flow (Kratos echoes what can be echoed) and moves focus to the first field in
 *   error. A success message left from an earlier submit is not shown next to the new errors: the latest answer is
 *   what the user reads.
 * - errors: `KratosNavigator.handle` (re-authentication, AAL2, expiry, OIDC redirect…).
 *
 * Group titles come from `KratosTexts` (`provideKratosTexts(…, { groups })` translates them).
 */
@Component({
  selector: 'kratos-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [KratosGroupForm, KratosMessages],
  styles: `
    .kratos-settings {
      display: grid;
      gap: var(--kratos-gap, 1.5rem);
    }
  `,
  template: `
    <div class="kratos-settings">
      <kratos-messages [messages]="visibleFlowMessages()" />
      @for (group of groups(); track group) {
        <section class="kratos-group" [attr.data-kratos-group]="group" [attr.aria-labelledby]="headingId(group)">
          <h2 class="kratos-group__title" [id]="headingId(group)">{{ titleOf(group) }}</h2>
          <kratos-group-form
            [flow]="current()"
            [group]="group"
            [pending]="pending() !== null"
            [templates]="templates()"
            (submitted)="submit(group, $event)"
            (trigger)="runTrigger($event)"
          />
        </section>
      }
    </div>
  `,
})
export class KratosSettings extends KratosFlowComponent<SettingsFlow, SettingsUpdateResult> {
  protected readonly groupOrder = [
    'profile',
    'password',
    'totp',
    'lookup_secret',
    'webauthn',
    'passkey',
    'oidc',
    'saml',
  ] as const satisfies readonly string[];

  private readonly settings = inject(SettingsFlowService);
  private readonly lastWasInvalid = linkedSignal({ source: this.flow, computation: () => false });

  protected readonly visibleFlowMessages = computed(() =>
    flowMessages(this.current()).filter((message) => !(this.lastWasInvalid() && message.type === 'success')),
  );

  protected send(flow: SettingsFlow, body: FlowBody): Observable<SettingsUpdateResult> {
    // The form built `body` from this settings flow's own nodes, so its `method` is one of the flow's methods.
    return this.settings.updateFlow(flow.id, body as UpdateSettingsFlowBody);
  }

  protected answered(result: SettingsUpdateResult): void {
    this.lastWasInvalid.set(result.kind === 'invalid');
    if (result.kind === 'invalid') {
      this.focusFirstError();
    } else {
      this.continueWith(result.flow);
    }
  }
}
