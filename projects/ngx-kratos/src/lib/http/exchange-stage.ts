import { HttpEvent, HttpHeaders, HttpParams } from '@angular/common/http';
import { InjectionToken } from '@angular/core';
import { Observable } from 'rxjs';
import { KratosRequest } from './kratos-request';

/** One HTTP exchange as `KratosHttp` is about to send it. */
export interface Exchange {
  readonly request: KratosRequest<unknown>;
  readonly url: string;
  readonly params: HttpParams;
  readonly headers: HttpHeaders;
  readonly withCredentials: boolean;
  /** Whether the caller observes every event (progress included). */
  readonly reportProgress: boolean;
}

/**
 * A stage an optional feature adds around the raw exchange (`withRetry()`, `withRequestSharing()`): it gets the
 * exchange's events and returns the events callers see. The pipeline reads each stage from its token, so that an app
 * that does not ask for a feature does not ship its code.
 */
export type ExchangeStage = (
  events: Observable<HttpEvent<string>>,
  exchange: Exchange,
) => Observable<HttpEvent<string>>;

/** Innermost: retries of one exchange (`withRetry()`). */
export const KRATOS_RETRY_STAGE = new InjectionToken<ExchangeStage>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_RETRY_STAGE' : '',
);

/** Around the retries: identical reads in flight share one exchange (`withRequestSharing()`). */
export const KRATOS_SHARING_STAGE = new InjectionToken<ExchangeStage>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_SHARING_STAGE' : '',
);

/**
 * What a server render (`withServerRendering()`) changes in every exchange: where Kratos is reached from the server,
 * the incoming request's `Cookie` header, and an outermost-but-one stage that sees each attempt's answer. Provided
 * only during a server render of a request; `null` in a browser.
 */
export interface ServerExchangeContext {
  /** Kratos's base URL as the server reaches it (absolute). */
  readonly baseUrl: string;
  /** The incoming request's `Cookie` header, forwarded on requests with credentials. */
  readonly cookie: string | undefined;
  /** Innermost stage: sees each attempt's answer (its `Set-Cookie` headers). */
  readonly stage: ExchangeStage;
}

/** The server render's exchange context (`withServerRendering()`). */
export const KRATOS_SERVER_EXCHANGE = new InjectionToken<ServerExchangeContext | null>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_SERVER_EXCHANGE' : '',
);
