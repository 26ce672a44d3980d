import { HttpContext, HttpEvent, HttpHeaders, HttpResponse } from '@angular/common/http';
import { KratosRetryConfig } from '../config/kratos-config';

/** What a call returns: the body (default), the whole `HttpResponse`, or every `HttpEvent` with progress. */
export type KratosObserve = 'body' | 'response' | 'events';

/** `T` as `observe` delivers it. */
export type Observed<T, O extends KratosObserve> = O extends 'response'
  ? HttpResponse<T>
  : O extends 'events'
    ? HttpEvent<T>
    : T;

/**
 * The per-call options every method takes: extra headers, an `HttpContext` for interceptors, what to observe (the
 * body, the whole response, or every event with progress), a timeout and retries. Unsubscribing cancels the call.
 */
export interface KratosRequestOptions<O extends KratosObserve = KratosObserve> {
  /** Extra headers. `Accept`, and the headers that `sessionToken` and `cookie` set, always win over these. */
  headers?: HttpHeaders | Record<string, string | string[]>;
  /** Per-request values for interceptors. */
  context?: HttpContext;
  /** What the call's Observable emits: the body (the default), the whole `HttpResponse`, or every `HttpEvent`. */
  observe?: O;
  /**
   * Milliseconds until the call fails with a `KratosError` of kind `timeout`, retries included; overrides the
   * configured default.
   */
  timeout?: number;
  /**
   * This call's retries, with `withRetry()`: the fields it names override the configured ones (`false`: none). Only
   * GETs are ever retried; on `updateFlow` this option is ignored, because a submit that may have reached Kratos must
   * not be sent twice. With `observe: 'events'`, each attempt reports its own `Sent` event.
   */
  retry?: KratosRetryConfig | false;
}

/** Who the request is for, on the calls that accept a session. */
export interface KratosSessionOptions {
  /**
   * Sends the session as `X-Session-Token` instead of cookies (native flows; server-side code). A call that
   * carries a token is sent without credentials, because api flows must carry no cookies (docs/kratos-protocol.md §1.2).
   */
  sessionToken?: string;
  /**
   * Forwards the user's browser `Cookie` header from a server (SSR, a BFF). Browsers forbid setting it, so
   * in a browser the call throws at once instead of having the header silently dropped.
   */
  cookie?: string;
}

/** One request as the service describes it to the pipeline. */
export interface KratosRequest<T> {
  /** The HTTP method. */
  method: 'GET' | 'POST' | 'DELETE';
  /** Below the configured base URL, e.g. `/sessions/whoami`. */
  path: string;
  /** What a 2xx body must be, for the message of a `malformed_response` ("a session", "a logout URL"). */
  expected: string;
  /** The query parameters; an `undefined` one is left out. */
  params?: Record<string, string | undefined>;
  /** The JSON body of a POST or DELETE. */
  body?: unknown;
  /** The session the request carries: a token, or a forwarded cookie. */
  session?: KratosSessionOptions;
  /** Whether cookies go along; by default exactly when no session token does (docs/kratos-protocol.md §1.2). */
  withCredentials?: boolean;
  /** The caller's per-call options. */
  options?: KratosRequestOptions;
  /**
   * Turns a 2xx body into `T`; `undefined` means the body is not what this endpoint returns.
   * `body` is the parsed JSON, or `undefined` when the body was empty or not JSON.
   */
  read(body: unknown, status: number): T | undefined;
  /** Turns an error body into `T` where the protocol makes it data (a 400 that carries a flow). */
  recover?(body: unknown, status: number): T | undefined;
}
