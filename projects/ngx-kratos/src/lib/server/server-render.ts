import { ServerRender } from './server-hooks';
import { isPlatformServer } from '@angular/common';
import { HttpErrorResponse, HttpHeaders, HttpResponse } from '@angular/common/http';
import { inject, InjectionToken, PLATFORM_ID, REQUEST, RESPONSE_INIT } from '@angular/core';
import { defer, tap } from 'rxjs';
import { KRATOS_CONFIG } from '../config/kratos-config';
import { ExchangeStage, ServerExchangeContext } from '../http/exchange-stage';

/** The options of `withServerRendering()`. */
export interface ServerRenderingOptions {
  /**
   * Kratos's address as the server reaches it (`http://kratos:4433`), used instead of the public `baseUrl` during a
   * server render; it replaces the whole base (a `/.ory` base is the public proxy path, not part of it). Without it,
   * the public `baseUrl`, which must then be absolute: a path (`/.ory`) is refused on the server, since resolving it
   * against the request's `Host` header would let a client choose where the server sends the user's cookies.
   */
  kratosUrl?: string;
  /**
   * Puts the session the session guards got during the render (`whoami`) into the page's `TransferState`, so the
   * browser's first navigation does not ask again. Off by default: it writes the user's session into the HTML.
   */
  transferSession?: boolean;
}

/** `withServerRendering()`'s options, resolved (`kratosUrl` without trailing slashes). */
export const KRATOS_SERVER_RENDERING = new InjectionToken<Readonly<ServerRenderingOptions>>(
  typeof ngDevMode === 'undefined' || ngDevMode ? 'KRATOS_SERVER_RENDERING' : '',
);

/**
 * One server render of one request (`withServerRendering()`): everything here lives in the render's own injector,
 * which Angular creates per request, so nothing of one user reaches another's page. It reads the incoming request
 * (`REQUEST`: its URL and `Cookie` header) and writes what the browser's response must carry (`RESPONSE_INIT`: the
 * `Set-Cookie` headers of Kratos's answers, cache headers, a redirect or an error status).
 */
// Not an @Injectable: only `serverRenderFactory` makes one, in the render's injector.
export class KratosServerRender implements ServerExchangeContext, ServerRender {
  private readonly request: Request;
  private readonly response = inject(RESPONSE_INIT, { optional: true });
  private readonly options = inject(KRATOS_SERVER_RENDERING);
  readonly cookie: string | undefined;
  readonly baseUrl: string;
  /** Whether this render has become an HTTP redirect (`redirect()`): later guards of it ask Kratos nothing. */
  redirected = false;
  readonly stage: ExchangeStage = (events) =>
    defer(() => {
      this.markPrivate();
      return events.pipe(
        tap({
          next: (event) => event instanceof HttpResponse && this.relay(event.headers),
          error: (error: unknown) => error instanceof HttpErrorResponse && this.relay(error.headers),
        }),
      );
    });

  constructor(request: Request) {
    this.request = request;
    this.cookie = request.headers.get('cookie') || undefined;
    const base = inject(KRATOS_CONFIG).baseUrl;
    if (!this.options.kratosUrl && !/^https?:\/\//i.test(base)) {
      // A path would be resolved against the incoming request's Host header, which the client chooses: the server
      // would send the user's cookies wherever a forged Host points.
      throw new Error(
        `ngx-kratos: withServerRendering() needs kratosUrl (Kratos's address as the server reaches it) when the ` +
          `baseUrl is a path (${JSON.stringify(base)}); resolving it against the request's Host would let a client ` +
          `choose where the server sends its cookies.`,
      );
    }
    this.baseUrl = this.options.kratosUrl ?? base.replace(/\/+$/, '');
  }

  /** The incoming request's URL. */
  get url(): string {
    return this.request.url;
  }

  /** Every `Set-Cookie` of `headers`, each as its own header of the browser's response (never joined). */
  relay(headers: HttpHeaders | null | undefined): void {
    const cookies = headers?.getAll('Set-Cookie') ?? [];
    if (cookies.length === 0 || !this.response) return;
    const target = responseHeaders(this.response);
    for (const cookie of cookies) target.append('Set-Cookie', cookie);
  }

  /** The page carries what Kratos said about this user: no shared cache may keep it, and it varies by cookie. */
  markPrivate(): void {
    if (!this.response) return;
    const headers = responseHeaders(this.response);
    headers.set('Cache-Control', 'private, no-store');
    const vary = (headers.get('Vary') ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (!vary.some((name) => name.toLowerCase() === 'cookie' || name === '*')) {
      headers.set('Vary', [...vary, 'Cookie'].join(', '));
    }
  }

  /** The response becomes an HTTP redirect to `location` (absolute, or relative to the request). */
  redirect(location: string, status: 302 | 303): void {
    this.redirected = true;
    if (!this.response) return;
    this.response.status = status;
    responseHeaders(this.response).set('Location', new URL(location, this.request.url).href);
  }

  /** The response's status, for an error page rendered in place of the one asked for. */
  fail(status: number): void {
    if (this.response && !this.redirected) this.response.status = status;
  }
}

/** The response's headers as a `Headers` (which keeps several `Set-Cookie` apart), converting what was given. */
function responseHeaders(init: ResponseInit): Headers {
  if (!(init.headers instanceof Headers)) {
    init.headers = new Headers(init.headers);
  }
  return init.headers;
}

/** The render of this request when this is a server render of one (not a browser, not a prerender), else `null`. */
export function serverRenderFactory(): KratosServerRender | null {
  const request = inject(REQUEST, { optional: true });
  return isPlatformServer(inject(PLATFORM_ID)) && request ? new KratosServerRender(request) : null;
}
