import { KratosObserve, KratosRequestOptions, KratosSessionOptions } from '../http/kratos-request';
import { FlowStep } from '../flows/flow-step';
import { ContinueWith } from '../models/continue-with';
import { AuthenticatorAssuranceLevel, Session } from '../models/session';
import { LoginFlow } from './login-flow';

/** What a login flow is started for: a first login, a re-authentication, a second factor. */
interface LoginStart {
  /** Re-authenticate the current session (`refresh=true`): the user proves it is them again. */
  refresh?: boolean;
  /** The level to reach: `aal2` asks a signed-in user for the second factor. */
  aal?: Exclude<AuthenticatorAssuranceLevel, 'aal0'>;
  /** Where Kratos sends the browser after the login; must be on Kratos's allow-list (docs/kratos-protocol.md §1.5). */
  returnTo?: string;
}

/** The options of `LoginFlowService.createBrowserFlow`: what the login is for, Hydra's challenge, on a server the cookie. */
export interface CreateBrowserLoginFlowOptions<O extends KratosObserve = 'body'>
  extends KratosRequestOptions<O>, LoginStart {
  /** Ory Hydra's `login_challenge`: the login serves an OAuth2 authorization. */
  loginChallenge?: string;
  /** Ory Network: the organization to sign in to. */
  organization?: string;
  /** Server only: the user's browser `Cookie` header to forward. */
  cookie?: string;
}

/** The options of `LoginFlowService.createNativeFlow`: what the login is for, the session token of a step-up. */
export interface CreateNativeLoginFlowOptions<O extends KratosObserve = 'body'>
  extends KratosRequestOptions<O>, LoginStart {
  /** For a refresh or a second factor: the session token of the session it is for. */
  sessionToken?: string;
  /**
   * The flow carries a `session_token_exchange_code`, for an app that signs in through a browser (OIDC) and takes the
   * session token back with `KratosSessionService.exchangeSessionToken` (docs/kratos-protocol.md §9).
   */
  returnSessionTokenExchangeCode?: boolean;
}

/** The options of `LoginFlowService.getFlow` and `updateFlow`: the request's, and the session it is for. */
export type UpdateLoginFlowOptions<O extends KratosObserve = 'body'> = KratosRequestOptions<O> & KratosSessionOptions;

/** A completed login: the session, its token for native flows, and what Kratos says comes next. */
export interface LoginSuccess<TTraits = Record<string, unknown>> {
  /** Always `success`. */
  kind: 'success';
  /** The session the login made (or refreshed, or raised to `aal2`). */
  session: Session<TTraits>;
  /** Native (api) flows: the session token to send as `X-Session-Token` from now on. */
  sessionToken?: string;
  /** Kratos's `continue_with` (`[]` when it sent none): where a browser goes next, a token to store. */
  continueWith: ContinueWith[];
}

/**
 * The answers of a login submit that are not errors (docs/kratos-protocol.md §7.4): `success`; `next` when the flow
 * continues (a code was sent, identifier-first's second step); `invalid` when the flow carries error messages (a wrong
 * password). Every other answer, such as the 422 to the second factor or to a provider, is a `KratosError`.
 */
export type LoginUpdateResult<TTraits = Record<string, unknown>> = LoginSuccess<TTraits> | FlowStep<LoginFlow>;
