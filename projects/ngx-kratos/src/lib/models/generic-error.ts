/** Kratos's error object (herodot `genericError`, docs/kratos-protocol.md §1.3). Only `message` is always present. */
export interface GenericError {
  /** A stable error id such as `session_refresh_required`; absent on several errors (docs/kratos-protocol.md §4). */
  id?: string;
  code?: number;
  /** The HTTP reason phrase. */
  status?: string;
  /** The `X-Request-ID` of the request, when one was sent. */
  request?: string;
  reason?: string;
  debug?: string;
  details?: Record<string, unknown>;
  message: string;
}

/**
 * The body of every Kratos error: `{ error }`, plus top-level fields on some errors
 * (`redirect_browser_to`, `use_flow_id`, `expired_at`, `since`; docs/kratos-protocol.md §1.3).
 */
export interface ErrorEnvelope {
  error: GenericError;
  redirect_browser_to?: string;
  use_flow_id?: string;
  expired_at?: string;
  /** Nanoseconds (a Go duration); deprecated by Kratos. */
  since?: number;
}
