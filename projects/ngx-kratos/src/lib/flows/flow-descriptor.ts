import { FlowPolicy } from '../navigation/flow-policy';
import { FlowShape } from '../wire/read-body';

/** A submit's answer that carries a flow: its status and the flow. */
export interface FlowAnswer<TFlow> {
  /** The HTTP status of the answer. */
  status: number;
  /** The flow the answer carries. */
  flow: TFlow;
  /**
   * The id of the flow that was submitted. An answer with another flow is a replacement: Kratos made a new flow and
   * (for a JSON client) answered a 303 to it, which the browser followed (docs/kratos-protocol.md §11.1).
   */
  submittedId: string;
}

/**
 * What makes one self-service flow kind (settings, login, …) different from the others; everything else (the
 * endpoints' shape, the pipeline, routing, navigation) is shared. The generic client, routes and navigator read it.
 */
export interface FlowDescriptor<TFlow extends FlowShape = FlowShape, TResult = unknown> {
  /** The kind, as the hand-off between guard and resolver keys it: `settings`. */
  readonly kind: string;
  /** Kratos's path segment: `settings` → `/self-service/settings/browser`, `/api`, `/flows`, `?flow=`. */
  readonly path: string;
  /** What its flows are called in messages: `a settings flow`. */
  readonly label: string;
  /** The body as this flow, or `undefined` when it is not one (a `malformed_response`). */
  read(value: unknown): TFlow | undefined;
  /**
   * What a submit's answer that carries a flow means: by what Kratos says in it, not by status alone (a 400 can be a
   * validation error or the next step; a 200 can carry a flow-level error). `undefined`: not an answer of this flow,
   * which stays an error.
   */
  classify(answer: FlowAnswer<TFlow>): TResult | undefined;
  /**
   * A submit's 2xx answer that is not a flow (login's and registration's `{ session, … }`), or `undefined` when the
   * body is not this flow's success either. Flows whose success is the flow itself (settings) leave it out.
   */
  success?(body: unknown): TResult | undefined;
  /** The page's query parameters that start a flow of this kind (`return_to`; checked before they go to Kratos). */
  readonly startParams: readonly string[];
  /** Where its page sends the user after an error (beyond SHARED_FLOW_POLICY). */
  readonly policy: FlowPolicy;
}
