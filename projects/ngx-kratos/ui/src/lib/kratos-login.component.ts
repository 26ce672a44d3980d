import { ChangeDetectionStrategy, Component, computed, inject, output } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  FlowBody,
  LOGIN_FLOW_POLICY,
  KRATOS_FLOW_PAGES,
  KratosOrigins,
  LoginFlow,
  LoginFlowService,
  LoginSuccess,
  LoginUpdateResult,
  UpdateLoginFlowBody,
} from 'ngx-kratos';
import { Observable } from 'rxjs';
import { KratosFlowComponent } from './flow-component';
import { FlowSection, KratosFlowSection } from './flow-section.component';
import { KratosMessages } from './kratos-messages.component';
import { FlowLink, methodSections, pageLink, pageReturnTo } from './sign-in-pages';
import { KratosLabels } from './texts';

/** The first-factor methods that share the identifier, in one form: the password first, then a code, a security key. */
const SHARED = ['identifier_first', 'password', 'code', 'webauthn'];
/** Methods with a form of their own (no identifier field of their own: a passkey names it, a provider knows it). */
const OWN = ['passkey', 'oidc', 'saml'];
/** What a second factor can be, each its own form: an authenticator app, a security key, a code, a recovery code. */
const SECOND_FACTORS = ['totp', 'webauthn', 'code', 'lookup_secret'];

/** Which login screen a flow is: a first login, a second factor (`requested_aal: 'aal2'`), a re-authentication. */
export type KratosLoginScreen = 'sign-in' | 'second-factor' | 'refresh';

const HEADINGS: Record<KratosLoginScreen, keyof KratosLabels> = {
  'sign-in': 'signIn',
  'second-factor': 'secondFactor',
  refresh: 'refresh',
};

/**
 * A whole login flow (Kratos v1.3.1's unified login), submitted through `LoginFlowService.updateFlow`
 * (`POST /self-service/login?flow=`):
 *
 * - **Sign in**: one form with the identifier once and a button per method that shares it (password, then a code,
 *   then a security key; each button sends its own method's fields only), then a form per other method without a
 *   visible identifier (a passkey, each provider), then any group Kratos adds. Links to the app's registration and
 *   recovery pages (`withFlowPages`), with the page's `return_to`.
 * - **Second factor** (`requested_aal: 'aal2'`): only the second factors the flow offers, each its own form.
 * - **Confirm it is you** (`refresh: true`): the fields Kratos sends (the identifier comes hidden).
 *
 * Answers: `next` (a code was sent) and `invalid` (a wrong password) show the returned flow, with its messages next
 * to the submitted form and focus on the first error, else on that message; `success` emits `signedIn` and hands the
 * result to `KratosNavigator.completeSignIn` (a session token stored, the verification page or `verification`, then
 * where Kratos says); errors go to `KratosNavigator.handle` (a second factor's 422, an expired flow…).
 */
@Component({
  selector: 'kratos-login',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [KratosFlowSection, KratosMessages, RouterLink],
  styles: `
    .kratos-login {
      display: grid;
      gap: var(--kratos-gap, 1.5rem);
    }
  `,
  template: `
    <div class="kratos-flow kratos-login" [attr.data-kratos-screen]="screen()">
      <ng-content select="[kratosLogo]" />
      <h1 class="kratos-flow__title" [id]="titleId" tabindex="-1">{{ heading() }}</h1>
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
export class KratosLogin extends KratosFlowComponent<LoginFlow, LoginUpdateResult> {
  /** The login succeeded: the session, its token for native flows, and Kratos's `continue_with`. */
  readonly signedIn = output<LoginSuccess>();

  protected override readonly policy = LOGIN_FLOW_POLICY;
  protected readonly flowKind = 'login';
  protected readonly screen = computed<KratosLoginScreen>(() => {
    const flow = this.current();
    if (flow.requested_aal === 'aal2') return 'second-factor';
    return flow.refresh ? 'refresh' : 'sign-in';
  });
  protected readonly heading = computed(() => this.texts.label(HEADINGS[this.screen()]));
  protected readonly sections = computed<FlowSection[]>(() => {
    const present = this.presentGroups();
    if (this.screen() === 'second-factor') {
      return SECOND_FACTORS.filter((group) => present.includes(group)).map((group, index) => ({
        key: group,
        groups: [group],
        defaults: index === 0 ? 'all' : 'hidden',
        title: this.titleOf(group),
      }));
    }
    return methodSections(present, SHARED, OWN, (group) => this.titleOf(group));
  });

  private readonly login = inject(LoginFlowService);
  private readonly pages = inject(KRATOS_FLOW_PAGES);
  private readonly router = inject(Router);
  private readonly origins = inject(KratosOrigins);

  protected readonly links = computed<FlowLink[]>(() => {
    if (this.screen() !== 'sign-in') return [];
    const returnTo = pageReturnTo(this.router, this.origins, this.current());
    const links: FlowLink[] = [];
    const { registration, recovery } = this.pages;
    if (registration) {
      links.push({
        key: 'registration',
        text: this.texts.label('registrationLink'),
        url: pageLink(this.router, registration, returnTo),
      });
    }
    if (recovery) {
      links.push({
        key: 'recovery',
        text: this.texts.label('recoveryLink'),
        url: pageLink(this.router, recovery, returnTo),
      });
    }
    return links;
  });

  protected send(flow: LoginFlow, body: FlowBody): Observable<LoginUpdateResult> {
    // The form built `body` from this login flow's own nodes, so its `method` is one of the flow's methods.
    return this.login.updateFlow(flow.id, body as UpdateLoginFlowBody);
  }

  protected answered(result: LoginUpdateResult): void {
    if (result.kind !== 'success') return;
    this.signedIn.emit(result);
    this.continueAfter(this.navigator.completeSignIn(result), (verification) => {
      if (verification) this.verification.emit(verification);
    });
  }
}
