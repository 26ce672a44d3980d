import { HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { KratosErrorKind } from './kratos-error-kind';

/** What a `KratosError` is made of: its fields, its message and what caused it (the library makes them; tests may too). */
export interface KratosErrorInit {
  /** What went wrong. */
  kind: KratosErrorKind;
  /** The error's message: Kratos's `error.message`, or the library's own words. */
  message: string;
  /** The HTTP status; 0 (the default) when no answer arrived. */
  status?: number;
  /** Kratos's error id (`error.id`). */
  id?: string;
  /** Kratos's `error.reason`. */
  reason?: string;
  /** Kratos's `error.details`. */
  details?: Record<string, unknown>;
  /** Where Kratos wants the browser to go. */
  redirectBrowserTo?: string;
  /** The replacement flow Kratos named. */
  useFlowId?: string;
  /** The start of a body that was not Kratos's. */
  excerpt?: string;
  /** The parsed body. */
  body?: unknown;
  /** The original response. */
  response?: HttpErrorResponse | HttpResponse<unknown>;
  /** The error behind this one (what a failed request threw, a network error's event), as the `Error`'s `cause`. */
  cause?: unknown;
}

/**
 * The one error type of ngx-kratos. Every failed call ends in a `KratosError`, never in a `TypeError`:
 * switch on `kind`, and read the rest for details.
 */
export class KratosError extends Error {
  /** Always `KratosError`. */
  override readonly name = 'KratosError';
  // Declared only: the constructor assigns them all at once (smaller than one assignment each).
  /** What went wrong: one of Kratos's error ids, or one of the kinds a client meets that Kratos never names. */
  declare readonly kind: KratosErrorKind;
  /** The HTTP status; 0 when no answer arrived. */
  declare readonly status: number;
  /** Kratos's error id (`error.id`), when the body had one. Several of Kratos's errors have none (docs/kratos-protocol.md §4). */
  declare readonly id?: string;
  /** Kratos's `error.reason`: the most specific explanation Kratos gives. */
  declare readonly reason?: string;
  /** Kratos's `error.details`, e.g. `{ redirect_to, return_to }` on the 410 of GET flows (docs/kratos-protocol.md §2.3). */
  declare readonly details?: Record<string, unknown>;
  /** Where Kratos wants the browser to go (AAL step-up, re-authentication, OIDC provider). */
  declare readonly redirectBrowserTo?: string;
  /** The replacement flow of a 410 on submit (docs/kratos-protocol.md §2.4). */
  declare readonly useFlowId?: string;
  /** The start of a body that was not Kratos's (kind `malformed_response`, `server_error`), for logs. */
  declare readonly excerpt?: string;
  /** The parsed body, as received. */
  declare readonly body?: unknown;
  /** The original response, with its headers (`Ory-Error-Id`, `X-Request-ID`…). */
  declare readonly response?: HttpErrorResponse | HttpResponse<unknown>;

  /** An error of `init.kind`, with `init.message` and, when given, `init.cause`. */
  constructor({ message, cause, ...fields }: KratosErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields, { status: fields.status ?? 0 });
  }
}

/** True when `error` is a `KratosError`, optionally of one of the given kinds. */
export function isKratosError<K extends KratosErrorKind>(
  error: unknown,
  ...kinds: K[]
): error is KratosError & { readonly kind: K } {
  return error instanceof KratosError && (kinds.length === 0 || (kinds as KratosErrorKind[]).includes(error.kind));
}
