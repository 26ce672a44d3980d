import { HttpBackend, HttpRequest } from '@angular/common/http';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { inject, Injectable } from '@angular/core';
import {
  AuthenticatorAssuranceLevel,
  ContinueWith,
  FlowError,
  Identity,
  KRATOS_CONFIG,
  LoginFlow,
  LogoutFlow,
  RecoveryFlow,
  RegistrationFlow,
  Session,
  SettingsFlow,
  VerificationFlow,
} from 'ngx-kratos';
import {
  KratosErrorContext,
  KratosErrorDetails,
  kratosErrorBody,
  KratosFlowEndpoint,
  KratosFlowKind,
  KratosTestingErrorKind,
} from './error-bodies';
import { logoutFlow } from './builders';

/** The flow each kind's endpoints answer with. */
export interface KratosFlowOf {
  /** The settings flow's endpoints answer with a `SettingsFlow`. */
  settings: SettingsFlow;
  /** The login flow's endpoints answer with a `LoginFlow`. */
  login: LoginFlow;
  /** The registration flow's endpoints answer with a `RegistrationFlow`. */
  registration: RegistrationFlow;
  /** The recovery flow's endpoints answer with a `RecoveryFlow`. */
  recovery: RecoveryFlow;
  /** The verification flow's endpoints answer with a `VerificationFlow`. */
  verification: VerificationFlow;
}

/** The success body of a login or registration submit (docs/kratos-protocol.md §7.4 row 12, §8.4 row 12). */
export interface KratosSuccessBody {
  /** The session the submit made: a login's always, a registration's with the `session` hook. */
  session?: Session;
  /** A native (api) flow's session token. */
  session_token?: string;
  /** A registration's new identity. */
  identity?: Identity;
  /** What comes next: `redirect_browser_to`, `show_verification_ui`, `set_ory_session_token`. */
  continue_with?: ContinueWith[] | null;
}

/** Which requests of a flow: a native (api) flow's, or a browser flow's (the default). */
export interface KratosExpectOptions {
  /** `true` for a native (api) flow's requests (`…/api`, answered as JSON). */
  native?: boolean;
}

/** A query parameter's expected value: the value itself, or a pattern it matches. */
export type KratosParamMatch = string | RegExp;

/**
 * Which init request `expectCreate` expects: besides `native`, query parameters the request must carry (only those
 * given are checked; the request as sent stays in `request.request`, its query in `request.request.params`).
 */
export interface KratosCreateOptions extends KratosExpectOptions {
  /** The `return_to` the init must carry: the URL, or a pattern it matches (`/\/settings\?kratos_step=login$/`). */
  returnTo?: KratosParamMatch;
  /** A login init's `aal` (`aal2` for the second factor). */
  aal?: AuthenticatorAssuranceLevel;
  /** A login init's `refresh`: `true` needs `refresh=true`, `false` needs it absent (or not `true`). */
  refresh?: boolean;
  /** Any other query parameters (`organization`, `via`, `login_challenge`…), each its value or a pattern. */
  params?: Record<string, KratosParamMatch>;
}

/** How long `requested()` waits for a request to Kratos, and for which. */
export interface KratosRequestedOptions {
  /** The longest wait, in milliseconds of real time; 1000 unless given. */
  timeout?: number;
  /**
   * Only a request to Kratos this predicate accepts counts (`(req) => req.url.endsWith('/sessions/whoami')`); any
   * request to Kratos unless given.
   */
  match?: (request: HttpRequest<unknown>) => boolean;
}

/** One expected request to Kratos, and the ways Kratos answers it. */
export interface KratosRequest<TBody> {
  /** Angular's `TestRequest`: the request as sent (`request.request`), and its raw `flush`/`error`. */
  readonly request: TestRequest;
  /** 200 with `body`, as Kratos answers a flow (or a submit's success). */
  flush(body: TBody): void;
  /**
   * 400 with the flow, as Kratos answers a submit that failed validation (its messages say why). Recovery and
   * verification answer a wrong code with 200 and the flow (docs/kratos-protocol.md §11.4 row 11): `flush` it.
   */
  flushInvalid(flow: TBody): void;
  /** Kratos's error body for `kind` on this endpoint, with its status; `network` is no answer at all (status 0). */
  flushError(kind: KratosTestingErrorKind, details?: KratosErrorDetails): void;
}

/** One expected request of a flow (its init, GET or submit), and the ways Kratos answers it. */
export type KratosFlowRequest<TBody> = KratosRequest<TBody>;

/** The expected logout request (`GET /self-service/logout/browser` or `DELETE /self-service/logout/api`). */
export interface KratosLogoutRequest {
  /** Angular's `TestRequest`: the request as sent (`request.request`: the api one's `body` is `{session_token}`). */
  readonly request: TestRequest;
  /**
   * Kratos's success: for the browser one 200 with `body`, or `logoutFlow()` with the request's `return_to`; for the
   * api one (`native: true`) 204 without a body, so `body` must not be given.
   */
  flush(body?: LogoutFlow): void;
  /**
   * Kratos's error body for `kind` on logout (docs/kratos-protocol.md §2.6): `session_inactive` is the browser one's
   * 401 `session_inactive` and the api one's id-less 403 for a token it does not know; `network` is no answer at all.
   */
  flushError(kind: KratosTestingErrorKind, details?: KratosErrorDetails): void;
}

/**
 * Expects the requests ngx-kratos sends to Kratos and answers them with Kratos v1.3.1's bodies, on Angular's
 * `HttpTestingController` (provided by `provideKratosTesting()` or `provideKratosTestingBackend()`).
 *
 * The `expect…` methods look at the requests sent so far. A route's guards and resolvers send theirs a moment after
 * `router.navigateByUrl()` (or `RouterTestingHarness.navigateByUrl()`) starts, so wait for them with `requested()`
 * (which waits for a request it has not seen before, so one per step of a test):
 *
 * ```ts
 * const shown = harness.navigateByUrl('/login');
 * await kratos.requested();
 * kratos.expectCreate('login').flush(loginFlow());
 * await shown;
 * ```
 */
@Injectable()
export class KratosTestingController {
  private readonly http = inject(HttpTestingController);
  private readonly baseUrl = inject(KRATOS_CONFIG).baseUrl;
  /** The requests an earlier `requested()` resolved on, or an `expect…` took: never counted by `requested()` again. */
  private readonly seen = new WeakSet<HttpRequest<unknown>>();

  constructor() {
    if ((inject(HttpBackend) as unknown) !== this.http) {
      throw new Error(
        "ngx-kratos/testing: HttpClient does not use Angular's testing backend, so no request would reach " +
          'KratosTestingController. A provideHttpClient() after provideKratosTesting() (or provideKratosTestingBackend()) ' +
          'replaces it: list the ngx-kratos/testing providers last.',
      );
    }
  }

  /**
   * `GET /self-service/{kind}/browser` (or `/api` with `native: true`): a flow is created. `returnTo`, `aal`,
   * `refresh` and `params` narrow it to an init with that query; `request.request.params` has the whole query.
   */
  expectCreate<K extends KratosFlowKind>(
    kind: K,
    options: KratosCreateOptions = {},
  ): KratosFlowRequest<KratosFlowOf[K]> {
    const endpoint = `/self-service/${kind}/${options.native ? 'api' : 'browser'}`;
    const params: [string, KratosParamMatch | boolean][] = [
      ...(options.returnTo === undefined ? [] : [['return_to', options.returnTo] as [string, KratosParamMatch]]),
      ...(options.aal === undefined ? [] : [['aal', options.aal] as [string, KratosParamMatch]]),
      ...(options.refresh === undefined ? [] : [['refresh', options.refresh] as [string, boolean]]),
      ...Object.entries(options.params ?? {}),
    ];
    const query = params.map(([name, value]) => `${name}=${String(value)}`).join('&');
    return this.expect(
      kind,
      'create',
      options,
      undefined,
      `GET ${endpoint}${query ? `?${query}` : ''}`,
      (req) => this.is(req, 'GET', endpoint) && params.every(([name, value]) => matches(req, name, value)),
    );
  }

  /** `GET /self-service/{kind}/flows?id={id}`: an existing flow is read. */
  expectGet<K extends KratosFlowKind>(
    kind: K,
    id: string,
    options: KratosExpectOptions = {},
  ): KratosFlowRequest<KratosFlowOf[K]> {
    const endpoint = `/self-service/${kind}/flows`;
    return this.expect(kind, 'get', options, id, `GET ${endpoint}?id=${id}`, (req) =>
      this.is(req, 'GET', endpoint, ['id', id]),
    );
  }

  /** `POST /self-service/{kind}?flow={id}`: a flow is submitted; `request.request.body` is what was sent. */
  expectUpdate<K extends KratosFlowKind>(
    kind: K,
    id: string,
    options: KratosExpectOptions = {},
  ): KratosFlowRequest<KratosFlowOf[K] | KratosSuccessBody> {
    const endpoint = `/self-service/${kind}`;
    return this.expect<KratosFlowOf[K] | KratosSuccessBody>(
      kind,
      'update',
      options,
      id,
      `POST ${endpoint}?flow=${id}`,
      (req) => this.is(req, 'POST', endpoint, ['flow', id]),
    );
  }

  /**
   * `GET /sessions/whoami`: `flush(session())` signs the user in, `flushError('session_inactive')` is whoami's id-less
   * 401 (docs/kratos-protocol.md §2.5), `flushError('session_aal2_required')` a session below the required AAL.
   */
  expectWhoami(): KratosRequest<Session> {
    const request = this.http.expectOne(
      (req) => this.is(req, 'GET', '/sessions/whoami'),
      `GET /sessions/whoami (below ${this.baseUrl})`,
    );
    return this.answers(request, { endpoint: 'whoami' });
  }

  /**
   * `GET /self-service/errors?id={id}`: the error flow's stored error (`KratosErrorFlowService.getError`,
   * `errorFlowRoute`). `flush(flowError({ id }))` answers it; `flushError('not_found')` is v1.3.1's 404 for an unknown,
   * malformed or deleted id (docs/kratos-protocol.md §13 row 3).
   */
  expectErrorFlow(id: string): KratosRequest<FlowError> {
    const request = this.http.expectOne(
      (req) => this.is(req, 'GET', '/self-service/errors', ['id', id]),
      `GET /self-service/errors?id=${id} (below ${this.baseUrl})`,
    );
    return this.answers(request, { endpoint: 'errors' });
  }

  /**
   * Logout (docs/kratos-protocol.md §2.6): `GET /self-service/logout/browser`, whose `flush()` answers with
   * `logoutFlow()`; with `native: true` (a session token) `DELETE /self-service/logout/api`, whose `flush()` is 204.
   */
  expectLogout(options: KratosExpectOptions = {}): KratosLogoutRequest {
    const native = options.native ?? false;
    const [method, endpoint] = native
      ? ['DELETE', '/self-service/logout/api']
      : ['GET', '/self-service/logout/browser'];
    const request = this.http.expectOne(
      (req) => this.is(req, method, endpoint),
      `${method} ${endpoint} (below ${this.baseUrl})`,
    );
    const answers = this.answers<LogoutFlow>(request, { endpoint: 'logout', native });
    return {
      request,
      flushError: answers.flushError,
      flush: (body) => {
        if (!native) {
          const returnTo = request.request.params.get('return_to') ?? undefined;
          answers.flush(body ?? logoutFlow({ returnTo }));
          return;
        }
        if (body !== undefined) {
          throw new Error(
            'expectLogout({ native: true }).flush(): Kratos answers the api logout with 204 and no body.',
          );
        }
        request.flush(null, { status: 204, statusText: 'No Content' });
      },
    };
  }

  /**
   * Resolves once a request to Kratos (below the configured base URL) is open and unanswered that no earlier
   * `requested()` has seen: await it after starting a navigation whose guards or resolvers ask Kratos, before the
   * `expect…` that answers them. A request an earlier `requested()` resolved on (and left open) does not count again,
   * so after answering one request, `requested()` waits for the next. `match` narrows it to the requests it accepts.
   * Once it resolves, every open request to Kratos it would have counted is seen. It waits in real time (macrotasks), so
   * use it in `async` tests, not in `fakeAsync` ones (there `tick()` does the same). Rejects after `timeout` (1000 ms)
   * with the requests that are open, when no new one to Kratos came.
   */
  requested({ timeout = 1000, match }: KratosRequestedOptions = {}): Promise<void> {
    const deadline = Date.now() + timeout;
    const counts = (req: HttpRequest<unknown>): boolean =>
      this.isKratos(req) && !this.seen.has(req) && (match === undefined || match(req));
    return new Promise((resolve, reject) => {
      const poll = () => {
        const open = this.open();
        const fresh = open.filter(counts);
        if (fresh.length > 0) {
          for (const req of fresh) this.seen.add(req);
          resolve();
        } else if (Date.now() >= deadline) {
          const others =
            open
              .map((req) => `${req.method} ${req.urlWithParams}${this.seen.has(req) ? ' (seen before)' : ''}`)
              .join(', ') || 'none';
          reject(
            new Error(
              `KratosTestingController.requested(): no new request to Kratos (below ${this.baseUrl})` +
                `${match ? ' that its match accepts' : ''} within ${timeout} ms; open requests: ${others}.`,
            ),
          );
        } else {
          setTimeout(poll);
        }
      };
      poll();
    });
  }

  /** Fails when a request to Kratos (or anywhere) is still unanswered. */
  verify(): void {
    this.http.verify();
  }

  /** The open requests, without taking them: `match` sees each, and its predicate takes none. */
  private open(): HttpRequest<unknown>[] {
    const open: HttpRequest<unknown>[] = [];
    this.http.match((req) => {
      open.push(req);
      return false;
    });
    return open;
  }

  /** Whether `req` goes to Kratos: its base URL itself or below it (`…:4433/…`, never `…:44330/…`). */
  private isKratos(req: HttpRequest<unknown>): boolean {
    const base = this.baseUrl.replace(/\/+$/, '');
    return req.url === base || req.url.startsWith(`${base}/`);
  }

  private is(req: HttpRequest<unknown>, method: string, endpoint: string, param?: [string, string]): boolean {
    return (
      req.method === method &&
      req.url === `${this.baseUrl}${endpoint}` &&
      (param === undefined || req.params.get(param[0]) === param[1])
    );
  }

  private expect<TBody extends object>(
    flow: KratosFlowKind,
    endpoint: KratosFlowEndpoint,
    { native = false }: KratosExpectOptions,
    flowId: string | undefined,
    description: string,
    match: (req: HttpRequest<unknown>) => boolean,
  ): KratosFlowRequest<TBody> {
    const request = this.http.expectOne(match, `${description} (below ${this.baseUrl})`);
    return this.answers(request, { flow, endpoint, native, flowId });
  }

  private answers<TBody extends object>(request: TestRequest, context: KratosErrorContext): KratosRequest<TBody> {
    // Taken by an expect…, it is no longer open; a retry sends the same HttpRequest again, which is a new request
    // for `requested()`.
    this.seen.delete(request.request);
    const headers = { 'Content-Type': 'application/json' };
    return {
      request,
      flush: (body) => request.flush(body, { status: 200, statusText: 'OK', headers }),
      flushInvalid: (body) => request.flush(body, { status: 400, statusText: 'Bad Request', headers }),
      flushError: (kind, details) => {
        if (kind === 'network') {
          request.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
          return;
        }
        const { status, body } = kratosErrorBody(kind, context, details);
        request.flush(body, { status, statusText: body.error.status ?? '', headers });
      },
    };
  }
}

function matches(req: HttpRequest<unknown>, name: string, expected: KratosParamMatch | boolean): boolean {
  const actual = req.params.get(name);
  if (typeof expected === 'boolean') return expected ? actual === 'true' : actual !== 'true';
  if (actual === null) return false;
  return typeof expected === 'string' ? actual === expected : expected.test(actual);
}
