import { isPlatformBrowser } from '@angular/common';
import {
  HttpClient,
  HttpErrorResponse,
  HttpEvent,
  HttpEventType,
  HttpHeaders,
  HttpParams,
  HttpResponse,
} from '@angular/common/http';
import { inject, Injectable, PLATFORM_ID } from '@angular/core';
import { catchError, filter, map, Observable, OperatorFunction, takeUntil, throwError, timer } from 'rxjs';
import { checkTimeout, KRATOS_CONFIG } from '../config/kratos-config';
import { KratosError } from '../errors/kratos-error';
import { malformedResponse, toKratosError } from '../errors/to-kratos-error';
import { readJson } from '../wire/read-body';
import { Exchange, KRATOS_RETRY_STAGE, KRATOS_SERVER_EXCHANGE, KRATOS_SHARING_STAGE } from './exchange-stage';
import { KratosObserve, KratosRequest, Observed } from './kratos-request';
import { strictQueryCodec } from './strict-query-codec';

/**
 * The request pipeline every call of the library goes through: one place that builds the request, decodes and
 * validates the answer, maps failures to `KratosError` and applies the timeout. The features an app asks for add
 * their stage around the exchange (`withRetry()`, `withRequestSharing()`); the others cost it nothing.
 */
@Injectable({ providedIn: 'root' })
export class KratosHttp {
  private readonly http = inject(HttpClient);
  private readonly config = inject(KRATOS_CONFIG, { optional: true });
  private readonly retry = inject(KRATOS_RETRY_STAGE, { optional: true });
  private readonly sharing = inject(KRATOS_SHARING_STAGE, { optional: true });
  /** During a server render with `withServerRendering()`: where Kratos is, the user's cookie, the relay stage. */
  private readonly server = inject(KRATOS_SERVER_EXCHANGE, { optional: true });
  /** Whether the app runs in a browser (not in a server render). */
  readonly inBrowser = isPlatformBrowser(inject(PLATFORM_ID));

  constructor() {
    if (!this.config) {
      throw new Error('ngx-kratos: no configuration: add provideKratos({ baseUrl }).');
    }
  }

  /** Builds the request now, so that misuse throws at the call; sends it only on subscription. */
  send<T, O extends KratosObserve>(request: KratosRequest<T>): Observable<Observed<T, O>> {
    const { session = {}, options = {} } = request;
    if (typeof ngDevMode === 'undefined' || ngDevMode) {
      if (session.cookie !== undefined && this.inBrowser) {
        throw new Error(
          "ngx-kratos: the `cookie` option forwards a browser's Cookie header from a server; browsers forbid " +
            'setting it. In a browser, cookies travel with the request on their own.',
        );
      }
      checkTimeout(options.timeout);
      if (!this.retry) warnOfRetryWithoutFeature(this, options.retry ?? this.config!.retry);
    }
    const observe = options.observe ?? 'body';
    const timeout = options.timeout ?? this.config!.timeout;
    let exchange: Observable<HttpEvent<string>>;
    try {
      exchange = this.exchange(request, observe === 'events');
    } catch (error) {
      // A lone surrogate in a query value makes the URL's encoding throw a URIError at the caller.
      if (!(error instanceof URIError)) throw error;
      return throwError(
        () => new KratosError({ kind: 'bad_request', message: 'ngx-kratos: a query value cannot be URL-encoded.' }),
      );
    }

    const events: Observable<HttpEvent<T>> = exchange.pipe(
      // Only the final response has a body to decode; progress and header events carry none. Each subscriber
      // decodes its own copy, so one caller changing its flow object cannot change another's.
      map((event) => (event.type === HttpEventType.Response ? decode(event, request) : (event as HttpEvent<T>))),
      catchError((error: unknown) => {
        const recovered = error instanceof HttpErrorResponse ? recover(error, request) : undefined;
        return recovered ? [recovered] : throwError(() => toKratosError(error));
      }),
      timeout === undefined ? (source) => source : deadline(timeout),
    );

    return (observe === 'events' ? events : events.pipe(onlyResponses(observe))) as Observable<Observed<T, O>>;
  }

  /** The HTTP exchange itself, inside the stages of the features the app asked for: retries, then sharing. */
  private exchange(request: KratosRequest<unknown>, reportProgress: boolean): Observable<HttpEvent<string>> {
    const { session = {}, options = {}, params = {} } = request;
    const url = `${this.server?.baseUrl ?? this.config!.baseUrl}${request.path}`;
    let headers = headersFor(request);
    const defined = Object.fromEntries(Object.entries(params).filter((entry) => entry[1] !== undefined));
    const query = new HttpParams({ encoder: strictQueryCodec, fromObject: defined as Record<string, string> });
    // Browser flows live on cookies, also cross-origin; a session-token call must carry none (docs/kratos-protocol.md §1.2).
    const withCredentials = request.withCredentials ?? session.sessionToken === undefined;
    // A server render speaks for the browser it renders for: its cookies go along where a browser's would.
    const forwarded = this.server?.cookie;
    if (forwarded && withCredentials && session.cookie === undefined && session.sessionToken === undefined) {
      headers = headers.set('Cookie', forwarded);
    }
    let events = this.http.request(request.method, url, {
      body: request.body,
      headers,
      params: query,
      context: options.context,
      observe: 'events',
      responseType: 'text',
      reportProgress,
      withCredentials,
      // The SSR transfer cache does not know X-Session-Token as a credential: never cache Kratos's answers.
      transferCache: false,
    });
    const exchange: Exchange = { request, url, params: query, headers, withCredentials, reportProgress };
    for (const stage of [this.server?.stage, this.retry, this.sharing]) {
      if (stage) events = stage(events, exchange);
    }
    return events;
  }
}

let warnedOfRetry: WeakSet<KratosHttp> | undefined;

/** Dev mode: a `retry` option or setting without `withRetry()` does nothing; say so once per client. */
function warnOfRetryWithoutFeature(client: KratosHttp, retry: unknown): void {
  warnedOfRetry ??= new WeakSet();
  if (retry !== undefined && !warnedOfRetry.has(client)) {
    warnedOfRetry.add(client);
    console.warn(
      'ngx-kratos: a `retry` option or setting is given, but nothing is retried without withRetry() in provideKratos(…).',
    );
  }
}

function headersFor({ options = {}, session = {}, body }: KratosRequest<unknown>): HttpHeaders {
  let headers = options.headers instanceof HttpHeaders ? options.headers : new HttpHeaders(options.headers);
  // Without a JSON Accept, Kratos answers browsers with redirects instead of JSON (docs/kratos-protocol.md §1.1).
  headers = headers.set('Accept', 'application/json');
  if (body !== undefined) {
    // Exactly this string: `IsJSONRequest` does not accept a `; charset` suffix (docs/kratos-protocol.md §1.1).
    headers = headers.set('Content-Type', 'application/json');
  }
  if (session.sessionToken !== undefined) {
    headers = headers.set('X-Session-Token', session.sessionToken);
  }
  if (session.cookie !== undefined) {
    headers = headers.set('Cookie', session.cookie);
  }
  return headers;
}

function decode<T>(response: HttpResponse<string>, request: KratosRequest<T>): HttpResponse<T> {
  const reading = readJson(response.body);
  const body = request.read(reading.ok ? reading.value : undefined, response.status);
  if (body === undefined) {
    throw malformedResponse(response, reading, request.expected);
  }
  return response.clone({ body });
}

/** An error status whose body the protocol makes data becomes a normal response with that status. */
function recover<T>(error: HttpErrorResponse, request: KratosRequest<T>): HttpResponse<T> | undefined {
  if (!request.recover || typeof error.error !== 'string') {
    return undefined;
  }
  const reading = readJson(error.error);
  const body = reading.ok ? request.recover(reading.value, error.status) : undefined;
  return body === undefined
    ? undefined
    : new HttpResponse({
        body,
        headers: error.headers,
        status: error.status,
        statusText: error.statusText,
        url: error.url ?? undefined,
      });
}

function onlyResponses<T>(observe: 'body' | 'response'): OperatorFunction<HttpEvent<T>, T | HttpResponse<T>> {
  return (source) =>
    source.pipe(
      filter((event): event is HttpResponse<T> => event.type === HttpEventType.Response),
      map((response) => (observe === 'body' ? (response.body as T) : response)),
    );
}

/** Fails with kind `timeout` when the whole exchange (not just its first event) takes longer than `ms`. */
function deadline<V>(ms: number): OperatorFunction<V, V> {
  return (source) =>
    source.pipe(
      takeUntil(
        timer(ms).pipe(
          map(() => {
            throw new KratosError({ kind: 'timeout', message: `ngx-kratos: no answer from Kratos within ${ms} ms.` });
          }),
        ),
      ),
    );
}
