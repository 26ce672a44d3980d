import { FlowStep } from '../flows/flow-step';
import { KratosObserve, KratosRequestOptions, KratosSessionOptions } from '../http/kratos-request';
import { ContinueWith } from '../models/continue-with';
import { Identity } from '../models/identity';
import { Session } from '../models/session';
import { RegistrationFlow } from './registration-flow';

/** The options of `RegistrationFlowService.createBrowserFlow`: where to go afterwards, Hydra's challenge, the cookie. */
export interface CreateBrowserRegistrationFlowOptions<
  O extends KratosObserve = 'body',
> extends KratosRequestOptions<O> {
  /** Where Kratos sends the browser after registering; must be on Kratos's allow-list (docs/kratos-protocol.md §1.5). */
  returnTo?: string;
  /** Where the verification flow that follows the registration sends the browser when it is done. */
  afterVerificationReturnTo?: string;
  /** Ory Hydra's `login_challenge`: the registration serves an OAuth2 authorization. */
  loginChallenge?: string;
  /** Ory Network: the organization to register with. */
  organization?: string;
  /** Server only: the user's browser `Cookie` header to forward. */
  cookie?: string;
}

/** The options of `RegistrationFlowService.createNativeFlow`. */
export interface CreateNativeRegistrationFlowOptions<O extends KratosObserve = 'body'> extends KratosRequestOptions<O> {
  /** Kept as the flow's `return_to`, for the app to use; must be on Kratos's allow-list (docs/kratos-protocol.md §1.5). */
  returnTo?: string;
  /** The flow carries a `session_token_exchange_code` (docs/kratos-protocol.md §9). */
  returnSessionTokenExchangeCode?: boolean;
}

/** The options of `RegistrationFlowService.getFlow` and `updateFlow`: the request's, and the session it is for. */
export type UpdateRegistrationFlowOptions<O extends KratosObserve = 'body'> = KratosRequestOptions<O> &
  KratosSessionOptions;

/**
 * A completed registration: the new identity; a session (and, for native flows, its token) only when Kratos's
 * `session` after-hook is configured; and what Kratos says comes next (`show_verification_ui`, a redirect).
 */
export interface RegistrationSuccess<TTraits = Record<string, unknown>> {
  /** Always `success`. */
  kind: 'success';
  /** The identity the registration made. */
  identity: Identity<TTraits>;
  /** The new session, when Kratos's `session` after-hook signs the user in. */
  session?: Session<TTraits>;
  /** Native (api) flows with the `session` hook: the session token to send as `X-Session-Token` from now on. */
  sessionToken?: string;
  /** Kratos's `continue_with` (`[]` when it sent none): a verification to show, where a browser goes next, a token. */
  continueWith: ContinueWith[];
}

/**
 * The answers of a registration submit that are not errors (docs/kratos-protocol.md §8.4): `success`; `next` when
 * the flow continues (two-step registration's methods after the traits, a code sent); `invalid` when the flow carries
 * error messages (an address in use, a weak password). Every other answer is a `KratosError`.
 */
export type RegistrationUpdateResult<TTraits = Record<string, unknown>> =
  RegistrationSuccess<TTraits> | FlowStep<RegistrationFlow>;
