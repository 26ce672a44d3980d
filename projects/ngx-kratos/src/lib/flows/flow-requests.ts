import { Observable } from 'rxjs';
import { KratosError } from '../errors/kratos-error';
import { KratosHttp } from '../http/kratos-http';
import { KratosObserve, KratosRequestOptions, KratosSessionOptions, Observed } from '../http/kratos-request';
import { FlowBody } from '../models/flow';
import { flowMessages } from '../models/ui-helpers';
import { FlowShape, isRecord } from '../wire/read-body';
import { FlowDescriptor } from './flow-descriptor';

/*
 * The four endpoints every self-service flow has, for any kind its descriptor describes (docs/kratos-protocol.md
 * §2): `GET /self-service/{flow}/browser` and `/api`, `GET /self-service/{flow}/flows?id=`, and the submit
 * `POST /self-service/{flow}?flow=`. Functions over the caller's `KratosHttp`, so that each flow's service is a thin
 * layer that keeps the client of the injector it was created in, and an app ships only the calls it makes.
 */

/** The start parameters of a flow, by their query names (`return_to`); `undefined` ones are left out. */
export type FlowQuery = Readonly<Record<string, string | undefined>>;

/** A flow for a browser, bound to its cookies (forwarded with `cookie` on a server). */
export function createBrowserFlow<F extends FlowShape, O extends KratosObserve>(
  http: KratosHttp,
  flow: FlowDescriptor<F>,
  query: FlowQuery,
  { cookie, ...options }: KratosRequestOptions<O> & Pick<KratosSessionOptions, 'cookie'>,
): Observable<Observed<F, O>> {
  return readFlow(http, flow, '/browser', query, { cookie }, options);
}

/** A flow for a native app or a server, bound to a session token where the flow needs one. */
export function createNativeFlow<F extends FlowShape, O extends KratosObserve>(
  http: KratosHttp,
  flow: FlowDescriptor<F>,
  query: FlowQuery,
  { sessionToken, ...options }: KratosRequestOptions<O> & Pick<KratosSessionOptions, 'sessionToken'>,
): Observable<Observed<F, O>> {
  // Never with cookies, even when an interceptor supplies the token: api flows must carry none (§1.2).
  return readFlow(http, flow, '/api', query, { sessionToken }, options, false);
}

/** An existing flow by id, e.g. the one in the page's `?flow=`. */
export function getFlow<F extends FlowShape, O extends KratosObserve>(
  http: KratosHttp,
  flow: FlowDescriptor<F>,
  id: string,
  { sessionToken, cookie, ...options }: KratosRequestOptions<O> & KratosSessionOptions,
): Observable<Observed<F, O>> {
  return readFlow(http, flow, '/flows', { id }, { sessionToken, cookie }, options);
}

/**
 * The submit: a 2xx, or an error status whose body is a flow, is what the descriptor makes of it; every other
 * answer is a `KratosError`. In a browser, Kratos's refusal of an api flow's submit (browsers send `Origin`) is a
 * `bad_request` error, not a validation result: nothing in the form could fix it. `answered` sees each result as it
 * is read, whatever `observe` the caller asked for.
 */
export function updateFlow<F extends FlowShape, R, O extends KratosObserve>(
  http: KratosHttp,
  flow: FlowDescriptor<F, R>,
  id: string,
  body: FlowBody | object,
  { sessionToken, cookie, ...options }: KratosRequestOptions<O> & KratosSessionOptions,
  answered?: (result: R) => void,
): Observable<Observed<R, O>> {
  const classify = (value: unknown, status: number): R | undefined => {
    const result = classifyAnswer(value, status);
    if (result !== undefined) answered?.(result);
    return result;
  };
  const classifyAnswer = (value: unknown, status: number): R | undefined => {
    const answer = flow.read(value);
    if (!answer) {
      return status < 300 ? flow.success?.(value) : undefined;
    }
    if (status === 400 && http.inBrowser && refusedAsBrowser(answer)) {
      throw new KratosError({
        kind: 'bad_request',
        status,
        message:
          typeof ngDevMode === 'undefined' || ngDevMode
            ? 'ngx-kratos: Kratos refuses to accept the submit of an api (native) flow from a browser, because ' +
              'browsers send an Origin header (docs/kratos-protocol.md §1.2). Use a browser flow (cookies) in ' +
              'browsers; session-token mode is for SSR, native HTTP and scripts.'
            : 'ngx-kratos: an api flow cannot be submitted from a browser.',
        reason: flowMessages(answer)[0]?.text,
        body: answer,
      });
    }
    return flow.classify({ status, flow: answer, submittedId: id });
  };
  return http.send({
    method: 'POST',
    path: `/self-service/${flow.path}`,
    params: { flow: id },
    body,
    session: { sessionToken, cookie },
    options,
    expected: flow.label,
    read: classify,
    // An error status whose body is a flow is an answer of the flow (a validation error, the next step); an error
    // envelope stays an error.
    recover: (value, status) => (isRecord(value) && !isRecord(value['error']) ? classify(value, status) : undefined),
  });
}

/** A GET of `/self-service/{path}{endpoint}` whose 2xx body must be a flow of the kind. */
function readFlow<F extends FlowShape, O extends KratosObserve>(
  http: KratosHttp,
  flow: FlowDescriptor<F>,
  endpoint: string,
  params: FlowQuery,
  session: KratosSessionOptions,
  options: KratosRequestOptions<O>,
  withCredentials?: false,
): Observable<Observed<F, O>> {
  return http.send({
    method: 'GET',
    path: `/self-service/${flow.path}${endpoint}`,
    params,
    session,
    withCredentials,
    options,
    expected: flow.label,
    read: (body) => flow.read(body),
  });
}

/**
 * `EnsureCSRF` (docs/kratos-protocol.md §1.2): an api flow submitted with an `Origin` header (or cookies) comes back
 * as a 400 flow with message 4000001.
 */
function refusedAsBrowser(flow: FlowShape): boolean {
  return (
    flow.type === 'api' &&
    flowMessages(flow).some((message) => message.id === 4000001 && /"(Origin|Cookie)" key/.test(message.text))
  );
}
