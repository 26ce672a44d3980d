import { HttpEvent } from '@angular/common/http';
import { defer, finalize, Observable, share, tap } from 'rxjs';
import { ExchangeStage } from './exchange-stage';

/**
 * `withRequestSharing()`'s stage: identical reads in flight at the same time (two guards, a guard and a component
 * asking for the same flow) share one exchange, which is aborted only when the last of them unsubscribes. Not shared:
 * calls that want progress events or carry their own `HttpContext` (interceptors may treat those differently), and
 * everything but GET. Sending a submit ends the sharing of the reads in flight: the submit changes the flow.
 */
export function sharingStage(): ExchangeStage {
  const inFlight = new Map<string, Observable<HttpEvent<string>>>();
  return (events, { request, url, params, headers, withCredentials, reportProgress }) => {
    if (request.method !== 'GET') {
      return defer(() => {
        inFlight.clear();
        return events;
      });
    }
    if (reportProgress || request.options?.context) {
      return events;
    }
    const key = JSON.stringify([
      url,
      params.toString(),
      withCredentials,
      request.options?.retry,
      headers
        .keys()
        .map((name) => `${name.toLowerCase()}: ${headers.getAll(name)?.join(', ')}`)
        .sort(),
    ]);
    return defer(() => {
      let shared = inFlight.get(key);
      if (!shared) {
        const drop = () => inFlight.get(key) === entry && inFlight.delete(key);
        const entry: Observable<HttpEvent<string>> = events.pipe(
          // Dropped before the answer reaches anyone (a caller asking again from its handler starts a new request),
          // or when the last subscriber leaves.
          tap({ complete: drop, error: drop }),
          finalize(drop),
          share(),
        );
        inFlight.set(key, (shared = entry));
      }
      return shared;
    });
  };
}
