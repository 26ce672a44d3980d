import { HttpErrorResponse, HttpEvent } from '@angular/common/http';
import { MonoTypeOperatorFunction, retry, throwError, timer } from 'rxjs';
import { KratosRetryConfig } from '../config/kratos-config';
import { ExchangeStage } from './exchange-stage';

/** The retry options with every field filled in; `count: 0` means no retries. */
export type ResolvedRetry = Readonly<Required<KratosRetryConfig>>;

export const DEFAULT_RETRY: ResolvedRetry = { count: 2, delay: 300, maxDelay: 3000 };

/**
 * `withRetry()`'s stage: reads (GET) are retried as `base` says, or as the call's own `retry` option says over it;
 * a submit never is, because one that may have reached Kratos must not be sent twice.
 */
export function retryStage(base: ResolvedRetry): ExchangeStage {
  return (events, { request }) => {
    if (request.method !== 'GET') {
      return events;
    }
    const policy = resolveRetry(request.options?.retry, base);
    return policy.count > 0 ? events.pipe(retryReads(policy)) : events;
  };
}

/**
 * Fills in what `retry` leaves out from `base` and, in dev mode, checks the result; `false` keeps `base`'s waits with
 * no retries.
 */
export function resolveRetry(retry: KratosRetryConfig | false | undefined, base: ResolvedRetry): ResolvedRetry {
  if (retry === false) {
    return { ...base, count: 0 };
  }
  const resolved = { ...base, ...retry };
  if (typeof ngDevMode === 'undefined' || ngDevMode) {
    const { count, delay, maxDelay } = resolved;
    if (!Number.isInteger(count) || count < 0 || count > 10) {
      throw new Error(`ngx-kratos: retry.count must be an integer from 0 to 10; got ${count}.`);
    }
    if (!(delay >= 0) || !(maxDelay >= delay) || !Number.isFinite(maxDelay)) {
      throw new Error(
        `ngx-kratos: retry.delay and retry.maxDelay must be milliseconds with 0 ≤ delay ≤ maxDelay; got delay ` +
          `${delay}, maxDelay ${maxDelay} (what the call leaves out comes from withRetry(), else the defaults).`,
      );
    }
  }
  return resolved;
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
      if (!(error instanceof HttpErrorResponse) || !RETRIED_STATUSES.includes(error.status)) {
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

const RETRIED_STATUSES = [0, 502, 503, 504];

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
