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
import { KRATOS_CONFIG } from '../config/kratos-config';
import { KratosError } from '../errors/kratos-error';
import { malformedResponse, toKratosError } from '../errors/to-kratos-error';
import { KratosObserve, KratosRequest, Observed } from './kratos-request';
import { isUrlSafe, readJson } from './read-body';
import { strictQueryCodec } from './strict-query-codec';

/**
 * The request pipeline every call of the library goes through: one place that builds the request, decodes and
 * validates the answer, maps failures to `KratosError` and applies the timeout (and, later, retries and the
 * sharing of identical in-flight reads).
 */
@Injectable({ providedIn: 'root' })
export class KratosHttp {
  private readonly http = inject(HttpClient);
  private readonly config = inject(KRATOS_CONFIG, { optional: true });
  private readonly inBrowser = isPlatformBrowser(inject(PLATFORM_ID));

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
    const url = `${this.config!.baseUrl}${request.path}`;
    const observe = options.observe ?? 'body';
    const timeout = options.timeout ?? this.config!.timeout;

    const events: Observable<HttpEvent<T>> = this.http
      .request(request.method, url, {
        body: request.body,
        headers: this.headersFor(request),
        params: new HttpParams({ encoder: strictQueryCodec, fromObject: definedOnly(request.params ?? {}) }),
        context: options.context,
        observe: 'events',
        responseType: 'text',
        reportProgress: observe === 'events',
        // Browser flows live on cookies, also cross-origin; a session-token call must carry none (protocol §1.2).
        withCredentials: request.withCredentials ?? session.sessionToken === undefined,
        // The SSR transfer cache does not know X-Session-Token as a credential: never cache Kratos's answers.
        transferCache: false,
      })
      .pipe(
        // Only the final response has a body to decode; progress and header events carry none.
        map((event) => (event.type === HttpEventType.Response ? decode(event, request) : (event as HttpEvent<T>))),
        catchError((error: unknown) => {
          const recovered = error instanceof HttpErrorResponse ? recover(error, request) : undefined;
          return recovered ? [recovered] : throwError(() => toKratosError(error));
        }),
        timeout === undefined ? (source) => source : deadline(timeout),
      );

    return (observe === 'events' ? events : events.pipe(onlyResponses(observe))) as Observable<Observed<T, O>>;
  }

  private headersFor({ options = {}, session = {}, body }: KratosRequest<unknown>): HttpHeaders {
    let headers = options.headers instanceof HttpHeaders ? options.headers : new HttpHeaders(options.headers ?? {});
    // Without a JSON Accept, Kratos answers browsers with redirects instead of JSON (protocol §1.1).
    headers = headers.set('Accept', 'application/json');
    if (body !== undefined) {
      // Exactly this string: `IsJSONRequest` does not accept a `; charset` suffix (protocol §1.1).
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
    throw malformedResponse(response, reading.ok ? JSON.stringify(reading.value).slice(0, 200) : reading.excerpt);
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

function definedOnly(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
