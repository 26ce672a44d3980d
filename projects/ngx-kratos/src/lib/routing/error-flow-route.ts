import { inject } from '@angular/core';
import { ResolveFn, Route, Router } from '@angular/router';
import { catchError, map, Observable, of } from 'rxjs';
import { toKratosError } from '../errors/to-kratos-error';
import { KratosErrorView } from '../errorflow/flow-error';
import { KratosErrorFlowService } from '../errorflow/kratos-error-flow.service';
import { errorSummary, KratosErrorSummary } from '../navigation/kratos-navigator';
import { isRecord, isString } from '../wire/shape';

/**
 * Resolves an error page's `error` (a `KratosErrorView`), with at most one request: with `?id=` (Kratos's redirect to
 * its error UI, docs/kratos-protocol.md §13) the stored error (`GET /self-service/errors?id=`), or `unavailable` when
 * Kratos has none by that id;
 * without one, the summary the navigator passed in `history.state.kratosError`, or `none`. Never fails.
 */
export const errorFlowResolver: ResolveFn<KratosErrorView> = (route): Observable<KratosErrorView> => {
  const id = route.queryParamMap.get('id');
  if (id) {
    return inject(KratosErrorFlowService)
      .getError(id)
      .pipe(
        map((stored): KratosErrorView => ({ source: 'kratos', id, error: stored.error })),
        catchError((error: unknown) =>
          of<KratosErrorView>({ source: 'unavailable', id, error: errorSummary(toKratosError(error)) }),
        ),
      );
  }
  const summary = asSummary(inject(Router).currentNavigation()?.extras.state?.['kratosError']);
  return of(summary ? { source: 'app', error: summary } : { source: 'none' });
};

/**
 * An error page's route, wired: `errorFlowResolver` as route data `error` (an input `error` under
 * `withComponentInputBinding()`), re-resolved when the query changes. Name the same path in `withFlowPages({ error })`
 * and in Kratos's `selfservice.flows.error.ui_url`, so both ways land on it.
 *
 * ```ts
 * provideRouter([errorFlowRoute({ path: 'error', component: ErrorPage })], withComponentInputBinding())
 * ```
 */
export function errorFlowRoute(route: Route): Route {
  return {
    runGuardsAndResolvers: 'paramsOrQueryParamsChange',
    ...route,
    resolve: { ...route.resolve, error: errorFlowResolver },
  };
}

/** A summary from the history state, which any page could have written: only its known fields, checked. */
function asSummary(value: unknown): KratosErrorSummary | undefined {
  if (
    !isRecord(value) ||
    !isString(value['kind']) ||
    typeof value['status'] !== 'number' ||
    !isString(value['message'])
  ) {
    return undefined;
  }
  const optional = (key: string) => (isString(value[key]) ? (value[key] as string) : undefined);
  return {
    kind: value['kind'] as KratosErrorSummary['kind'],
    status: value['status'],
    id: optional('id'),
    reason: optional('reason'),
    message: value['message'] as string,
  };
}
