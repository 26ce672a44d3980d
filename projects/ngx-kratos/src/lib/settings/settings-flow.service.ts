import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { createBrowserFlow, createNativeFlow, getFlow, updateFlow } from '../flows/flow-requests';
import { KratosHttp } from '../http/kratos-http';
import { KratosObserve, Observed } from '../http/kratos-request';
import { SessionChanges } from '../navigation/session-changes';
import { SettingsFlow } from './settings-flow';
import { SETTINGS_FLOW } from './settings-flow-descriptor';
import {
  CreateBrowserFlowOptions,
  CreateNativeFlowOptions,
  GetFlowOptions,
  SettingsUpdateResult,
  UpdateFlowOptions,
} from './settings-flow-options';
import { UpdateSettingsFlowBody } from './update-settings-flow-body';

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
  private readonly sessionChanges = inject(SessionChanges);
  /** @internal The flow this service speaks (for `injectKratosFlow`, which then needs no table of every flow). */
  readonly ɵflow = SETTINGS_FLOW;

  /** `GET /self-service/settings/browser` (docs/kratos-protocol.md §2.1): a flow for a browser, bound to the session cookie. */
  createBrowserFlow<O extends KratosObserve = 'body'>(
    options: CreateBrowserFlowOptions<O> = {},
  ): Observable<Observed<SettingsFlow, O>> {
    const { returnTo, ...rest } = options;
    return createBrowserFlow(this.http, SETTINGS_FLOW, { return_to: returnTo }, rest);
  }

  /** `GET /self-service/settings/api` (docs/kratos-protocol.md §2.2): a flow for a native app or a server, bound to a session token. */
  createNativeFlow<O extends KratosObserve = 'body'>(
    options: CreateNativeFlowOptions<O> = {},
  ): Observable<Observed<SettingsFlow, O>> {
    const { returnTo, ...rest } = options;
    return createNativeFlow(this.http, SETTINGS_FLOW, { return_to: returnTo }, rest);
  }

  /** `GET /self-service/settings/flows?id=` (docs/kratos-protocol.md §2.3): an existing flow, e.g. the one in the page's `?flow=`. */
  getFlow<O extends KratosObserve = 'body'>(
    id: string,
    options: GetFlowOptions<O> = {},
  ): Observable<Observed<SettingsFlow, O>> {
    return getFlow(this.http, SETTINGS_FLOW, id, options);
  }

  /**
   * `POST /self-service/settings?flow=` (docs/kratos-protocol.md §2.4) with one method's body. Resolves to
   * `{ kind: 'success', flow }` or `{ kind: 'invalid', flow }` (validation messages inside the flow);
   * everything else, such as `session_refresh_required` or a 410 with `useFlowId`, is a `KratosError`. A `success`
   * may have changed the identity (traits, addresses, credentials), so `injectKratosSession()` asks again (unless the
   * save was made with `sessionToken` or `cookie` of its own, for another session than the app's).
   */
  updateFlow<O extends KratosObserve = 'body'>(
    id: string,
    body: UpdateSettingsFlowBody,
    options: UpdateFlowOptions<O> = {},
  ): Observable<Observed<SettingsUpdateResult, O>> {
    // Only the app's own session: a save made with another session's token or cookie (a server acting for a user)
    // says nothing about it.
    const ownSession = options.sessionToken === undefined && options.cookie === undefined;
    return updateFlow(this.http, SETTINGS_FLOW, id, body, options, (result) => {
      if (result.kind === 'success' && ownSession) this.sessionChanges.changed();
    });
  }
}
