import {
  afterNextRender,
  computed,
  contentChildren,
  DestroyRef,
  Directive,
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
import { ContinueWith, ContinueWithVerificationUi, FlowBody, HasUi, KratosNavigator, UiScriptNode } from 'ngx-kratos';
import { finalize, Observable, Subscription } from 'rxjs';
import { KratosScripts } from './kratos-scripts';
import { KratosNodeTemplate } from './node-template.directive';
import { KratosTexts } from './texts';

/** What the base needs of a flow: its `ui`, its id, and what Kratos says comes next. */
export interface ShownFlow extends HasUi {
  id: string;
  return_to?: string;
  continue_with?: ContinueWith[];
}

let nextInstance = 0;

/**
 * What every flow component shares, whatever the flow: the flow shown (the route's, then each answer's), one submit
 * at a time with its pending group, late answers cancelled when the route brings a newer flow or the component goes,
 * Kratos's scripts loaded, its WebAuthn/passkey triggers called, focus moved to the first error, `continue_with`
 * acted on, and errors sent to `KratosNavigator`. A flow's component adds how it submits and what its answers mean.
 */
@Directive()
export abstract class KratosFlowComponent<TFlow extends ShownFlow, TResult extends { flow: TFlow }> {
  /** The flow to show, usually the route's resolved `flow`. */
  readonly flow = input.required<TFlow>();
  /** Kratos asks the app to show its verification UI for an address (`show_verification_ui`). */
  readonly verification = output<ContinueWithVerificationUi>();
  /** Every flow Kratos answered with after a submit, whatever the answer meant. */
  readonly updated = output<TFlow>();

  protected readonly templates = contentChildren(KratosNodeTemplate, { descendants: true });
  /** The flow shown: the input's, replaced by each answer's. */
  protected readonly current = linkedSignal(() => this.flow());
  /** The group whose submit is on its way, or `null`. */
  protected readonly pending = signal<string | null>(null);
  protected readonly texts = inject(KratosTexts);
  protected readonly navigator = inject(KratosNavigator);

  /** The groups of the shown flow that get a form, `default` (the CSRF token) aside, in `order`'s order first. */
  protected readonly groups = computed(() => {
    const present = [...new Set(this.current().ui.nodes.map((node) => node.group))].filter((g) => g !== 'default');
    const order = this.groupOrder;
    return [...order.filter((group) => present.includes(group)), ...present.filter((group) => !order.includes(group))];
  });

  private readonly instance = nextInstance++;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private submitting?: Subscription;

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

  /** The order groups appear in; groups Kratos adds later follow, in the order of their first node. */
  protected abstract readonly groupOrder: readonly string[];

  /** Sends `body`, the submit of `group`'s form, for the shown flow. */
  protected abstract send(flow: TFlow, body: FlowBody): Observable<TResult>;

  /** What an answer means for the page; the base has already shown its flow and emitted `updated`. */
  protected abstract answered(result: TResult): void;

  /** An id for `group`'s heading, unique to this component instance (two components may show the same group). */
  protected headingId(group: string): string {
    return `kratos-flow-${this.instance}-${group.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  }

  protected titleOf(group: string): string {
    return this.texts.groupTitle(group);
  }

  /** The one submit: a newer submit, a newer flow or the component's end cancels an older one's answer. */
  protected submit(group: string, body: FlowBody): void {
    const flow = this.current();
    this.submitting?.unsubscribe();
    this.pending.set(group);
    this.submitting = this.send(flow, body)
      .pipe(finalize(() => this.pending.set(null)))
      .subscribe({
        next: (result) => {
          this.current.set(result.flow);
          this.updated.emit(result.flow);
          this.answered(result);
        },
        error: (error: unknown) => void this.navigator.handle(error),
      });
  }

  /** Calls Kratos's WebAuthn/passkey functions, which its script defines on `window` (names checked in the node view). */
  protected runTrigger(name: string): void {
    const fn = (globalThis as unknown as Record<string, unknown>)[name];
    if (typeof fn === 'function') (fn as () => unknown)();
  }

  /**
   * Acts on `continue_with`: emits `verification` for `show_verification_ui`; follows `redirect_browser_to` only when
   * the flow was started with a `return_to` (otherwise it points back to this page), and only to an allowed origin.
   */
  protected continueWith(flow: TFlow): void {
    for (const item of flow.continue_with ?? []) {
      if (item.action === 'show_verification_ui') this.verification.emit(item);
      if (item.action === 'redirect_browser_to' && flow.return_to) void this.navigator.follow(item.redirect_browser_to);
    }
  }

  /** After the next render: focus on the first field in error, or else on the first error message. */
  protected focusFirstError(): void {
    afterNextRender(
      () => {
        const field = this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]');
        (field ?? this.host.nativeElement.querySelector<HTMLElement>('.kratos-message--error'))?.focus();
      },
      { injector: this.injector },
    );
  }
}
