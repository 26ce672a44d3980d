import { computed, Directive, effect, untracked } from '@angular/core';
import {
  CodeFlow,
  CodeFlowUpdateResult,
  FlowBody,
  flowMessages,
  getCsrfToken,
  isInputNode,
  nodeMessages,
  UiText,
} from 'ngx-kratos';
import { map, Observable } from 'rxjs';
import { KratosFlowComponent } from './flow-component';
import { FlowSection } from './flow-section.component';
import { KratosLabels } from './texts';

/** Kratos's "the code is invalid or has already been used" (recovery, verification): shown at the code field. */
const CODE_INVALID: ReadonlySet<number> = new Set([4060006, 4070006]);

/** The methods a code flow's page has a form for, in this order; others Kratos adds follow. */
const METHODS = ['code', 'link'];

/**
 * The flows (by id and pre-filled code) whose code from the mail's link was sent already, in this page's lifetime: a
 * flow's code is sent by itself once, even when its page is shown again (Back, the route's flow read again), so that a
 * wrong code is never sent over and over.
 */
const autoSubmitted = new Set<string>();

/**
 * What `<kratos-recovery>` and `<kratos-verification>` share (docs/kratos-protocol.md §11, §12): the address, then the
 * code, in one form per method; the answers by the flow's state (`sent`, `invalid`, `passed`, `replaced`):
 *
 * - `invalid`: Kratos's "invalid code" message next to the code field (`aria-invalid`, focus on the field), with the
 *   code as typed kept in it; other errors where Kratos puts them;
 * - `replaced`: the new flow is shown, and the page's `?flow=` becomes its id (no request: the route takes it as is);
 * - `passed`: what the flow's component does with it (`passed()`);
 * - resending a code is the email step again: its body carries no code.
 *
 * A flow whose code Kratos pre-filled (the mail's link, §12.4 row 6) is submitted by itself, once.
 */
@Directive()
export abstract class KratosCodeFlowComponent<TFlow extends CodeFlow> extends KratosFlowComponent<
  TFlow,
  CodeFlowUpdateResult<TFlow>
> {
  /** The heading's label. */
  protected abstract readonly headingLabel: keyof KratosLabels;
  protected readonly heading = computed(() => this.texts.label(this.headingLabel));

  protected readonly sections = computed<FlowSection[]>(() => {
    const groups = this.ordered(METHODS);
    // One form is labelled by the page's heading; several have a title each.
    return groups.map((group) => ({
      key: group,
      groups: [group],
      defaults: 'all',
      title: groups.length > 1 ? this.titleOf(group) : undefined,
    }));
  });

  constructor() {
    super();
    effect(() => {
      const flow = this.flow();
      const code = prefilledCode(flow);
      const key = `${flow.id} ${code}`;
      if (code === undefined || autoSubmitted.has(key)) return;
      autoSubmitted.add(key);
      untracked(() => this.submit('code', { method: 'code', code, csrf_token: getCsrfToken(flow) }));
    });
  }

  /** The flow's own service's `updateFlow`. */
  protected abstract update(flow: TFlow, body: FlowBody): Observable<CodeFlowUpdateResult<TFlow>>;

  /** What the flow's component does once the challenge is passed. */
  protected abstract passed(result: Extract<CodeFlowUpdateResult<TFlow>, { kind: 'passed' }>): void;

  protected send(flow: TFlow, body: FlowBody): Observable<CodeFlowUpdateResult<TFlow>> {
    const typed = typeof body['code'] === 'string' ? body['code'] : undefined;
    return this.update(flow, stepBody(body)).pipe(
      map((result) => (result.kind === 'invalid' ? { ...result, flow: withCodeError(result.flow, typed) } : result)),
    );
  }

  protected answered(result: CodeFlowUpdateResult<TFlow>): void {
    if (result.kind === 'replaced') {
      void this.navigator.showReplacement(this.flowKind, result.flow);
    } else if (result.kind === 'passed') {
      this.passed(result);
    }
  }
}

/**
 * The body of one step: with an `email` (the email step, or its resend button), no `code` (Kratos would take the
 * body for the email step anyway, docs/kratos-protocol.md §11.6); without one, the code step as the form has it.
 */
function stepBody(body: FlowBody): FlowBody {
  if (typeof body['email'] !== 'string') return body;
  const emailStep: FlowBody = { ...body };
  delete emailStep['code'];
  return emailStep;
}

/** The value Kratos put into the flow's code field (the mail's link), if the flow is still waiting for it. */
function prefilledCode(flow: CodeFlow): string | undefined {
  if (flow.state === 'passed_challenge') return undefined;
  const node = flow.ui.nodes.find((n) => isInputNode(n) && n.attributes.name === 'code' && n.group !== 'default');
  const value = node && isInputNode(node) ? node.attributes.value : undefined;
  const hasError = (messages: readonly UiText[]) => messages.some((message) => message.type === 'error');
  if (typeof value !== 'string' || value === '' || hasError(flowMessages(flow)) || hasError(nodeMessages(node!))) {
    return undefined;
  }
  return value;
}

/**
 * `flow` with Kratos's "invalid code" message on the code field instead of the whole flow, and the code as it was
 * typed in the field (Kratos answers with an empty one). A copy: Kratos's flow object is left as it came.
 */
function withCodeError<TFlow extends CodeFlow>(flow: TFlow, typed: string | undefined): TFlow {
  const index = flow.ui.nodes.findIndex((n) => isInputNode(n) && n.attributes.name === 'code' && n.group !== 'default');
  if (index < 0) return flow;
  const moved = flowMessages(flow).filter((message) => CODE_INVALID.has(message.id));
  const node = flow.ui.nodes[index];
  if (!isInputNode(node)) return flow;
  const nodes = [...flow.ui.nodes];
  nodes[index] = {
    ...node,
    attributes: { ...node.attributes, value: typed ?? node.attributes.value },
    messages: [...nodeMessages(node), ...moved],
  };
  const messages = flowMessages(flow).filter((message) => !CODE_INVALID.has(message.id));
  return { ...flow, ui: { ...flow.ui, nodes, messages } };
}
