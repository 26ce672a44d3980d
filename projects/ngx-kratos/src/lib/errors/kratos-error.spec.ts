import { HttpErrorResponse } from '@angular/common/http';
import { isKratosError, KratosError } from './kratos-error';
import { toKratosError } from './to-kratos-error';

describe('KratosError', () => {
  it('is an Error with its name and a stack', () => {
    const error = new KratosError({ kind: 'network', message: 'm' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('KratosError');
    expect(error.stack).toBeDefined();
    expect(error.status).toBe(0);
  });

  it('isKratosError narrows, optionally to given kinds', () => {
    const error: unknown = new KratosError({ kind: 'session_inactive', status: 401, message: 'm' });
    expect(isKratosError(error)).toBeTrue();
    expect(isKratosError(error, 'session_inactive', 'session_aal2_required')).toBeTrue();
    expect(isKratosError(error, 'timeout')).toBeFalse();
    expect(isKratosError(new Error('x'))).toBeFalse();
    expect(isKratosError({ kind: 'session_inactive' })).toBeFalse();
    if (isKratosError(error, 'session_inactive')) {
      const kind: 'session_inactive' = error.kind;
      expect(kind).toBe('session_inactive');
    }
  });

  describe('toKratosError', () => {
    it('returns a KratosError unchanged', () => {
      const error = new KratosError({ kind: 'timeout', message: 'm' });
      expect(toKratosError(error)).toBe(error);
    });

    it('wraps anything that is not an HTTP error as unknown, keeping it as the cause', () => {
      const cause = new TypeError('interceptor bug');
      const error = toKratosError(cause);
      expect(error.kind).toBe('unknown');
      expect(error.cause).toBe(cause);
    });

    // A hypothetical id of a later Kratos: v1.3.1's own ids all have kinds (text/message_error.go).
    it('maps an unknown Kratos id by its status (a 410 with a future id keeps its use_flow_id)', () => {
      const error = toKratosError(
        new HttpErrorResponse({
          status: 410,
          error: JSON.stringify({ error: { id: 'self_service_flow_superseded', message: 'm' }, use_flow_id: 'f2' }),
        }),
      );
      expect(error.kind).toBe('self_service_flow_expired');
      expect(error.id).toBe('self_service_flow_superseded');
      expect(error.useFlowId).toBe('f2');
    });

    it('an unknown id with a status it has no kind for → unknown', () => {
      const error = toKratosError(
        new HttpErrorResponse({
          status: 403,
          error: JSON.stringify({ error: { id: 'session_future_requirement', message: 'm' } }),
        }),
      );
      expect(error.kind).toBe('unknown');
      expect(error.id).toBe('session_future_requirement');
    });

    // The ids the other flows answer with in v1.3.1, with the statuses Kratos sends them with.
    const otherFlowIds: [string, number][] = [
      ['session_already_available', 400],
      ['session_aal1_required', 401],
      ['session_aal_already_fulfilled', 401],
      ['session_verified_address_required', 400],
      ['self_service_flow_replaced', 410],
      ['self_service_flow_disabled', 400],
    ];
    for (const [id, status] of otherFlowIds) {
      it(`maps ${id} (${status}) to its own kind`, () => {
        const error = toKratosError(
          new HttpErrorResponse({ status, error: JSON.stringify({ error: { id, code: status, message: 'm' } }) }),
        );
        expect(error.kind).toBe(id as typeof error.kind);
        expect(error.id).toBe(id);
      });
    }

    it('reads redirect_browser_to from details when it is not at the top level', () => {
      const error = toKratosError(
        new HttpErrorResponse({
          status: 403,
          error: JSON.stringify({
            error: {
              id: 'session_aal2_required',
              message: 'm',
              details: { redirect_browser_to: 'http://127.0.0.1/x' },
            },
          }),
        }),
      );
      expect(error.redirectBrowserTo).toBe('http://127.0.0.1/x');
    });

    it('ignores fields of the wrong type instead of passing them on', () => {
      const error = toKratosError(
        new HttpErrorResponse({
          status: 410,
          error: JSON.stringify({ error: { message: 'm', details: null }, use_flow_id: 7, redirect_browser_to: {} }),
        }),
      );
      expect(error.kind).toBe('self_service_flow_expired');
      expect(error.useFlowId).toBeUndefined();
      expect(error.redirectBrowserTo).toBeUndefined();
      expect(error.details).toBeUndefined();
    });

    it('accepts an already parsed body (an interceptor that parsed it)', () => {
      const error = toKratosError(
        new HttpErrorResponse({ status: 403, error: { error: { id: 'security_csrf_violation', message: 'm' } } }),
      );
      expect(error.kind).toBe('security_csrf_violation');
    });
  });
});
