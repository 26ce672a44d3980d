import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { createBrowserFlow, createNativeFlow, getFlow, updateFlow } from '../flows/flow-requests';
import { KratosHttp } from '../http/kratos-http';
import { KratosObserve, Observed } from '../http/kratos-request';
import { LoginFlow } from './login-flow';
import { LOGIN_FLOW } from './login-flow-descriptor';
import {
  CreateBrowserLoginFlowOptions,
  CreateNativeLoginFlowOptions,
  LoginUpdateResult,
  UpdateLoginFlowOptions,
} from './login-flow-options';
import { UpdateLoginFlowBody } from './update-login-flow-body';

/**
 * Kratos's self-service login flow on `HttpClient`: a first login, a refresh (`refresh: true`), a second factor
 * (`aal: 'aal2'`). Cold Observables; failures arrive as `KratosError`.
 */
@Injectable({ providedIn: 'root' })
export class LoginFlowService {
  private readonly http = inject(KratosHttp);
  /** @internal The flow this service speaks (for `injectKratosFlow`, which then needs no table of every flow). */
  readonly ɵflow = LOGIN_FLOW;

  /** `GET /self-service/login/browser` (docs/kratos-protocol.md §7.1): a flow for a browser, bound to its cookies. */
  createBrowserFlow<O extends KratosObserve = 'body'>(
    options: CreateBrowserLoginFlowOptions<O> = {},
  ): Observable<Observed<LoginFlow, O>> {
    const { refresh, aal, returnTo, loginChallenge, organization, ...rest } = options;
    return createBrowserFlow(
      this.http,
      LOGIN_FLOW,
      {
        refresh: refresh ? 'true' : undefined,
        aal,
        return_to: returnTo,
        login_challenge: loginChallenge,
        organization,
      },
      rest,
    );
  }

  /** `GET /self-service/login/api` (docs/kratos-protocol.md §7.2): a flow for a native app or a server. */
  createNativeFlow<O extends KratosObserve = 'body'>(
    options: CreateNativeLoginFlowOptions<O> = {},
  ): Observable<Observed<LoginFlow, O>> {
    const { refresh, aal, returnTo, returnSessionTokenExchangeCode, ...rest } = options;
    return createNativeFlow(
      this.http,
      LOGIN_FLOW,
      {
        refresh: refresh ? 'true' : undefined,
        aal,
        return_to: returnTo,
        return_session_token_exchange_code: returnSessionTokenExchangeCode ? 'true' : undefined,
      },
      rest,
    );
  }

  /** `GET /self-service/login/flows?id=` (docs/kratos-protocol.md §7.3): an existing flow, e.g. the page's `?flow=`. */
  getFlow<O extends KratosObserve = 'body'>(
    id: string,
    options: UpdateLoginFlowOptions<O> = {},
  ): Observable<Observed<LoginFlow, O>> {
    return getFlow(this.http, LOGIN_FLOW, id, options);
  }

  /**
   * `POST /self-service/login?flow=` (docs/kratos-protocol.md §7.4) with one method's body: `success`, `next` or
   * `invalid` (see `LoginUpdateResult`); everything else, such as the 422 to the second factor, is a `KratosError`.
   */
  updateFlow<O extends KratosObserve = 'body'>(
    id: string,
    body: UpdateLoginFlowBody,
    options: UpdateLoginFlowOptions<O> = {},
  ): Observable<Observed<LoginUpdateResult, O>> {
    return updateFlow(this.http, LOGIN_FLOW, id, body, options);
  }
}
