import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FlowBody, SettingsFlow, SettingsFlowService, SettingsUpdateResult, UpdateSettingsFlowBody } from 'ngx-kratos';
import { Observable } from 'rxjs';
import { KratosFlowComponent } from './flow-component';
import { FlowSection, KratosFlowSection } from './flow-section.component';
import { KratosMessages } from './kratos-messages.component';

const SETTINGS_ORDER = ['profile', 'password', 'totp', 'lookup_secret', 'webauthn', 'passkey', 'oidc', 'saml'];

/**
 * A whole settings flow, submitted through `SettingsFlowService.updateFlow` (`POST /self-service/settings?flow=`):
 * one form per group, Kratos's messages, pending and result states.
 *
 * - `success`: shows the saved flow with Kratos's success message next to the form that was saved; follows
 *   `continue_with`'s `redirect_browser_to` only when the flow was started with a `return_to` (otherwise it points
 *   back to this page), and only to an allowed origin; emits `verification` for `show_verification_ui`.
 * - `invalid`: shows the returned flow (Kratos echoes what can be echoed) and moves focus to the first field in
 *   error. A success message left from an earlier submit is not shown next to the new errors: the latest answer is
 *   what the user reads.
 * - errors: `KratosNavigator.handle` (re-authentication, AAL2, expiry, OIDC redirect…).
 *
 * After each answer focus moves to the first error, else to the saved form's message, else to its heading. Group
 * titles come from `KratosTexts` (`provideKratosTexts(…, { groups })` translates them).
 */
@Component({
  selector: 'kratos-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [KratosFlowSection, KratosMessages],
  styles: `
    .kratos-settings {
      display: grid;
      gap: var(--kratos-gap, 1.5rem);
    }
  `,
  template: `
    <div class="kratos-flow kratos-settings">
      <kratos-messages [messages]="topMessages()" [listId]="feedbackId()" />
      @for (section of sections(); track section.key) {
        <kratos-flow-section
          [flow]="current()"
          [section]="section"
          [headingId]="headingId(section.key)"
          [messages]="sectionMessages(section.key)"
          [pending]="pending() !== null"
          [templates]="templates()"
          (submitted)="submit(section.key, $event)"
          (trigger)="runTrigger($event)"
        />
      }
    </div>
  `,
})
export class KratosSettings extends KratosFlowComponent<SettingsFlow, SettingsUpdateResult> {
  protected readonly flowKind = 'settings';
  protected readonly sections = computed<FlowSection[]>(() =>
    this.ordered(SETTINGS_ORDER).map((group) => ({
      key: group,
      groups: [group],
      defaults: 'all',
      title: this.titleOf(group),
    })),
  );

  private readonly settings = inject(SettingsFlowService);

  /** The identity's addresses before the submit whose answer is on its way. */
  private addressesBefore: readonly string[] = [];

  protected send(flow: SettingsFlow, body: FlowBody): Observable<SettingsUpdateResult> {
    this.addressesBefore = (flow.identity.verifiable_addresses ?? []).map((address) => address.value);
    // The form built `body` from this settings flow's own nodes, so its `method` is one of the flow's methods.
    return this.settings.updateFlow(flow.id, body as UpdateSettingsFlowBody);
  }

  /**
   * Kratos v1.3.1 asks for the verification UI after any save while an address is pending (docs/kratos-protocol.md
   * §12.6), not only after the address changed: an address the user just added or changed goes to the verification
   * page at once; a reminder for one that was already there is emitted (`verification`) and the user stays on the
   * form they saved.
   */
  protected answered(result: SettingsUpdateResult): void {
    if (result.kind === 'invalid') return;
    this.continueWith(result.flow, (address) => !this.addressesBefore.includes(address));
  }
}
