import { EnvironmentInjector, inject, Injectable, runInInjectionContext } from '@angular/core';
import { map, Observable, of, switchMap, throwError } from 'rxjs';
import { currentSessionToken, KRATOS_SESSION_TOKEN } from '../interceptor/session-token';
import { KratosError } from '../errors/kratos-error';
import { KratosHttp } from '../http/kratos-http';
import { KratosObserve, KratosRequestOptions, KratosSessionOptions, Observed } from '../http/kratos-request';
import { isRecord } from '../wire/read-body';
import { isString, object } from '../wire/shape';
import { LogoutFlow, Session } from '../models/session';
import { KratosLocation } from '../navigation/kratos-location';
import { KratosOrigins } from '../security/kratos-origins';

/** The options of `whoami`: the request's, and the session to ask about (a token, or a cookie on a server). */
export type WhoamiOptions<O extends KratosObserve = 'body'> = KratosRequestOptions<O> & KratosSessionOptions;

/** What `exchangeSessionToken` gives: the session, and its token for `X-Session-Token`. */
export interface SessionTokenExchange {
  /** The native app's new session. */
  session: Session;
  /** Its token, to send as `X-Session-Token` from now on. */
  sessionToken: string;
}

const isTokenExchange = object({ session: object({ id: isString }), session_token: isString });

/** The options of `logout`: where a browser goes afterwards, or the session token to revoke. */
export interface LogoutOptions {
  /** Browser logout: where Kratos sends the browser afterwards (must be on Kratos's allow-list). */
  returnTo?: string;
  /** Session-token logout with this token; without it, the token of `withSessionToken()` is used. */
  sessionToken?: string;
}

/** Who is signed in, and signing out (docs/kratos-protocol.md §2.5 and §2.6). Errors arrive as `KratosError`. */
@Injectable({ providedIn: 'root' })
export class KratosSessionService {
  private readonly http = inject(KratosHttp);
  private readonly origins = inject(KratosOrigins);
  private readonly exit = inject(KratosLocation);
  private readonly tokenOptions = inject(KRATOS_SESSION_TOKEN, { optional: true });
  private readonly injector = inject(EnvironmentInjector);

  /**
   * `GET /sessions/whoami`: the current session. No session is a `session_inactive` error (Kratos answers an
   * id-less 401, docs/kratos-protocol.md §2.5); a session below the required AAL is `session_aal2_required`.
   */
  whoami<O extends KratosObserve = 'body'>(options: WhoamiOptions<O> = {}): Observable<Observed<Session, O>> {
    const { sessionToken, cookie, ...rest } = options;
    return this.http.send({
      method: 'GET',
      path: '/sessions/whoami',
      session: { sessionToken, cookie },
      options: rest,
      expected: 'a session',
      read: (body) => (isRecord(body) && typeof body['id'] === 'string' ? (body as unknown as Session) : undefined),
    });
  }

  /**
   * `GET /sessions/token-exchange` (docs/kratos-protocol.md §9): the session of a native app that signed in through a
   * browser (an OIDC login started with `returnSessionTokenExchangeCode`), for the flow's `session_token_exchange_code`
   * (`initCode`) and the code Kratos put on the `return_to` URL (`returnToCode`).
   */
  exchangeSessionToken(initCode: string, returnToCode: string): Observable<SessionTokenExchange> {
    return this.http.send<SessionTokenExchange, 'body'>({
      method: 'GET',
      path: '/sessions/token-exchange',
      params: { init_code: initCode, return_to_code: returnToCode },
      withCredentials: false,
      expected: 'a session token',
      read: (body) => {
        if (!isTokenExchange(body)) return undefined;
        const { session, session_token } = body as { session: Session; session_token: string };
        return { session, sessionToken: session_token };
      },
    });
  }

  /**
   * Signs out. With a session token (the option, or `withSessionToken()`): `DELETE /self-service/logout/api`,
   * completing when Kratos has revoked it. In a browser: `GET /self-service/logout/browser`, then a full-page
   * navigation to its `logout_url` (which clears the cookie), completing once that navigation has started.
   */
  logout(options: LogoutOptions = {}): Observable<void> {
    if (options.sessionToken !== undefined || this.tokenOptions) {
      const token$ =
        options.sessionToken !== undefined
          ? of(options.sessionToken)
          : runInInjectionContext(this.injector, () => currentSessionToken(this.tokenOptions!.token));
      return token$.pipe(switchMap((token) => (token ? this.revoke(token) : of(undefined))));
    }
    return this.http
      .send<LogoutFlow, 'body'>({
        method: 'GET',
        path: '/self-service/logout/browser',
        params: { return_to: options.returnTo },
        expected: 'a logout URL',
        read: (body) =>
          isRecord(body) && typeof body['logout_url'] === 'string' ? (body as unknown as LogoutFlow) : undefined,
      })
      .pipe(
        switchMap((flow) => {
          const target = this.origins.safeTarget(flow.logout_url);
          if (!target) {
            return throwError(
              () =>
                new KratosError({
                  kind: 'redirect_not_allowed',
                  message: `ngx-kratos: logout_url ${JSON.stringify(flow.logout_url)} is not on an allowed origin.`,
                }),
            );
          }
          this.exit.assign(target.href);
          return of(undefined);
        }),
      );
  }

  private revoke(token: string): Observable<void> {
    return this.http
      .send<null, 'body'>({
        method: 'DELETE',
        path: '/self-service/logout/api',
        body: { session_token: token },
        // The token travels in the body; the request itself carries no credentials.
        withCredentials: false,
        expected: 'an empty answer',
        read: (_body, status) => (status === 204 || status === 200 ? null : undefined),
      })
      .pipe(map(() => undefined));
  }
}
