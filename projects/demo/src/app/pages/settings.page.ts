import { Component, effect, inject, input, signal } from '@angular/core';
import { ContinueWithVerificationUi, SettingsFlow } from 'ngx-kratos';
import { KratosSettings } from 'ngx-kratos/ui';
import { DemoSession } from '../session/demo-session';

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

  constructor() {
    // A settings flow is its identity's: the header learns who is signed in without a request of its own.
    const known = inject(DemoSession);
    effect(() => known.signedInAs(this.flow().identity));
  }

  protected onVerification(step: ContinueWithVerificationUi): void {
    this.verifying.set(step.flow.verifiable_address);
  }
}
