import { flowMessages, HasUi, nodeMessages } from '../models/ui-helpers';

/** A flow answer that continues the flow: a next step (`next`), or the same step with errors to fix (`invalid`). */
export type FlowStep<TFlow> = { kind: 'next'; flow: TFlow } | { kind: 'invalid'; flow: TFlow };

/**
 * What a flow that came back from a submit means (docs/kratos-protocol.md §7.4, §8.4): Kratos answers a validation
 * error and the next step of a multi-step method (a code sent, identifier-first, two-step registration) alike, as a
 * 400 with the flow; the difference is in the flow, which carries error messages only for the first.
 */
export function flowStep<TFlow extends HasUi>(flow: TFlow): FlowStep<TFlow> {
  return { kind: hasErrors(flow) ? 'invalid' : 'next', flow };
}

/** Whether the flow or any of its nodes carries an error message. */
export function hasErrors(flow: HasUi): boolean {
  const error = (message: { type: string }) => message.type === 'error';
  return flowMessages(flow).some(error) || flow.ui.nodes.some((node) => nodeMessages(node).some(error));
}
