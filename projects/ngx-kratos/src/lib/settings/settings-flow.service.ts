import { isPlatformBrowser } from '@angular/common';
import { inject, Injectable, PLATFORM_ID } from '@angular/core';
import { KratosError } from '../errors/kratos-error';
import { flowMessages } from '../models/ui-helpers';
import { Observable } from 'rxjs';
import { KratosHttp } from '../http/kratos-http';
import { KratosObserve, Observed } from '../http/kratos-request';
import { asSettingsFlow } from '../http/read-body';
import { SettingsFlow } from '../models/settings-flow';
import { UpdateSettingsFlowBody } from '../models/update-settings-flow-body';
import {
  CreateBrowserFlowOptions,
  CreateNativeFlowOptions,
  GetFlowOptions,
  SettingsUpdateResult,
  UpdateFlowOptions,
} from './settings-flow-options';

/**
 * Kratos's self-service settings flow on `HttpClient`. Every method returns a cold Observable: nothing is sent
 * until it is subscribed, and unsubscribing aborts the request. Failures arrive as `KratosError`.
 *
 * Flows are typed with `Record<string, unknown>` traits; an app that knows its identity schema narrows them
 * with `SettingsFlow<MyTraits>`.
 */
@Injectable({ providedIn: 'root' })
export class SettingsFlowService {
  private readonly http = inject(KratosHttp);
  private readonly inBrowser = isPlatformBrowser(inject(PLATFORM_ID));

  /** `GET /self-service/settings/browser` (protocol §2.1): a flow for a browser, bound to the session cookie. */
  createBrowserFlow<O extends KratosObserve = 'body'>(
    options: CreateBrowserFlowOptions<O> = {},
  ): Observable<Observed<SettingsFlow, O>> {
    const { returnTo, cookie, ...rest } = options;
    return this.http.send({
      method: 'GET',
      path: '/self-service/settings/browser',
      params: { return_to: returnTo },
      session: { cookie },
      options: rest,
      read: asSettingsFlow,
    });
  }

  /** `GET /self-service/settings/api` (protocol §2.2): a flow for a native app or a server, bound to a session token. */
  createNativeFlow<O extends KratosObserve = 'body'>(
    options: CreateNativeFlowOptions<O> = {},
  ): Observable<Observed<SettingsFlow, O>> {
    const { returnTo, sessionToken, ...rest } = options;
    return this.http.send({
      method: 'GET',
      path: '/self-service/settings/api',
      params: { return_to: returnTo },
      session: { sessionToken },
      // Never with cookies, even when an interceptor supplies the token: api flows must carry none (protocol §1.2).
      withCredentials: false,
      options: rest,
      read: asSettingsFlow,
    });
  }

  /** `GET /self-service/settings/flows?id=` (protocol §2.3): an existing flow, e.g. the one in the page's `?flow=`. */
  getFlow<O extends KratosObserve = 'body'>(
    id: string,
    options: GetFlowOptions<O> = {},
  ): Observable<Observed<SettingsFlow, O>> {
    const { sessionToken, cookie, ...rest } = options;
    return this.http.send({
      method: 'GET',
      path: '/self-service/settings/flows',
      params: { id },
      session: { sessionToken, cookie },
      options: rest,
      read: asSettingsFlow,
    });
  }

  /**
   * `POST /self-service/settings?flow=` (protocol §2.4) with one method's body. Resolves to
   * `{ kind: 'success', flow }` or `{ kind: 'invalid', flow }` (validation messages inside the flow);
   * everything else, such as `session_refresh_required` or a 410 with `useFlowId`, is a `KratosError`.
   */
  updateFlow<O extends KratosObserve = 'body'>(
    id: string,
    body: UpdateSettingsFlowBody,
    options: UpdateFlowOptions<O> = {},
  ): Observable<Observed<SettingsUpdateResult, O>> {
    const { sessionToken, cookie, ...rest } = options;
    return this.http.send({
      method: 'POST',
      path: '/self-service/settings',
      params: { flow: id },
      body,
      session: { sessionToken, cookie },
      options: rest,
      read: (value): SettingsUpdateResult | undefined => {
        const flow = asSettingsFlow(value);
        return flow && { kind: 'success', flow };
      },
      // A 400 whose body is a flow is the validation answer (row 10); a 400 error envelope stays an error.
      recover: (value, status): SettingsUpdateResult | undefined => {
        const flow = status === 400 ? asSettingsFlow(value) : undefined;
        if (flow && this.inBrowser && refusedAsBrowser(flow)) {
          throw new KratosError({
            kind: 'bad_request',
            status,
            message:
              'ngx-kratos: Kratos refuses to accept the submit of an api (native) flow from a browser, because ' +
              'browsers send an Origin header (protocol §0.1). Use a browser flow (cookies) in browsers; ' +
              'session-token mode is for SSR, native HTTP and scripts.',
            reason: flowMessages(flow)[0]?.text,
            body: flow,
          });
        }
        return flow && { kind: 'invalid', flow };
      },
    });
  }
}

/** §1.2 `EnsureCSRF`: an api flow submitted with an Origin header (or cookies) comes back as a 400 flow with 4000001. */
function refusedAsBrowser(flow: SettingsFlow): boolean {
  return (
    flow.type === 'api' &&
    flowMessages(flow).some((message) => message.id === 4000001 && /"(Origin|Cookie)" key/.test(message.text))
  );
}
