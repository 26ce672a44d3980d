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

/** Kratos's self-service registration flow on `HttpClient`. Cold Observables; failures arrive as `KratosError`. */
@Injectable({ providedIn: 'root' })
export class RegistrationFlowService {
  private readonly http = inject(KratosHttp);
  /** @internal The flow this service speaks (for `injectKratosFlow`, which then needs no table of every flow). */
  readonly ɵflow = REGISTRATION_FLOW;

  /** `GET /self-service/registration/browser` (docs/kratos-protocol.md §8.1). */
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

  /** `GET /self-service/registration/api` (docs/kratos-protocol.md §8.2). */
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

  /** `GET /self-service/registration/flows?id=` (docs/kratos-protocol.md §8.3). */
  getFlow<O extends KratosObserve = 'body'>(
    id: string,
    options: UpdateRegistrationFlowOptions<O> = {},
  ): Observable<Observed<RegistrationFlow, O>> {
    return getFlow(this.http, REGISTRATION_FLOW, id, options);
  }

  /** `POST /self-service/registration?flow=` (docs/kratos-protocol.md §8.4): `success`, `next` or `invalid`. */
  updateFlow<O extends KratosObserve = 'body'>(
    id: string,
    body: UpdateRegistrationFlowBody,
    options: UpdateRegistrationFlowOptions<O> = {},
  ): Observable<Observed<RegistrationUpdateResult, O>> {
    return updateFlow(this.http, REGISTRATION_FLOW, id, body, options);
  }
}
