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
import {
  catchError,
  defer,
  filter,
  finalize,
  map,
  MonoTypeOperatorFunction,
  Observable,
  OperatorFunction,
  retry,
  share,
  takeUntil,
  tap,
  throwError,
  timer,
} from 'rxjs';
import { checkTimeout, KRATOS_CONFIG, NO_RETRY, ResolvedRetry, resolveRetry } from '../config/kratos-config';
import { KratosError } from '../errors/kratos-error';
import { malformedResponse, toKratosError } from '../errors/to-kratos-error';
import { KratosObserve, KratosRequest, Observed } from './kratos-request';
import { isUrlSafe, readJson } from '../wire/read-body';
import { strictQueryCodec } from './strict-query-codec';

/**
 * The request pipeline every call of the library goes through: one place that builds the request, retries reads
 * that met a passing failure, shares identical reads in flight, decodes and validates the answer, maps failures
 * to `KratosError` and applies the timeout.
 */
@Injectable({ providedIn: 'root' })
export class KratosHttp {
  private readonly http = inject(HttpClient);
  private readonly config = inject(KRATOS_CONFIG, { optional: true });
  private readonly inBrowser = isPlatformBrowser(inject(PLATFORM_ID));
  private readonly retry = resolveRetry(this.config?.retry);
  private readonly inFlight = new Map<string, Observable<HttpEvent<string>>>();

  constructor() {
    if (!this.config) {
      throw new Error(
        'ngx-kratos: no configuration. Add provideKratos({ baseUrl }) (or KratosModule.forRoot) to the providers.',
      );
    }
  }

  /** Builds the request now, so that misuse throws at the call; sends it only on subscription. */
  send<T, O extends KratosObserve>(request: KratosRequest<T>): Observable<Observed<T, O>> {
    const { session = {}, options = {} } = request;
    if (session.cookie !== undefined && this.inBrowser) {
      throw new Error(
        "ngx-kratos: the `cookie` option forwards a browser's Cookie header from a server; browsers forbid " +
          'setting it. In a browser, cookies travel with the request on their own.',
      );
    }
    const params = Object.values(request.params ?? {});
    if (!params.every((value) => value === undefined || value === '' || isUrlSafe(value))) {
      // A lone surrogate would make HttpRequest's URL building throw a URIError at the caller.
      return throwError(
        () =>
          new KratosError({
            kind: 'bad_request',
            message: 'ngx-kratos: a query value (flow id, return_to) cannot be URL-encoded.',
          }),
      );
    }
    checkTimeout(options.timeout);
    const observe = options.observe ?? 'body';
    const timeout = options.timeout ?? this.config!.timeout;
    const retry = request.method === 'GET' ? resolveRetry(options.retry, this.retry) : NO_RETRY;
    const exchange = this.exchange(request, observe === 'events', retry);

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

  /**
   * The HTTP exchange itself, retried as `retry` says. Identical reads in flight at the same time (two guards, a
   * guard and a component asking for the same flow) share one request, which is aborted only when the last of
   * them unsubscribes. Not shared: calls that want progress events or carry their own `HttpContext` (interceptors
   * may treat those differently), and everything but GET. Sending a submit ends the sharing of the reads in flight.
   */
  private exchange(
    request: KratosRequest<unknown>,
    reportProgress: boolean,
    retry: ResolvedRetry,
  ): Observable<HttpEvent<string>> {
    const { session = {}, options = {} } = request;
    const url = `${this.config!.baseUrl}${request.path}`;
    const headers = this.headersFor(request);
    const params = new HttpParams({ encoder: strictQueryCodec, fromObject: definedOnly(request.params ?? {}) });
    // Browser flows live on cookies, also cross-origin; a session-token call must carry none (docs/kratos-protocol.md §1.2).
    const withCredentials = request.withCredentials ?? session.sessionToken === undefined;
    const exchange = this.http
      .request(request.method, url, {
        body: request.body,
        headers,
        params,
        context: options.context,
        observe: 'events',
        responseType: 'text',
        reportProgress,
        withCredentials,
        // The SSR transfer cache does not know X-Session-Token as a credential: never cache Kratos's answers.
        transferCache: false,
      })
      .pipe(retry.count > 0 ? retryReads(retry) : (source) => source);

    if (request.method !== 'GET') {
      // A submit changes the flow: reads in flight left before it, so a read asked for from now on must not join them.
      return defer(() => {
        this.inFlight.clear();
        return exchange;
      });
    }
    if (reportProgress || options.context) {
      return exchange;
    }
    const key = [url, params.toString(), withCredentials, retryKey(retry), ...headerLines(headers)].join('\n');
    return defer(() => {
      let shared = this.inFlight.get(key);
      if (!shared) {
        const drop = () => this.inFlight.get(key) === entry && this.inFlight.delete(key);
        const entry: Observable<HttpEvent<string>> = exchange.pipe(
          // Dropped before the answer reaches anyone (a caller asking again from its handler starts a new request),
          // or when the last subscriber leaves.
          tap({ complete: drop, error: drop }),
          finalize(drop),
          share(),
        );
        this.inFlight.set(key, (shared = entry));
      }
      return shared;
    });
  }

  private headersFor({ options = {}, session = {}, body }: KratosRequest<unknown>): HttpHeaders {
    let headers = options.headers instanceof HttpHeaders ? options.headers : new HttpHeaders(options.headers ?? {});
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
}

function decode<T>(response: HttpResponse<string>, request: KratosRequest<T>): HttpResponse<T> {
  const reading = readJson(response.body);
  const body = request.read(reading.ok ? reading.value : undefined, response.status);
  if (body === undefined) {
    const excerpt = reading.ok ? JSON.stringify(reading.value).slice(0, 200) : reading.excerpt;
    throw malformedResponse(response, excerpt, request.expected);
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

/**
 * Retries a read after a network failure (status 0) or a 502, 503 or 504: the answers of a proxy or a load
 * balancer while Kratos restarts. Waits `delay·2ⁿ` capped at `maxDelay`, of which a random half (so that many
 * clients do not come back in step), or longer when the answer says `Retry-After` (up to `maxDelay`; a longer
 * `Retry-After` ends the retries). Unsubscribing cancels the wait at once.
 */
function retryReads(policy: ResolvedRetry): MonoTypeOperatorFunction<HttpEvent<string>> {
  return retry({
    count: policy.count,
    delay: (error: unknown, attempt: number) => {
      if (!(error instanceof HttpErrorResponse) || !RETRIED_STATUSES.has(error.status)) {
        return throwError(() => error);
      }
      const ceiling = Math.min(policy.maxDelay, policy.delay * 2 ** (attempt - 1));
      const backoff = ceiling / 2 + (Math.random() * ceiling) / 2;
      const asked = retryAfter(error.headers.get('Retry-After'));
      if (asked !== undefined && asked > policy.maxDelay) {
        return throwError(() => error);
      }
      return timer(Math.max(backoff, asked ?? 0));
    },
  });
}

const RETRIED_STATUSES = new Set([0, 502, 503, 504]);

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); `undefined` when absent or unreadable. */
function retryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  if (/^\s*\d+\s*$/.test(value)) {
    return Number(value) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function retryKey({ count, delay, maxDelay }: ResolvedRetry): string {
  return `retry: ${count} ${delay} ${maxDelay}`;
}

function headerLines(headers: HttpHeaders): string[] {
  return headers
    .keys()
    .map((name) => `${name.toLowerCase()}: ${headers.getAll(name)?.join(', ')}`)
    .sort();
}

function definedOnly(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
