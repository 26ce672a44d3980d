import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import {
  FlowBody,
  UpdateVerificationFlowBody,
  VERIFICATION_FLOW_POLICY,
  VerificationFlow,
  VerificationFlowService,
  VerificationUpdateResult,
} from 'ngx-kratos';
import { Observable } from 'rxjs';
import { KratosCodeFlowComponent } from './code-flow-component';
import { KratosFlowSection } from './flow-section.component';
import { KratosMessages } from './kratos-messages.component';

/**
 * A whole verification flow (docs/kratos-protocol.md §12), submitted through `VerificationFlowService.updateFlow`
 * (`POST /self-service/verification?flow=`): the address (`choose_method`), then the code (`sent_email`; a one-time-code field with the digit keyboard, which takes
 * a pasted code), with a button to send another where Kratos offers one (not on flows made by
 * `show_verification_ui`, §12.6).
 *
 * The mail's link pre-fills the code (§12.4 row 6): such a flow is submitted by itself, once, and its answer shown.
 * Answers: `sent`; `invalid` ("invalid code" at the code field, the code kept); `passed` shows Kratos's success
 * message and its `continue` link, and emits `verified`; Kratos's replacements (410 with `use_flow_id`) go, through
 * `KratosNavigator.handle`, to the new flow.
 */
@Component({
  selector: 'kratos-verification',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [KratosFlowSection, KratosMessages],
  styles: `
    .kratos-verification {
      display: grid;
      gap: var(--kratos-gap, 1.5rem);
    }
  `,
  template: `
    <div class="kratos-flow kratos-verification" [attr.data-kratos-state]="current().state">
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
          [pending]="pending() !== null"
          [templates]="templates()"
          (submitted)="submit(section.key, $event)"
        />
      }
    </div>
  `,
})
export class KratosVerification extends KratosCodeFlowComponent<VerificationFlow> {
  /** The address is verified (`passed`): the flow shows Kratos's message and where to continue. */
  readonly verified = output<VerificationFlow>();

  protected readonly flowKind = 'verification';
  protected readonly headingLabel = 'verification';
  protected override readonly policy = VERIFICATION_FLOW_POLICY;
  private readonly verificationFlow = inject(VerificationFlowService);

  protected update(flow: VerificationFlow, body: FlowBody): Observable<VerificationUpdateResult> {
    // The form built `body` from this verification flow's own nodes: the email step or the code step.
    return this.verificationFlow.updateFlow(flow.id, body as unknown as UpdateVerificationFlowBody);
  }

  protected passed(result: Extract<VerificationUpdateResult, { kind: 'passed' }>): void {
    this.verified.emit(result.flow);
  }
}
