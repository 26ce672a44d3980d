import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  contentChildren,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import {
  ContinueWithVerificationUi,
  flowMessages,
  KratosNavigator,
  SettingsFlow,
  SettingsFlowService,
  UiScriptNode,
  UpdateSettingsFlowBody,
} from 'ngx-kratos';
import { finalize, Subscription } from 'rxjs';
import { KratosGroupForm } from './kratos-group-form.component';
import { KratosMessages } from './kratos-messages.component';
import { KratosScripts } from './kratos-scripts';
import { KratosNodeTemplate } from './node-template.directive';

/** The order groups appear in; groups Kratos adds later follow, in the order of their first node. */
const GROUP_ORDER = ['profile', 'password', 'totp', 'lookup_secret', 'webauthn', 'passkey', 'oidc', 'saml'];
const GROUP_TITLES: Record<string, string> = {
  profile: 'Profile',
  password: 'Password',
  totp: 'Authenticator app',
  lookup_secret: 'Recovery codes',
  webauthn: 'Security keys',
  passkey: 'Passkeys',
  oidc: 'Linked accounts',
  saml: 'Linked accounts (SAML)',
};

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
    .kratos-settings fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--kratos-field-gap, 0.75rem);
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
export class KratosSettings {
  readonly flow = input.required<SettingsFlow>();
  /** Kratos asks the app to show its verification UI for a changed address (`show_verification_ui`). */
  readonly verification = output<ContinueWithVerificationUi>();
  /** Every flow Kratos answered with after a submit, success or invalid. */
  readonly updated = output<SettingsFlow>();

  protected readonly templates = contentChildren(KratosNodeTemplate, { descendants: true });
  protected readonly current = linkedSignal(() => this.flow());
  protected readonly pending = signal<string | null>(null);
  private readonly lastWasInvalid = linkedSignal({ source: this.flow, computation: () => false });

  private readonly settings = inject(SettingsFlowService);
  private readonly navigator = inject(KratosNavigator);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private submitting?: Subscription;

  protected readonly groups = computed(() => {
    const present = [...new Set(this.current().ui.nodes.map((node) => node.group))].filter((g) => g !== 'default');
    const known = GROUP_ORDER.filter((group) => present.includes(group));
    return [...known, ...present.filter((group) => !GROUP_ORDER.includes(group))];
  });

  protected readonly visibleFlowMessages = computed(() =>
    flowMessages(this.current()).filter((message) => !(this.lastWasInvalid() && message.type === 'success')),
  );

  constructor() {
    const scripts = inject(KratosScripts);
    effect(() => {
      for (const node of this.current().ui.nodes) {
        if (node.attributes.node_type === 'script') scripts.load(node as UiScriptNode);
      }
    });
    // A new flow from the route (the user navigated on, or started afresh) ends a submit of the old one, so that
    // its late answer can neither replace the newer flow nor act on it.
    effect(() => {
      this.flow();
      untracked(() => this.submitting?.unsubscribe());
    });
    inject(DestroyRef).onDestroy(() => this.submitting?.unsubscribe());
  }

  protected headingId(group: string): string {
    return `kratos-group-${group}`;
  }

  protected titleOf(group: string): string {
    return GROUP_TITLES[group] ?? group;
  }

  protected submit(group: string, body: UpdateSettingsFlowBody): void {
    const flow = this.current();
    this.submitting?.unsubscribe();
    this.pending.set(group);
    this.submitting = this.settings
      .updateFlow(flow.id, body)
      .pipe(finalize(() => this.pending.set(null)))
      .subscribe({
        next: (result) => {
          this.current.set(result.flow);
          this.lastWasInvalid.set(result.kind === 'invalid');
          this.updated.emit(result.flow);
          if (result.kind === 'invalid') {
            this.focusFirstError();
          } else {
            this.continueWith(result.flow);
          }
        },
        error: (error: unknown) => void this.navigator.handle(error),
      });
  }

  /** Calls Kratos's WebAuthn/passkey functions, which its script defines on `window` (names checked in the node view). */
  protected runTrigger(name: string): void {
    const fn = (globalThis as unknown as Record<string, unknown>)[name];
    if (typeof fn === 'function') (fn as () => unknown)();
  }

  private continueWith(flow: SettingsFlow): void {
    for (const item of flow.continue_with ?? []) {
      if (item.action === 'show_verification_ui') this.verification.emit(item);
      if (item.action === 'redirect_browser_to' && flow.return_to) void this.navigator.follow(item.redirect_browser_to);
    }
  }

  private focusFirstError(): void {
    afterNextRender(
      () => {
        const field = this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]');
        (field ?? this.host.nativeElement.querySelector<HTMLElement>('.kratos-message--error'))?.focus();
      },
      { injector: this.injector },
    );
  }
}
