import { Component, input, signal } from '@angular/core';
import { ContinueWithVerificationUi, SettingsFlow } from 'ngx-kratos';
import { KratosSettings } from 'ngx-kratos/ui';

/** The guarded settings page: the flow comes from settingsFlowRoute(), one request per navigation. */
@Component({
  selector: 'app-settings',
  imports: [KratosSettings],
  template: `
    <h1>Account settings</h1>
    @if (verifying(); as address) {
      <p role="status">We would now send you to verify {{ address }} (the emulator has no verification flow).</p>
    }
    <kratos-settings [flow]="flow()" (verification)="onVerification($event)" />
  `,
})
export class SettingsPage {
  readonly flow = input.required<SettingsFlow>();
  protected readonly verifying = signal<string | undefined>(undefined);

  protected onVerification(step: ContinueWithVerificationUi): void {
    this.verifying.set(step.flow.verifiable_address);
  }
}
