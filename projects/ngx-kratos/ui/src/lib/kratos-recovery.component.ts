import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import {
  FlowBody,
  RECOVERY_FLOW_POLICY,
  RecoveryFlow,
  RecoveryFlowService,
  RecoveryUpdateResult,
  UpdateRecoveryFlowBody,
} from 'ngx-kratos';
import { Observable } from 'rxjs';
import { KratosCodeFlowComponent } from './code-flow-component';
import { KratosFlowSection } from './flow-section.component';
import { KratosMessages } from './kratos-messages.component';

/**
 * A whole recovery flow (docs/kratos-protocol.md §11), submitted through `RecoveryFlowService.updateFlow`
 * (`POST /self-service/recovery?flow=`): the address (`choose_method`), then the code from the mail with a button to
 * send another (`sent_email`).
 *
 * Answers: `sent` shows the code step with Kratos's message; `invalid` shows "invalid code" at the code field, the
 * code kept; `replaced` shows the new flow (its message says why) and puts its id in the page's `?flow=`; `passed`
 * (with `use_continue_with_transitions`) emits `recovered` and goes, through `KratosNavigator.completeRecovery`, to the
 * app's settings page with the new settings flow. Without that flag Kratos's success is the 422 to the settings UI,
 * which `KratosNavigator.handle` takes to the same page in the app (`withFlowPages({ settings })`). A signed-in user
 * goes to the page's `return_to` or home; other errors where the navigator sends them.
 */
@Component({
  selector: 'kratos-recovery',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [KratosFlowSection, KratosMessages],
  styles: `
    .kratos-recovery {
      display: grid;
      gap: var(--kratos-gap, 1.5rem);
    }
  `,
  template: `
    <div class="kratos-flow kratos-recovery" [attr.data-kratos-state]="current().state">
      <ng-content select="[kratosLogo]" />
      <h1 class="kratos-flow__title" [id]="titleId" tabindex="-1">{{ heading() }}</h1>
      <kratos-messages [messages]="topMessages()" [listId]="feedbackId()" />
      @for (section of sections(); track section.key) {
        <kratos-flow-section
          [flow]="current()"
          [section]="section"
          [headingId]="headingId(section.key)"
          [labelledBy]="titleId"
          [messages]="sectionMessages(section.key)"
          [pending]="pending() !== null || continuing()"
          [templates]="templates()"
          (submitted)="submit(section.key, $event)"
        />
      }
    </div>
  `,
})
export class KratosRecovery extends KratosCodeFlowComponent<RecoveryFlow> {
  /** The code was right (`passed`): the user is signed in; the navigator takes them to the settings page next. */
  readonly recovered = output<Extract<RecoveryUpdateResult, { kind: 'passed' }>>();

  protected readonly flowKind = 'recovery';
  protected readonly headingLabel = 'recovery';
  protected override readonly policy = RECOVERY_FLOW_POLICY;
  private readonly recovery = inject(RecoveryFlowService);

  protected update(flow: RecoveryFlow, body: FlowBody): Observable<RecoveryUpdateResult> {
    // The form built `body` from this recovery flow's own nodes: the email step or the code step.
    return this.recovery.updateFlow(flow.id, body as unknown as UpdateRecoveryFlowBody);
  }

  protected passed(result: Extract<RecoveryUpdateResult, { kind: 'passed' }>): void {
    this.recovered.emit(result);
    this.continueAfter(this.navigator.completeRecovery(result));
  }
}
