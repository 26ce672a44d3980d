import { Component, inject, input, OnInit } from '@angular/core';
import { RegistrationFlow, RegistrationSuccess } from 'ngx-kratos';
import { KratosRegistration } from 'ngx-kratos/ui';
import { DemoSession } from '../session/demo-session';

/** The registration page: the flow from registrationFlowRoute(), shown and submitted by <kratos-registration>. */
@Component({
  selector: 'app-registration',
  imports: [KratosRegistration],
  template: `<kratos-registration [flow]="flow()" (registered)="onRegistered($event)" />`,
})
export class RegistrationPage implements OnInit {
  readonly flow = input.required<RegistrationFlow>();
  private readonly session = inject(DemoSession);

  ngOnInit(): void {
    this.session.signedOut();
  }

  protected onRegistered(result: RegistrationSuccess): void {
    // With Kratos's `session` after-hook (the demo's servers have it) the new user is signed in.
    if (result.session) this.session.signedInAs(result.identity);
  }
}
