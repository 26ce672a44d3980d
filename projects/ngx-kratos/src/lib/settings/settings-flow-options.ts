import { KratosObserve, KratosRequestOptions, KratosSessionOptions } from '../http/kratos-request';
import { SettingsFlow } from './settings-flow';

/** The options of `SettingsFlowService.createBrowserFlow`: the request's, a `return_to`, and on a server the cookie. */
export interface CreateBrowserFlowOptions<O extends KratosObserve = 'body'> extends KratosRequestOptions<O> {
  /** Where Kratos sends the browser after a successful change; must be on Kratos's allow-list (docs/kratos-protocol.md §1.5). */
  returnTo?: string;
  /** Server only: the user's browser `Cookie` header to forward (see `KratosSessionOptions.cookie`). */
  cookie?: string;
}

/** The options of `SettingsFlowService.createNativeFlow`: the request's, the session token, a `return_to`. */
export interface CreateNativeFlowOptions<O extends KratosObserve = 'body'> extends KratosRequestOptions<O> {
  /** The session token; without it, the session-token interceptor (if configured) supplies one. */
  sessionToken?: string;
  /** Kept as the flow's `return_to`, for the app to use; must be on Kratos's allow-list (docs/kratos-protocol.md §1.5). */
  returnTo?: string;
}

/** The options of `SettingsFlowService.getFlow`: the request's, and the session it is for (a token, or a cookie on a server). */
export type GetFlowOptions<O extends KratosObserve = 'body'> = KratosRequestOptions<O> & KratosSessionOptions;

/** The options of `SettingsFlowService.updateFlow`: the request's, and the session it is for. */
export type UpdateFlowOptions<O extends KratosObserve = 'body'> = KratosRequestOptions<O> & KratosSessionOptions;

/**
 * The two answers of a submit that carry a flow (docs/kratos-protocol.md §2.4): `success` (200; read `flow.continue_with` for what
 * comes next) and `invalid` (400 with the flow and its validation messages). Every other answer is a `KratosError`.
 *
 * A 200 for lookup_secret reveal/regenerate (row 11) is a `success` whose flow shows the codes, not a saved change.
 */
export type SettingsUpdateResult<TTraits = Record<string, unknown>> =
  { kind: 'success'; flow: SettingsFlow<TTraits> } | { kind: 'invalid'; flow: SettingsFlow<TTraits> };
