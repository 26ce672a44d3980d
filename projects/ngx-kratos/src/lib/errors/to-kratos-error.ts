import { HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { asErrorEnvelope, isRecord, isUrlSafe, readJson } from '../wire/read-body';
import { KratosError } from './kratos-error';
import { KRATOS_ERROR_IDS, KratosErrorKind } from './kratos-error-kind';

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
    const excerpt = reading.ok ? JSON.stringify(reading.value).slice(0, 200) : reading.excerpt;
    const kind: KratosErrorKind = status >= 500 ? 'server_error' : 'malformed_response';
    return new KratosError({
      kind,
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
    useFlowId: isUrlSafe(envelope.use_flow_id) ? envelope.use_flow_id : undefined,
    body: envelope,
    response: error,
  });
}

/**
 * A 2xx answer whose body is not what the endpoint returns; `expected` names what it should have been (each endpoint
 * says, e.g. "a session").
 */
export function malformedResponse(response: HttpResponse<unknown>, excerpt: string, expected: string): KratosError {
  return new KratosError({
    kind: 'malformed_response',
    status: response.status,
    message: `ngx-kratos: ${response.status} from ${response.url ?? 'Kratos'} is not ${expected}: ${excerpt || '(empty body)'}`,
    excerpt,
    response,
  });
}

function kindOf(status: number, id: string | undefined): KratosErrorKind {
  if (id !== undefined && KRATOS_ERROR_IDS.has(id)) {
    return id as KratosErrorKind;
  }
  if (status >= 500) {
    return 'server_error';
  }
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'session_inactive';
    case 404:
      return 'not_found';
    case 410:
      return 'self_service_flow_expired';
    default:
      return 'unknown';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  try {
    return JSON.stringify(error)?.slice(0, 200) ?? String(error);
  } catch {
    return String(error);
  }
}
