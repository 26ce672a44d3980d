import { GenericError } from '../models/generic-error';
import { DateTimeString } from '../models/identity';
import { KratosErrorSummary } from '../navigation/kratos-navigator';

/**
 * An error Kratos stored for a browser it sent to the error UI (`?id=<id>`; docs/kratos-protocol.md §13):
 * `GET /self-service/errors?id=` answers it. `error` is the stored error only (no `redirect_browser_to` or
 * `use_flow_id`); `id` inside it appears when the error had one.
 */
export interface FlowError {
  /** The stored error's id: the error page's `?id=`. */
  id: string;
  /** The error as Kratos stored it. */
  error: GenericError;
  /** When Kratos stored it. */
  created_at?: DateTimeString;
  /** When it last changed. */
  updated_at?: DateTimeString;
}

/**
 * What an error page shows, whichever way the user came (`errorFlowRoute` resolves it as route data `error`):
 * - `kratos`: Kratos sent the browser to the error UI with `?id=`, and the stored error was read;
 * - `app`: the navigator sent the user here (`withErrorRoute`/`withFlowPages({ error })`) with a summary;
 * - `unavailable`: the page has an `?id=` that Kratos could not give (unknown or deleted: 404; or no answer);
 *   `error` says why;
 * - `none`: neither (the page was opened by hand, or reloaded after its state was lost).
 */
export type KratosErrorView =
  | { source: 'kratos'; id: string; error: GenericError }
  | { source: 'app'; error: KratosErrorSummary }
  | { source: 'unavailable'; id: string; error: KratosErrorSummary }
  | { source: 'none' };
