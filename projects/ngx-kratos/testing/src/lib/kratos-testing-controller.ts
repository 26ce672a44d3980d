import { HttpRequest } from '@angular/common/http';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { inject, Injectable } from '@angular/core';
import {
  ContinueWith,
  Identity,
  KRATOS_CONFIG,
  LoginFlow,
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

/** The flow each kind's endpoints answer with. */
export interface KratosFlowOf {
  settings: SettingsFlow;
  login: LoginFlow;
  registration: RegistrationFlow;
  recovery: RecoveryFlow;
  verification: VerificationFlow;
}

/** The success body of a login or registration submit (docs/kratos-protocol.md §7.4 row 12, §8.4 row 12). */
export interface KratosSuccessBody {
  session?: Session;
  session_token?: string;
  identity?: Identity;
  continue_with?: ContinueWith[] | null;
}

/** Which requests of a flow: a native (api) flow's, or a browser flow's (the default). */
export interface KratosExpectOptions {
  native?: boolean;
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

/**
 * Expects the requests ngx-kratos sends to Kratos and answers them with Kratos v1.3.1's bodies, on Angular's
 * `HttpTestingController` (provided by `provideKratosTesting()`).
 */
@Injectable()
export class KratosTestingController {
  private readonly http = inject(HttpTestingController);
  private readonly baseUrl = inject(KRATOS_CONFIG).baseUrl;

  /** `GET /self-service/{kind}/browser` (or `/api` with `native: true`): a flow is created. */
  expectCreate<K extends KratosFlowKind>(
    kind: K,
    options: KratosExpectOptions = {},
  ): KratosFlowRequest<KratosFlowOf[K]> {
    const endpoint = `/self-service/${kind}/${options.native ? 'api' : 'browser'}`;
    return this.expect(kind, 'create', options, undefined, `GET ${endpoint}`, (req) => this.is(req, 'GET', endpoint));
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

  /** Fails when a request to Kratos (or anywhere) is still unanswered. */
  verify(): void {
    this.http.verify();
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
