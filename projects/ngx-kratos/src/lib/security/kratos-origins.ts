import { DOCUMENT } from '@angular/common';
import { inject, Injectable, InjectionToken, REQUEST } from '@angular/core';
import { KRATOS_CONFIG } from '../config/kratos-config';
import { isUnderBase, parseHttpUrl, safeRedirectTarget } from './urls';

/** Origins, beyond the app's own and Kratos's, that redirects may go to (`withAllowedRedirects()`), normalised. */
export const KRATOS_ALLOWED_ORIGINS = new InjectionToken<readonly string[]>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_ALLOWED_ORIGINS' : '',
  {
    providedIn: 'root',
    factory: () => [],
  },
);

/**
 * Where Kratos lives and which origins are trusted, resolved once against the document's base URL, so that a
 * path base such as `/.ory` means the app's own origin and relative request URLs compare correctly.
 */
@Injectable({ providedIn: 'root' })
export class KratosOrigins {
  // Optional: scripts and plain Node use the library without a platform, and so without a document.
  private readonly document = inject(DOCUMENT, { optional: true });
  /** The document's base: what relative URLs in this app resolve against ('' without a document). */
  readonly documentBase: string = baseOf(this.document) ?? inject(REQUEST, { optional: true })?.url ?? '';
  /** Kratos's public base URL, absolute. `undefined` when it cannot be resolved (a path base with no document). */
  readonly kratosBase = parseHttpUrl(inject(KRATOS_CONFIG).baseUrl, this.documentBase || undefined);
  /** The app's own origin (from the document's base); `undefined` when there is none to read. */
  readonly appOrigin = parseHttpUrl(this.documentBase)?.origin;
  /** The app's origin, Kratos's, and those of `withAllowedRedirects`. */
  readonly allowed: ReadonlySet<string> = new Set(
    [this.appOrigin, this.kratosBase?.origin, ...inject(KRATOS_ALLOWED_ORIGINS)].filter(
      (origin): origin is string => origin !== undefined,
    ),
  );

  /** True when `url` (absolute or relative to the document) is on Kratos's origin and under its base path. */
  isKratosUrl(url: string): boolean {
    const parsed = parseHttpUrl(url, this.documentBase || undefined);
    return parsed !== undefined && this.kratosBase !== undefined && isUnderBase(parsed, this.kratosBase);
  }

  /** `raw` as a URL that may be followed or put into `return_to`, or `undefined` (see `safeRedirectTarget`). */
  safeTarget(raw: string): URL | undefined {
    return safeRedirectTarget(raw, this.documentBase, this.allowed);
  }
}

/**
 * The document's base URL. A server render's DOM (domino) has no `baseURI` (it throws "NotYetImplemented"): there the
 * incoming request's URL (Angular's `REQUEST`, whose host `@angular/ssr` has checked against its allowed hosts) is the
 * page's address instead.
 */
function baseOf(document: Document | null): string | undefined {
  try {
    return document?.baseURI || document?.location?.href || undefined;
  } catch {
    return undefined;
  }
}
