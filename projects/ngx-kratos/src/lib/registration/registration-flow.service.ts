import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { createBrowserFlow, createNativeFlow, getFlow, updateFlow } from '../flows/flow-requests';
import { KratosHttp } from '../http/kratos-http';
import { KratosObserve, Observed } from '../http/kratos-request';
import { RegistrationFlow } from './registration-flow';
import { REGISTRATION_FLOW } from './registration-flow-descriptor';
import {
  CreateBrowserRegistrationFlowOptions,
  CreateNativeRegistrationFlowOptions,
  RegistrationUpdateResult,
  UpdateRegistrationFlowOptions,
} from './registration-flow-options';
import { UpdateRegistrationFlowBody } from './update-registration-flow-body';

/**
 * Kratos's self-service registration flow on `HttpClient` (docs/kratos-protocol.md §8): a new identity, by password,
 * code, provider, security key or passkey. Cold Observables; failures arrive as `KratosError`.
 */
@Injectable({ providedIn: 'root' })
export class RegistrationFlowService {
  private readonly http = inject(KratosHttp);
  /** @internal The flow this service speaks (for `injectKratosFlow`, which then needs no table of every flow). */
  readonly ɵflow = REGISTRATION_FLOW;

  /** `GET /self-service/registration/browser` (docs/kratos-protocol.md §8.1): a flow for a browser, bound to its cookies. */
  createBrowserFlow<O extends KratosObserve = 'body'>(
    options: CreateBrowserRegistrationFlowOptions<O> = {},
  ): Observable<Observed<RegistrationFlow, O>> {
    const { returnTo, afterVerificationReturnTo, loginChallenge, organization, ...rest } = options;
    return createBrowserFlow(
      this.http,
      REGISTRATION_FLOW,
      {
        return_to: returnTo,
        after_verification_return_to: afterVerificationReturnTo,
        login_challenge: loginChallenge,
        organization,
      },
      rest,
    );
  }

  /** `GET /self-service/registration/api` (docs/kratos-protocol.md §8.2): a flow for a native app or a server. */
  createNativeFlow<O extends KratosObserve = 'body'>(
    options: CreateNativeRegistrationFlowOptions<O> = {},
  ): Observable<Observed<RegistrationFlow, O>> {
    const { returnTo, returnSessionTokenExchangeCode, ...rest } = options;
    return createNativeFlow(
      this.http,
      REGISTRATION_FLOW,
      {
        return_to: returnTo,
        return_session_token_exchange_code: returnSessionTokenExchangeCode ? 'true' : undefined,
      },
      rest,
    );
  }

  /** `GET /self-service/registration/flows?id=` (docs/kratos-protocol.md §8.3): an existing flow, e.g. the page's `?flow=`. */
  getFlow<O extends KratosObserve = 'body'>(
    id: string,
    options: UpdateRegistrationFlowOptions<O> = {},
  ): Observable<Observed<RegistrationFlow, O>> {
    return getFlow(this.http, REGISTRATION_FLOW, id, options);
  }

  /**
   * `POST /self-service/registration?flow=` (docs/kratos-protocol.md §8.4) with one method's body: `success`, `next` or
   * `invalid` (see `RegistrationUpdateResult`); everything else, such as the 422 to a provider, is a `KratosError`.
   */
  updateFlow<O extends KratosObserve = 'body'>(
    id: string,
    body: UpdateRegistrationFlowBody,
    options: UpdateRegistrationFlowOptions<O> = {},
  ): Observable<Observed<RegistrationUpdateResult, O>> {
    return updateFlow(this.http, REGISTRATION_FLOW, id, body, options);
  }
}
