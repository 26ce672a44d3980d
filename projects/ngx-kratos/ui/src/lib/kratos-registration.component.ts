import { ChangeDetectionStrategy, Component, computed, inject, output } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  FlowBody,
  REGISTRATION_FLOW_POLICY,
  KRATOS_FLOW_PAGES,
  KratosOrigins,
  RegistrationFlow,
  RegistrationFlowService,
  RegistrationSuccess,
  RegistrationUpdateResult,
  UpdateRegistrationFlowBody,
} from 'ngx-kratos';
import { Observable } from 'rxjs';
import { KratosFlowComponent } from './flow-component';
import { FlowSection, KratosFlowSection } from './flow-section.component';
import { KratosMessages } from './kratos-messages.component';
import { FlowLink, methodSections, pageLink, pageReturnTo } from './sign-in-pages';

/**
 * The methods that share the traits (the `default` group), in one form: a password, a code, a security key, a
 * passkey (whose script reads the name from the traits of its own form), and `profile`, whose buttons come last
 * (two-step registration's "Sign up" after the traits, its "Back" after the credentials).
 */
const SHARED = ['password', 'code', 'webauthn', 'passkey', 'profile'];
/** Methods with a form of their own: each provider. */
const OWN = ['oidc', 'saml'];

/**
 * A whole registration flow, submitted through `RegistrationFlowService.updateFlow`
 * (`POST /self-service/registration?flow=`): one form with the traits and a button per method that shares them, then
 * a form per provider, then any group Kratos adds; a link to the app's login page (`withFlowPages`), with the page's
 * `return_to`.
 *
 * Two-step registration (Kratos v1.3.1's default) is the same component: the first screen is the traits with
 * `method=profile`; Kratos answers with the credential screen (the traits hidden, the methods, and a "Back" button
 * `screen=previous`), shown as the next step.
 *
 * Answers: `next` and `invalid` show the returned flow, with its messages next to the submitted form and focus on
 * the first error, else on that message; `success` emits `registered` and hands the result to
 * `KratosNavigator.completeSignIn` (a session token stored, the verification page or `verification`, then where
 * Kratos says); errors go to `KratosNavigator.handle`.
 */
@Component({
  selector: 'kratos-registration',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [KratosFlowSection, KratosMessages, RouterLink],
  styles: `
    .kratos-registration {
      display: grid;
      gap: var(--kratos-gap, 1.5rem);
    }
  `,
  template: `
    <div class="kratos-flow kratos-registration">
      <ng-content select="[kratosLogo]" />
      <h1 class="kratos-flow__title" [id]="titleId" tabindex="-1">{{ texts.label('signUp') }}</h1>
      <kratos-messages [messages]="topMessages()" [listId]="feedbackId()" />
      @for (section of sections(); track section.key) {
        @if (!$first) {
          <div class="kratos-divider">
            <span class="kratos-divider__label">{{ texts.label('or') }}</span>
          </div>
        }
        <kratos-flow-section
          [flow]="current()"
          [section]="section"
          [headingId]="headingId(section.key)"
          [labelledBy]="titleId"
          [messages]="sectionMessages(section.key)"
          [pending]="pending() !== null || continuing()"
          [templates]="templates()"
          (submitted)="submit(section.key, $event)"
          (trigger)="runTrigger($event)"
        />
      }
      @if (links().length) {
        <ul class="kratos-links">
          @for (link of links(); track link.key) {
            <li>
              <a class="kratos-link" [attr.data-kratos-link]="link.key" [routerLink]="link.url">{{ link.text }}</a>
            </li>
          }
        </ul>
      }
    </div>
  `,
})
export class KratosRegistration extends KratosFlowComponent<RegistrationFlow, RegistrationUpdateResult> {
  /** The registration succeeded: the new identity, a session when Kratos's `session` hook is on, `continue_with`. */
  readonly registered = output<RegistrationSuccess>();

  protected override readonly policy = REGISTRATION_FLOW_POLICY;
  protected readonly flowKind = 'registration';
  protected readonly sections = computed<FlowSection[]>(() =>
    methodSections(this.presentGroups(), SHARED, OWN, (group) => this.titleOf(group)),
  );

  private readonly registration = inject(RegistrationFlowService);
  private readonly pages = inject(KRATOS_FLOW_PAGES);
  private readonly router = inject(Router);
  private readonly origins = inject(KratosOrigins);

  protected readonly links = computed<FlowLink[]>(() => {
    const login = this.pages.login;
    if (!login) return [];
    const returnTo = pageReturnTo(this.router, this.origins, this.current());
    return [{ key: 'login', text: this.texts.label('loginLink'), url: pageLink(this.router, login, returnTo) }];
  });

  protected send(flow: RegistrationFlow, body: FlowBody): Observable<RegistrationUpdateResult> {
    // The form built `body` from this registration flow's own nodes, so its `method` is one of the flow's methods.
    return this.registration.updateFlow(flow.id, body as unknown as UpdateRegistrationFlowBody);
  }

  protected answered(result: RegistrationUpdateResult): void {
    if (result.kind !== 'success') return;
    this.registered.emit(result);
    this.continueAfter(this.navigator.completeSignIn(result), (verification) => {
      if (verification) this.verification.emit(verification);
    });
  }
}
