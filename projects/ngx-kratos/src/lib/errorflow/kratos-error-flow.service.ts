import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { KratosHttp } from '../http/kratos-http';
import { KratosObserve, KratosRequestOptions, Observed } from '../http/kratos-request';
import { isString, object } from '../wire/shape';
import { FlowError } from './flow-error';

const isFlowError = object({ id: isString, error: object({ message: isString }) });

/** Kratos's error flow (docs/kratos-protocol.md §13): the errors it stored for the browsers it sent to the error UI. */
@Injectable({ providedIn: 'root' })
export class KratosErrorFlowService {
  private readonly http = inject(KratosHttp);

  /**
   * `GET /self-service/errors?id=` (docs/kratos-protocol.md §13): the stored error. An unknown, malformed or deleted id
   * is a `KratosError` of kind `not_found` (404); `stub:500` is Kratos's test error.
   */
  getError<O extends KratosObserve = 'body'>(
    id: string,
    options: KratosRequestOptions<O> = {},
  ): Observable<Observed<FlowError, O>> {
    return this.http.send({
      method: 'GET',
      path: '/self-service/errors',
      params: { id },
      options,
      expected: 'a stored error',
      read: (body) => (isFlowError(body) ? (body as FlowError) : undefined),
    });
  }
}
