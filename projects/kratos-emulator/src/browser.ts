/* Answers shared by the endpoints: the error UI redirect (docs/kratos-protocol.md §1.4) and the UI URLs with `?flow=`. */
import { randomUUID } from 'node:crypto';
import { Ctx, Emulator } from './context';
import { errors, GenericError, sendError } from './errors';
import { redirect } from './http';

/** Stores the error and sends the browser to the error UI `?id=` with a 303. */
export function toErrorUi(em: Emulator, ctx: Ctx, error: GenericError): void {
  const id = randomUUID();
  const now = em.clock.now().toISOString();
  em.state.flowErrors.set(id, { id, error, created_at: now, updated_at: now });
  redirect(ctx.res, 303, withQuery(em.config.errorUi, { id }));
}

/** A URL with query parameters added, keeping the ones it has (docs/kratos-protocol.md §1.5: "existing query kept"). */
export function withQuery(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The 410 of a submit on an expired flow (docs/kratos-protocol.md §2.4 row 5, §3.6): `expired_at`, `since` (ns), `use_flow_id`. */
export function sendFlowExpired(em: Emulator, ctx: Ctx, expiredAt: Date, replacementId: string): void {
  sendError(ctx.res, errors.expiredPost(em.minutesSince(expiredAt)), {
    expired_at: expiredAt.toISOString(),
    since: (em.clock.now().getTime() - expiredAt.getTime()) * 1e6,
    use_flow_id: replacementId,
  });
}

/** Go's `url.Parse` error for a malformed percent-escape, as Kratos quotes it: `parse "%zz": invalid URL escape "%zz"`. */
export function goUrlParseError(raw: string): string {
  const at = raw.search(/%(?![0-9a-f]{2})/i);
  const escape = at === -1 ? '' : raw.slice(at, at + 3);
  return `parse ${JSON.stringify(raw)}: invalid URL escape ${JSON.stringify(escape)}`;
}
