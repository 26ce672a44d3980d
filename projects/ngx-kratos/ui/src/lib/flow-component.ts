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
  Signal,
  signal,
  untracked,
} from '@angular/core';
import {
  ContinueWith,
  ContinueWithVerificationUi,
  FlowBody,
  flowMessages,
  FlowPolicy,
  HasUi,
  KRATOS_FLOW_PAGES,
  KratosNavigator,
  UiScriptNode,
  UiText,
} from 'ngx-kratos';
import { finalize, Observable, Subscription } from 'rxjs';
import { FlowSection } from './flow-section.component';
import { KratosScripts } from './kratos-scripts';
import { KratosNodeTemplate } from './node-template.directive';
import { KratosTexts } from './texts';

/** What the base needs of a flow: its `ui`, its id, and what Kratos says comes next. */
export interface ShownFlow extends HasUi {
  /** The flow's id. */
  id: string;
  /** Where Kratos sends the browser at the end, when the flow has it. */
  return_to?: string;
  /** What Kratos says comes next, on a submit's answer. */
  continue_with?: ContinueWith[];
}

/** What a submit answers: a flow to show (the next step, errors to fix, a saved settings flow), or none (a login). */
export interface FlowAnswer<TFlow> {
  /** The answer's kind (`success`, `invalid`, `next`, `sent`…). */
  kind: string;
  /** The flow to show now, when the answer has one. */
  flow?: TFlow;
}

let nextInstance = 0;

/**
 * What every flow component shares, whatever the flow: the flow shown (the route's, then each answer's), its
 * sections (one form each), one submit at a time with its pending section, late answers cancelled when the route
 * brings a newer flow or the component goes, Kratos's scripts loaded, its WebAuthn/passkey triggers called,
 * `continue_with` acted on, and errors sent to `KratosNavigator`. After each answer:
 *
 * - its flow-level messages appear in the section that was submitted (messages of a flow that came from the route,
 *   such as an expired flow's, stay at the top); a success message left from an earlier submit is not shown next to
 *   new errors, since the latest answer is what the user reads;
 * - focus moves to the first field in error, else the first error message, else the section's feedback, else its
 *   heading (or the page's), so that it never falls to the page body when Kratos's answer re-creates the fields.
 *
 * A flow's component adds its sections, how it submits, and what its answers mean.
 */
@Directive()
export abstract class KratosFlowComponent<TFlow extends ShownFlow, TResult extends FlowAnswer<TFlow>> {
  /** The flow to show, usually the route's resolved `flow`. */
  readonly flow = input.required<TFlow>();
  /** Kratos asks the app to show its verification UI for an address (`show_verification_ui`). */
  readonly verification = output<ContinueWithVerificationUi>();
  /** Every flow Kratos answered with after a submit, whatever the answer meant. */
  readonly updated = output<TFlow>();

  protected readonly templates = contentChildren(KratosNodeTemplate, { descendants: true });
  /** The flow shown: the input's, replaced by each answer's. */
  protected readonly current = linkedSignal(() => this.flow());
  /** The section whose submit is on its way, or `null`. */
  protected readonly pending = signal<string | null>(null);
  protected readonly texts = inject(KratosTexts);
  protected readonly navigator = inject(KratosNavigator);
  protected readonly flowPages = inject(KRATOS_FLOW_PAGES);
  /** Where the errors of a submit send the user, beyond the shared rules (default: a flow behind a session). */
  protected readonly policy?: FlowPolicy;
  /** The id of the page's heading, for components that have one. */
  protected readonly titleId: string;

  /** The groups of the shown flow with something to show (not only a script), `default` aside, in Kratos's order. */
  protected readonly presentGroups = computed(() => [
    ...new Set(
      this.current()
        .ui.nodes.filter((node) => node.group !== 'default' && node.attributes.node_type !== 'script')
        .map((node) => node.group),
    ),
  ]);

  /** The section whose submit brought the shown flow; `null` while the flow shown is the route's. */
  private readonly answeredIn = linkedSignal<TFlow, string | null>({ source: this.flow, computation: () => null });
  private readonly lastWasInvalid = linkedSignal({ source: this.flow, computation: () => false });
  /** The shown flow's messages, without a success message left from an earlier submit next to new errors. */
  private readonly shownMessages = computed(() =>
    flowMessages(this.current()).filter((message) => !(this.lastWasInvalid() && message.type === 'success')),
  );
  /** The section the messages belong to, if it is on the page (else they go to the top). */
  private readonly messagesIn = computed(() => {
    const key = this.answeredIn();
    return key !== null && this.sections().some((section) => section.key === key) ? key : null;
  });
  /** Messages shown at the top: those of the route's flow, or of an answer whose section is gone. */
  protected readonly topMessages = computed(() => (this.messagesIn() === null ? this.shownMessages() : []));

  private readonly instance = nextInstance++;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private submitting?: Subscription;
  private destroyed = false;

  constructor() {
    this.titleId = `kratos-flow-${this.instance}-title`;
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
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.submitting?.unsubscribe();
    });
  }

  /** The sections of the page, in order: one form each. */
  protected abstract readonly sections: Signal<readonly FlowSection[]>;

  /** The flow's kind (`settings`, `login`…), for its own group titles (`login:oidc`). */
  protected abstract readonly flowKind: string;

  /** Sends `body`, the submit of a section's form, for the shown flow. */
  protected abstract send(flow: TFlow, body: FlowBody): Observable<TResult>;

  /** What an answer means for the page; the base has already shown its flow (if any) and emitted `updated`. */
  protected abstract answered(result: TResult): void;

  /** An id for a section's heading, unique to this component instance (two components may show the same group). */
  protected headingId(key: string): string {
    return `kratos-flow-${this.instance}-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  }

  /** The id of a section's feedback messages, or of the page's top messages without `key`. */
  protected feedbackId(key?: string): string {
    return `${key === undefined ? this.titleId : this.headingId(key)}-feedback`;
  }

  /** The flow-level messages shown in the section `key`: those of the answer to its submit. */
  protected sectionMessages(key: string): readonly UiText[] {
    return this.messagesIn() === key ? this.shownMessages() : [];
  }

  protected titleOf(group: string): string {
    return this.texts.groupTitle(group, this.flowKind);
  }

  /**
   * `order`'s groups that the flow has, then the others the flow has (not in `exclude`), in the order of their first
   * node.
   */
  protected ordered(order: readonly string[], exclude: readonly string[] = []): string[] {
    const present = this.presentGroups();
    return [
      ...order.filter((group) => present.includes(group)),
      ...present.filter((group) => !order.includes(group) && !exclude.includes(group)),
    ];
  }

  /** The one submit: a newer submit, a newer flow or the component's end cancels an older one's answer. */
  protected submit(section: string, body: FlowBody): void {
    const flow = this.current();
    this.submitting?.unsubscribe();
    this.pending.set(section);
    this.submitting = this.send(flow, body)
      .pipe(finalize(() => this.pending.set(null)))
      .subscribe({
        next: (result) => {
          if (result.flow) {
            this.current.set(result.flow);
            this.answeredIn.set(section);
            this.lastWasInvalid.set(result.kind === 'invalid');
            this.updated.emit(result.flow);
          }
          this.answered(result);
          if (result.flow) this.focusAfterAnswer(section);
        },
        error: (error: unknown) => void this.navigator.handle(error, undefined, this.policy),
      });
  }

  /** Whether the component is gone (a navigation that ended it may resolve later: nothing may be emitted then). */
  protected get ended(): boolean {
    return this.destroyed;
  }

  /** While the navigator takes the user on after a success (sign-in, recovery), the forms stay disabled. */
  protected readonly continuing = signal(false);

  /**
   * After a success: keeps the forms disabled while `step` (the navigator taking the user on) runs, then hands what
   * it resolved to to `done`; an error of it goes to `KratosNavigator.handle` with this flow's policy. Nothing happens
   * once the component is gone.
   */
  protected continueAfter<T>(step: Promise<T>, done?: (value: T) => void): void {
    this.continuing.set(true);
    step.then(
      (value) => {
        if (this.ended) return;
        this.continuing.set(false);
        done?.(value);
      },
      (error: unknown) => {
        if (this.ended) return;
        this.continuing.set(false);
        void this.navigator.handle(error, undefined, this.policy);
      },
    );
  }

  /** Calls Kratos's WebAuthn/passkey functions, which its script defines on `window` (names checked in the node view). */
  protected runTrigger(name: string): void {
    const fn = (globalThis as unknown as Record<string, unknown>)[name];
    if (typeof fn === 'function') (fn as () => unknown)();
  }

  /**
   * Acts on `continue_with`: `show_verification_ui` goes to the app's verification page with its flow when it has one
   * (`withFlowPages({ verification })`; nothing else is followed then), else is emitted as `verification`;
   * `redirect_browser_to` is followed only when the flow was started with a `return_to` (otherwise it points back to
   * this page), and only to an allowed origin.
   */
  protected continueWith(flow: TFlow, toVerificationPage: (address: string) => boolean = () => true): void {
    const items = flow.continue_with ?? [];
    const verification = items.find((item) => item.action === 'show_verification_ui');
    if (verification && this.flowPages.verification && toVerificationPage(verification.flow.verifiable_address)) {
      void this.navigator.showVerification(verification);
      return;
    }
    for (const item of items) {
      if (item.action === 'show_verification_ui') this.verification.emit(item);
      if (item.action === 'redirect_browser_to' && flow.return_to) void this.navigator.follow(item.redirect_browser_to);
    }
  }

  /**
   * After the next render: focus on the first field in error, else the first error message, else the submitted
   * section's feedback, else its heading; for a section no longer on the page, the top messages or the page's heading.
   */
  private focusAfterAnswer(section: string): void {
    afterNextRender(
      () => {
        const root = this.host.nativeElement;
        const inSection = this.messagesIn() === section;
        const shown = root.querySelector(`[data-kratos-section="${CSS.escape(section)}"]`);
        const target =
          root.querySelector<HTMLElement>('[aria-invalid="true"]') ??
          root.querySelector<HTMLElement>('.kratos-message--error') ??
          root.querySelector<HTMLElement>(`#${this.feedbackId(inSection ? section : undefined)} .kratos-message`) ??
          shown?.querySelector<HTMLElement>('.kratos-group__title') ??
          root.querySelector<HTMLElement>(`#${this.titleId}`);
        target?.focus();
      },
      { injector: this.injector },
    );
  }
}
