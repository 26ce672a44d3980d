/// <reference types="node" />
import type { IncomingMessage } from 'node:http';
import type { ClientSide } from './client-side';

/**
 * The request headers Kratos reads, and only these: the browser's cookies and negotiation (docs/kratos-protocol.md
 * §1.1: `Accept` and `Content-Type` decide JSON or a redirect), the body's length, the session token's two headers
 * (§1.2), nosurf's `X-CSRF-Token` and `Referer` (§1.2), `Origin` as the browser sent it (Kratos refuses an api flow's
 * submit that carries one, §1.2, so it is not rewritten), `User-Agent` (Kratos records it on the session's device),
 * `Accept-Language` and `X-Request-ID` (echoed in error bodies, §1.3). Everything else stays with the proxy:
 * hop-by-hop headers, the client's `X-Forwarded-*` and `Forwarded`, `Host` (Kratos's own is sent).
 */
const FORWARDED = [
  'accept',
  'accept-language',
  'authorization',
  'content-length',
  'content-type',
  'cookie',
  'origin',
  'referer',
  'user-agent',
  'x-csrf-token',
  'x-request-id',
  'x-session-token',
] as const;

/** The headers of the request to Kratos at `kratosHost`. */
export function upstreamRequestHeaders(
  req: IncomingMessage,
  client: ClientSide,
  kratosHost: string,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = { host: kratosHost };
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  // Kratos builds some URLs from these (§1.5: the AAL2 step-up's return_to of a POST); they describe the app's side.
  headers['x-forwarded-for'] = client.forwardedFor;
  headers['x-forwarded-proto'] = client.scheme;
  headers['x-forwarded-host'] = client.host;
  // A body the client streams without a length goes on chunked (node:http does that), never as a smuggled length.
  if (req.headers['transfer-encoding'] !== undefined) delete headers['content-length'];
  return headers;
}
