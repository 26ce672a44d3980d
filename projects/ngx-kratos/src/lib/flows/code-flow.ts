import { Observable } from 'rxjs';
import { KratosHttp } from '../http/kratos-http';
import { KratosObserve, KratosRequestOptions, KratosSessionOptions, Observed } from '../http/kratos-request';
import { ContinueWith } from '../models/continue-with';
import { FlowType } from '../models/flow';
import { DateTimeString } from '../models/identity';
import { UiContainer } from '../models/ui-container';
import { FlowAnswer, FlowDescriptor } from './flow-descriptor';
import { createBrowserFlow, createNativeFlow, getFlow, updateFlow } from './flow-requests';
import { hasErrors } from './flow-step';

/*
 * What recovery and verification share (docs/kratos-protocol.md §11, §12): flows that send a code to an address and
 * take it back. Kratos answers them by the flow's `state` and messages, not by the status (200 for the email step, for
 * a wrong code and for success), and replaces a flow with a new one for several failures.
 */

/** Where a code flow stands: `choose_method` (asks for the address), `sent_email` (asks for the code), `passed_challenge`. */
export type CodeFlowState = 'choose_method' | 'sent_email' | 'passed_challenge';

/** A recovery or verification flow as Kratos serialises it (docs/kratos-protocol.md §11.2, §12.2). */
export interface CodeFlow {
  /** The flow's id: the page's `?flow=`. */
  id: string;
  /** `browser` (cookies and a CSRF token) or `api` (a native app). */
  type: FlowType;
  /** Where the flow stands: asking for the address, asking for the code, or done. */
  state: CodeFlowState;
  /** When the flow expires; a submit after it gets a new flow. */
  expires_at: DateTimeString;
  /** When the flow was made. */
  issued_at: DateTimeString;
  /** The full init URL, including its query. */
  request_url: string;
  /** Where Kratos sends the browser at the end, when the flow was started with one. */
  return_to?: string;
  /** The method in use: `code` (or `link`). */
  active?: string;
  /** The flow's form. */
  ui: UiContainer;
  /** Recovery with `feature_flags.use_continue_with_transitions` (docs/kratos-protocol.md §11.5). */
  continue_with?: ContinueWith[];
  /** What the last submit sent as `transient_payload`, which Kratos passes on to its webhooks. */
  transient_payload?: Record<string, unknown>;
}

/**
 * The answers of a code flow's submit that are not errors (docs/kratos-protocol.md §11.1, §12.1), all by the flow
 * Kratos answered with:
 * - `replaced`: another flow than the one submitted (recovery's 303 to `…/flows?id=<new>`, which the browser follows:
 *   an expired flow, too many codes, a used code); show it (its message says why) and use its id from now on;
 * - `invalid`: the flow or a node carries an error (a wrong code: 4060006 / 4070006; a missing or malformed address);
 * - `passed`: `passed_challenge`; `continueWith` is Kratos's `continue_with` (`[]` without one);
 * - `sent`: the email step was taken (`sent_email`, no error): a code is on its way, or was, for a known address.
 */
export type CodeFlowUpdateResult<TFlow> =
  | { kind: 'sent'; flow: TFlow }
  | { kind: 'invalid'; flow: TFlow }
  | { kind: 'passed'; flow: TFlow; continueWith: ContinueWith[] }
  | { kind: 'replaced'; flow: TFlow };

/** A code flow's answer, read by its id, its messages and its state, in that order (see `CodeFlowUpdateResult`). */
export function codeFlowResult<TFlow extends CodeFlow>({
  flow,
  submittedId,
}: FlowAnswer<TFlow>): CodeFlowUpdateResult<TFlow> {
  if (flow.id !== submittedId) return { kind: 'replaced', flow };
  if (hasErrors(flow)) return { kind: 'invalid', flow };
  if (flow.state === 'passed_challenge') return { kind: 'passed', flow, continueWith: flow.continue_with ?? [] };
  // A flow that came back without progress and without an error is not a step forward either.
  return { kind: flow.state === 'sent_email' ? 'sent' : 'invalid', flow };
}

/** The email step (and resending a code): a code goes to `email` (docs/kratos-protocol.md §11.6, §12.7). */
export interface UpdateCodeFlowWithEmail {
  /** Always `code`. */
  method: 'code';
  /** The address to send the code to. */
  email: string;
  /** Browser flows: the `csrf_token` node's value (see `getCsrfToken`). */
  csrf_token?: string;
  /** Data for Kratos's webhooks, not stored in the flow's identity. */
  transient_payload?: Record<string, unknown>;
}

/** The code step: the code from the mail; `method` may be left out (a `code` implies it). Never with an `email`. */
export interface UpdateCodeFlowWithCode {
  /** `code`, or left out. */
  method?: 'code';
  /** The code from the mail. */
  code: string;
  /** Browser flows: the `csrf_token` node's value (see `getCsrfToken`). */
  csrf_token?: string;
  /** Never sent with a code: an `email` would make Kratos send a new code instead. */
  email?: never;
  /** Data for Kratos's webhooks, not stored in the flow's identity. */
  transient_payload?: Record<string, unknown>;
}

/** `use: link`: a link is sent to `email` instead of a code. */
export interface UpdateCodeFlowWithLink {
  /** Always `link`. */
  method: 'link';
  /** The address to send the link to. */
  email: string;
  /** Browser flows: the `csrf_token` node's value (see `getCsrfToken`). */
  csrf_token?: string;
  /** Data for Kratos's webhooks, not stored in the flow's identity. */
  transient_payload?: Record<string, unknown>;
}

/** A code flow's submit body: the address (a code or a link is sent), or the code. */
export type UpdateCodeFlowBody = UpdateCodeFlowWithEmail | UpdateCodeFlowWithCode | UpdateCodeFlowWithLink;

/** The options of a code flow's `createBrowserFlow`. */
export interface CreateBrowserCodeFlowOptions<O extends KratosObserve = 'body'> extends KratosRequestOptions<O> {
  /** Where Kratos sends the browser afterwards; must be on Kratos's allow-list (docs/kratos-protocol.md §1.5). */
  returnTo?: string;
  /** Server only: the user's browser `Cookie` header to forward. */
  cookie?: string;
}

/** The options of a code flow's `createNativeFlow`. */
export interface CreateNativeCodeFlowOptions<O extends KratosObserve = 'body'> extends KratosRequestOptions<O> {
  /** Kept as the flow's `return_to`, for the app to use; must be on Kratos's allow-list (docs/kratos-protocol.md §1.5). */
  returnTo?: string;
}

/** The options of a code flow's `getFlow` and `updateFlow`: a request's options and, for native apps, the session. */
export type CodeFlowRequestOptions<O extends KratosObserve = 'body'> = KratosRequestOptions<O> & KratosSessionOptions;

/**
 * The four calls of a code flow over its descriptor, for the flow's service to extend: the flow's own service names
 * the endpoints in its documentation and adds nothing else.
 */
export abstract class CodeFlowCalls<TFlow extends CodeFlow, TBody extends object> {
  /** The client the calls go through. */
  protected abstract readonly http: KratosHttp;
  /** The flow the calls are for. */
  protected abstract readonly descriptor: FlowDescriptor<TFlow, CodeFlowUpdateResult<TFlow>>;

  /** @internal The flow this service speaks (for `injectKratosFlow`). */
  get ɵflow(): FlowDescriptor<TFlow, CodeFlowUpdateResult<TFlow>> {
    return this.descriptor;
  }

  /** `GET /self-service/{flow}/browser`: a flow for a browser, bound to its cookies. */
  createBrowserFlow<O extends KratosObserve = 'body'>(
    options: CreateBrowserCodeFlowOptions<O> = {},
  ): Observable<Observed<TFlow, O>> {
    const { returnTo, ...rest } = options;
    return createBrowserFlow(this.http, this.descriptor, { return_to: returnTo }, rest);
  }

  /** `GET /self-service/{flow}/api`: a flow for a native app or a server. */
  createNativeFlow<O extends KratosObserve = 'body'>(
    options: CreateNativeCodeFlowOptions<O> = {},
  ): Observable<Observed<TFlow, O>> {
    const { returnTo, ...rest } = options;
    return createNativeFlow(this.http, this.descriptor, { return_to: returnTo }, rest);
  }

  /** `GET /self-service/{flow}/flows?id=`: an existing flow, e.g. the page's `?flow=`. */
  getFlow<O extends KratosObserve = 'body'>(
    id: string,
    options: CodeFlowRequestOptions<O> = {},
  ): Observable<Observed<TFlow, O>> {
    return getFlow(this.http, this.descriptor, id, options);
  }

  /** `POST /self-service/{flow}?flow=`: `sent`, `invalid`, `passed` or `replaced`; everything else is a `KratosError`. */
  updateFlow<O extends KratosObserve = 'body'>(
    id: string,
    body: TBody,
    options: CodeFlowRequestOptions<O> = {},
  ): Observable<Observed<CodeFlowUpdateResult<TFlow>, O>> {
    return updateFlow(this.http, this.descriptor, id, body, options);
  }
}
