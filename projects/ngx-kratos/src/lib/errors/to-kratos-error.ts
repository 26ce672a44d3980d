import { HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { asErrorEnvelope, isRecord, isUrlSafe, JsonReading, readJson } from '../wire/read-body';
import { KratosError } from './kratos-error';
import { isKratosErrorId, KratosErrorKind } from './kratos-error-kind';

/**
 * The one place where a failed call becomes a `KratosError`. Kratos's id decides the kind where there is one;
 * otherwise the status does, because several of Kratos's errors carry no id (docs/kratos-protocol.md §4: the 401 of
 * GET flows and submits, the 410 of GET flows, the 404s).
 */
export function toKratosError(error: unknown): KratosError {
  if (error instanceof KratosError) {
    return error;
  }
  if (!(error instanceof HttpErrorResponse)) {
    return new KratosError({
      kind: 'unknown',
      message: `ngx-kratos: the request failed: ${describe(error)}`,
      cause: error,
    });
  }
  const { status } = error;
  if (status === 0) {
    return new KratosError({
      kind: 'network',
      message: `ngx-kratos: no answer from ${error.url ?? 'Kratos'} (offline, refused by CORS, or aborted).`,
      response: error,
      cause: error.error,
    });
  }
  const reading =
    typeof error.error === 'string' || error.error == null
      ? readJson(error.error)
      : { ok: true as const, value: error.error };
  const envelope = reading.ok ? asErrorEnvelope(reading.value) : undefined;
  if (!envelope) {
    const excerpt = excerptOfReading(reading);
    return new KratosError({
      kind: status >= 500 ? 'server_error' : 'malformed_response',
      status,
      message: `ngx-kratos: ${status} from ${error.url ?? 'Kratos'} without a Kratos error body: ${excerpt || '(empty body)'}`,
      excerpt,
      body: reading.ok ? reading.value : undefined,
      response: error,
    });
  }
  const { id, reason, message } = envelope.error;
  const details = isRecord(envelope.error.details) ? envelope.error.details : undefined;
  const redirectBrowserTo = envelope.redirect_browser_to ?? details?.['redirect_browser_to'];
  return new KratosError({
    kind: kindOf(status, id),
    status,
    id,
    reason,
    message,
    details,
    redirectBrowserTo: typeof redirectBrowserTo === 'string' ? redirectBrowserTo : undefined,
    useFlowId: isUrlSafe(envelope.use_flow_id) ? envelope.use_flow_id : replacementIn(details),
    body: envelope,
    response: error,
  });
}

/**
 * A 2xx answer whose body is not what the endpoint returns; `expected` names what it should have been (each endpoint
 * says, e.g. "a session").
 */
export function malformedResponse(
  response: HttpResponse<unknown>,
  reading: JsonReading,
  expected: string,
): KratosError {
  const excerpt = excerptOfReading(reading);
  return new KratosError({
    kind: 'malformed_response',
    status: response.status,
    message: `ngx-kratos: ${response.status} from ${response.url ?? 'Kratos'} is not ${expected}: ${excerpt || '(empty body)'}`,
    excerpt,
    response,
  });
}

/**
 * The flow an error names in `details.continue_with` as the one to show instead (`show_<flow>_ui` with a `flow.id`):
 * Kratos's replacement flow where it sends no top-level `use_flow_id` (docs/kratos-protocol.md §11.4 with
 * `use_continue_with_transitions`).
 */
function replacementIn(details: Record<string, unknown> | undefined): string | undefined {
  const items = details?.['continue_with'];
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    const flow = isRecord(item) && /^show_\w+_ui$/.test(String(item['action'])) ? item['flow'] : undefined;
    if (isRecord(flow) && isUrlSafe(flow['id'])) return flow['id'];
  }
  return undefined;
}

function kindOf(status: number, id: string | undefined): KratosErrorKind {
  if (id !== undefined && isKratosErrorId(id)) {
    return id;
  }
  return status >= 500 ? 'server_error' : (KIND_OF_STATUS[status] ?? 'unknown');
}

/** The kinds of the statuses Kratos answers without an id (docs/kratos-protocol.md §4). */
const KIND_OF_STATUS: Partial<Record<number, KratosErrorKind>> = {
  400: 'bad_request',
  401: 'session_inactive',
  404: 'not_found',
  410: 'self_service_flow_expired',
};

/** What a log shows of a body: the start of its JSON, or of its text when it was not JSON. */
function excerptOfReading(reading: JsonReading): string {
  return reading.ok ? JSON.stringify(reading.value).slice(0, 200) : reading.excerpt;
}

/** A thrown value for the message: an Error's name and message; anything else as JSON where that works. */
function describe(error: unknown): string {
  try {
    return error instanceof Error
      ? `${error.name}: ${error.message}`
      : (JSON.stringify(error)?.slice(0, 200) ?? String(error));
  } catch {
    return String(error);
  }
}
