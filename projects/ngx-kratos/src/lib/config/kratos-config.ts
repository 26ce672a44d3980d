import { InjectionToken } from '@angular/core';

export interface KratosConfig {
  /**
   * Kratos's public base URL: an absolute URL (`https://auth.example.com`) or a path on the app's own origin
   * behind a proxy (`/.ory`). Every request of the library goes below it.
   */
  baseUrl: string;
  /** Default timeout of every request in milliseconds, overridable per call. Unset: no timeout. */
  timeout?: number;
}

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
  if (config.timeout !== undefined && !(config.timeout > 0)) {
    throw new Error(`ngx-kratos: timeout must be a positive number of milliseconds; got ${config.timeout}.`);
  }
  return { ...config, baseUrl };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}
