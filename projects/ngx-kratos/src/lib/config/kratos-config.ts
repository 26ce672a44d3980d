import { InjectionToken } from '@angular/core';

export interface KratosConfig {
  /**
   * Kratos's public base URL: an absolute URL (`https://auth.example.com`) or a path on the app's own origin
   * behind a proxy (`/.ory`). Every request of the library goes below it.
   */
  baseUrl: string;
  /**
   * Default timeout of every call in milliseconds, overridable per call: the longest a caller waits, retries
   * included. Unset: no timeout.
   */
  timeout?: number;
  /**
   * Retries of the idempotent reads (create a flow, get a flow, whoami) after a network failure or a 502, 503 or
   * 504, with exponential backoff and jitter. Never a submit (POST), never a 4xx. Default
   * `{ count: 2, delay: 300, maxDelay: 3000 }`; `false` turns retries off. A call's own `retry` overrides the
   * fields it names (`{ count: 1 }` turns them back on for that call).
   */
  retry?: KratosRetryConfig | false;
}

export interface KratosRetryConfig {
  /** Retries after the first attempt, from 0 to 10. Default 2. */
  count?: number;
  /** Milliseconds before the first retry; each further retry doubles it. Default 300. */
  delay?: number;
  /** The longest single wait in milliseconds, also the longest `Retry-After` that is honoured. Default 3000. */
  maxDelay?: number;
}

/** The retry settings with every field filled in; `count: 0` means no retries. */
export type ResolvedRetry = Readonly<Required<KratosRetryConfig>>;

export const DEFAULT_RETRY: ResolvedRetry = { count: 2, delay: 300, maxDelay: 3000 };
export const NO_RETRY: ResolvedRetry = { ...DEFAULT_RETRY, count: 0 };

/** The configuration as the library uses it: validated by `provideKratos`, the base URL without trailing slashes. */
export const KRATOS_CONFIG = new InjectionToken<Readonly<KratosConfig>>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_CONFIG' : '',
);

/** Checks a configuration once, at startup, so that a typo fails there and not at the first request. */
export function resolveKratosConfig(config: KratosConfig): Readonly<KratosConfig> {
  const baseUrl = typeof config?.baseUrl === 'string' ? config.baseUrl.trim().replace(/\/+$/, '') : '';
  const isPath = baseUrl.startsWith('/') && !baseUrl.startsWith('//');
  if (!isPath && !isHttpUrl(baseUrl)) {
    throw new Error(
      `ngx-kratos: baseUrl must be Kratos's public URL (https://auth.example.com) or a path on this origin ` +
        `(/.ory); got ${JSON.stringify(config?.baseUrl)}.`,
    );
  }
  checkTimeout(config.timeout);
  return { ...config, baseUrl, retry: resolveRetry(config.retry) };
}

/** A timeout, configured or per call, is a positive number of milliseconds or absent. */
export function checkTimeout(timeout: number | undefined): void {
  if (timeout !== undefined && !(timeout > 0)) {
    throw new Error(`ngx-kratos: timeout must be a positive number of milliseconds; got ${timeout}.`);
  }
}

/**
 * Fills in what `retry` leaves out from `base` (the configured settings, else the defaults) and checks the result;
 * `false` keeps `base`'s waits with no retries. Throws a startup (or call-time) error naming the bad value.
 */
export function resolveRetry(retry: KratosRetryConfig | false | undefined, base = DEFAULT_RETRY): ResolvedRetry {
  if (retry === false) {
    return { ...base, count: 0 };
  }
  if (retry === undefined) {
    return base;
  }
  const resolved = { ...base, ...retry };
  const { count, delay, maxDelay } = resolved;
  if (!Number.isInteger(count) || count < 0 || count > 10) {
    throw new Error(`ngx-kratos: retry.count must be an integer from 0 to 10; got ${count}.`);
  }
  if (!(delay >= 0) || !(maxDelay >= delay) || !Number.isFinite(maxDelay)) {
    throw new Error(
      `ngx-kratos: retry.delay and retry.maxDelay must be milliseconds with 0 ≤ delay ≤ maxDelay; got delay ` +
        `${delay}, maxDelay ${maxDelay} (what the call leaves out comes from the configuration, else the defaults).`,
    );
  }
  return resolved;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}
