import {
  HttpContextToken,
  HttpEvent,
  HttpHandler,
  HttpInterceptor,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { EnvironmentInjector, inject, Injectable, runInInjectionContext } from '@angular/core';
import { Observable, switchMap } from 'rxjs';
import { currentSessionToken, KRATOS_SESSION_TOKEN } from './session-token';
import { KratosOrigins } from '../security/kratos-origins';

/** Set to `true` on one request's `HttpContext` to send it without the session token. */
export const KRATOS_SKIP_SESSION_TOKEN = /* @__PURE__ */ new HttpContextToken<boolean>(() => false);

/**
 * Attaches the session token of `withSessionToken()` to requests for Kratos, and to nothing else: the request's
 * URL, resolved against the document's base, must have exactly Kratos's origin and lie under its base path.
 * A header the caller set is never overwritten; no token (or a failing token source) sends the request as it is.
 * A request that gets the token goes without cookies, because api flows must carry none (docs/kratos-protocol.md §1.2).
 */
export const kratosSessionTokenInterceptor: HttpInterceptorFn = (request, next) => {
  const options = inject(KRATOS_SESSION_TOKEN, { optional: true });
  if (
    !options ||
    request.context.get(KRATOS_SKIP_SESSION_TOKEN) ||
    request.headers.has(options.headerName) ||
    request.headers.has('X-Session-Token') ||
    !inject(KratosOrigins).isKratosUrl(request.url)
  ) {
    return next(request);
  }
  return currentSessionToken(options.token).pipe(
    switchMap((token) =>
      next(
        token
          ? request.clone({
              setHeaders: { [options.headerName]: headerValue(options.headerName, token) },
              withCredentials: false,
            })
          : request,
      ),
    ),
  );
};

/** Kratos reads a token from `X-Session-Token` or from `Authorization: Bearer <token>` (docs/kratos-protocol.md §1.2). */
function headerValue(headerName: string, token: string): string {
  return headerName.toLowerCase() === 'authorization' ? `Bearer ${token}` : token;
}

/** The same interceptor for `HTTP_INTERCEPTORS` with `provideHttpClient(withInterceptorsFromDi())`. */
@Injectable()
export class KratosSessionTokenInterceptor implements HttpInterceptor {
  private readonly injector = inject(EnvironmentInjector);

  /** Adds the session token to a request to Kratos, as `kratosSessionTokenInterceptor` does; other requests pass. */
  intercept(request: HttpRequest<unknown>, handler: HttpHandler): Observable<HttpEvent<unknown>> {
    return runInInjectionContext(this.injector, () =>
      kratosSessionTokenInterceptor(request, (next) => handler.handle(next)),
    );
  }
}
