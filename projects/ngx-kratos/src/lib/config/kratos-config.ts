import { InjectionToken } from '@angular/core';

/** The configuration `provideKratos` and `KratosModule.forRoot` take: where Kratos is, and the default timeout. */
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
   * The settings of `withRetry()`'s retries, which it uses unless given its own: `false` turns them off. Without
   * `withRetry()` nothing is retried, and dev mode says so once.
   *
   * @deprecated Pass them to `withRetry(options)`.
   */
  retry?: KratosRetryConfig | false;
}

/** How `withRetry()` retries reads: per app, and per call in a call's `retry` option. */
export interface KratosRetryConfig {
  /** Retries after the first attempt, from 0 to 10. Default 2. */
  count?: number;
  /** Milliseconds before the first retry; each further retry doubles it. Default 300. */
  delay?: number;
  /** The longest single wait in milliseconds, also the longest `Retry-After` that is honoured. Default 3000. */
  maxDelay?: number;
}

/** The configuration as the library uses it: checked by `provideKratos` in dev mode, the base URL without trailing slashes. */
export const KRATOS_CONFIG = new InjectionToken<Readonly<KratosConfig>>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_CONFIG' : '',
);

/**
 * The configuration with its base URL normalised. In dev mode it is checked too, so that a typo fails at startup and
 * not at the first request; a production build gains nothing from repeating the check.
 */
export function resolveKratosConfig(config: KratosConfig): Readonly<KratosConfig> {
  const baseUrl = String(config?.baseUrl ?? '')
    .trim()
    .replace(/\/+$/, '');
  if (typeof ngDevMode === 'undefined' || ngDevMode) {
    const isPath = baseUrl.startsWith('/') && !baseUrl.startsWith('//');
    if (typeof config?.baseUrl !== 'string' || (!isPath && !isHttpUrl(baseUrl))) {
      throw new Error(
        `ngx-kratos: baseUrl must be Kratos's public URL (https://auth.example.com) or a path on this origin ` +
          `(/.ory); got ${JSON.stringify(config?.baseUrl)}.`,
      );
    }
    checkTimeout(config.timeout);
  }
  return { ...config, baseUrl };
}

/** Dev mode: a timeout, configured or per call, is a positive number of milliseconds or absent. */
export function checkTimeout(timeout: number | undefined): void {
  if (timeout !== undefined && !(timeout > 0)) {
    throw new Error(`ngx-kratos: timeout must be a positive number of milliseconds; got ${timeout}.`);
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}
