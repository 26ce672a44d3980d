/** Kratos's error object (herodot `genericError`, docs/kratos-protocol.md §1.3). Only `message` is always present. */
export interface GenericError {
  /** A stable error id such as `session_refresh_required`; absent on several errors (docs/kratos-protocol.md §4). */
  id?: string;
  /** The HTTP status code. */
  code?: number;
  /** The HTTP reason phrase. */
  status?: string;
  /** The `X-Request-ID` of the request, when one was sent. */
  request?: string;
  /** What went wrong, for a person: often more precise than `message`. */
  reason?: string;
  /** Debug information; Kratos sends it only when it runs with debugging exposed. */
  debug?: string;
  /** More about the error, such as `redirect_browser_to` or the CSRF check's `hint` and `reject_reason`. */
  details?: Record<string, unknown>;
  /** The error's message: always present, short and generic (`The requested resource could not be found`). */
  message: string;
}

/**
 * The body of every Kratos error: `{ error }`, plus top-level fields on some errors
 * (`redirect_browser_to`, `use_flow_id`, `expired_at`, `since`; docs/kratos-protocol.md §1.3).
 */
export interface ErrorEnvelope {
  /** The error itself. */
  error: GenericError;
  /** Where a browser should go to resolve the error: sign in again, add a second factor… */
  redirect_browser_to?: string;
  /** On an expired flow (`self_service_flow_expired`): the id of the new flow Kratos made to replace it. */
  use_flow_id?: string;
  /** On an expired flow: when it expired (RFC 3339). */
  expired_at?: string;
  /** Nanoseconds (a Go duration); deprecated by Kratos. */
  since?: number;
}
