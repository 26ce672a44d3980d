/* KratosErrorFlowService on the rows of docs/kratos-protocol.md §13: a stored error, the stub, an unknown id. */
import { TestBed } from '@angular/core/testing';
import { KRATOS_TESTING_BASE_URL, kratosErrorBody } from 'ngx-kratos/testing';
import { Harness, kratosHeaders, record, setUpKratos } from '../../testing/harness';
import * as cx from '../../testing/code-flow-fixtures';
import { KratosErrorFlowService } from './kratos-error-flow.service';

describe('KratosErrorFlowService', () => {
  let h: Harness;
  let errors: KratosErrorFlowService;
  beforeEach(() => {
    h = setUpKratos();
    errors = TestBed.inject(KratosErrorFlowService);
  });
  afterEach(() => h.http.verify());

  const req = () => h.http.expectOne((r) => r.url === `${KRATOS_TESTING_BASE_URL}/self-service/errors`);

  it('row 2: GET /self-service/errors?id= → the stored error', () => {
    const rec = record(errors.getError(cx.ERROR_ID));
    const r = req();
    expect(r.request.method).toBe('GET');
    expect(r.request.params.get('id')).toBe(cx.ERROR_ID);
    expect(r.request.headers.get('Accept')).toBe('application/json');
    r.flush(cx.storedError());
    expect(rec.values).toEqual([cx.storedError() as never]);
  });

  it('row 1: stub:500 → its error, with a fresh id', () => {
    const rec = record(errors.getError('stub:500'));
    req().flush(cx.STUB_500);
    expect(rec.values[0].error.code).toBe(500);
    expect(rec.values[0].error.reason).toBe('This is a stub error.');
  });

  it('row 3: an unknown id → 404 not_found', () => {
    const rec = record(errors.getError('00000000-0000-4000-8000-000000000000'));
    const { body } = kratosErrorBody('not_found', { endpoint: 'get' });
    req().flush(body, {
      status: 404,
      statusText: 'Not Found',
      headers: kratosHeaders(body),
    });
    const error = rec.kratosError();
    expect(error.kind).toBe('not_found');
    expect(error.message).toBe('Unable to locate the resource');
  });

  it('a body of another shape → malformed_response', () => {
    const rec = record(errors.getError(cx.ERROR_ID));
    req().flush({ id: cx.ERROR_ID, error: 'nope' });
    expect(rec.kratosError().kind).toBe('malformed_response');
  });
});
