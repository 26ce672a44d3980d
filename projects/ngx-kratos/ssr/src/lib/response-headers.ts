/// <reference types="node" />
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { ClientSide } from './client-side';
import type { ResolvedProxyOptions } from './proxy-options';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the framing node:http writes itself. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Kratos's redirect, as the browser must see it: a URL under Kratos's base URL (absolute, or relative to the
 * request Kratos answered) becomes the same path under the app's origin and the prefix; any other value is left as
 * Kratos wrote it (the app's own pages, an OIDC provider: whether to go there is the library's check in the
 * browser). The new value is built from the parsed URL's parts, so a relative value never gains another host.
 */
export function rewriteLocation(
  location: string,
  upstreamUrl: URL,
  client: ClientSide,
  options: ResolvedProxyOptions,
): string {
  let target: URL;
  try {
    target = new URL(location, upstreamUrl);
  } catch {
    return location;
  }
  const { kratos, kratosBasePath } = options;
  if (target.origin !== kratos.origin || target.username || target.password) return location;
  const path = target.pathname;
  if (path !== kratosBasePath && !path.startsWith(`${kratosBasePath}/`)) return location;
  const rest = path.slice(kratosBasePath.length) || '/';
  return `${client.origin}${options.prefix}${rest}${target.search}${target.hash}`;
}

/**
 * A `Set-Cookie` of Kratos for the app's host: `Domain` removed (a host-only cookie) or replaced by
 * `cookieDomain`; `Secure` kept only when the client's side is https, and added then.
 */
export function rewriteSetCookie(cookie: string, client: ClientSide, options: ResolvedProxyOptions): string {
  const [pair, ...attributes] = cookie.split(';');
  const kept = attributes
    .map((attribute) => attribute.trim())
    .filter((attribute) => attribute !== '' && !/^(?:domain|secure)(?:\s*=|$)/i.test(attribute));
  if (options.cookieDomain !== undefined) kept.push(`Domain=${options.cookieDomain}`);
  if (client.scheme === 'https') kept.push('Secure');
  return [pair.trim(), ...kept].join('; ');
}

/** Kratos's answer headers for the client: hop-by-hop ones dropped, `Location` and `Set-Cookie` rewritten. */
export function clientResponseHeaders(
  headers: IncomingHttpHeaders,
  upstreamUrl: URL,
  client: ClientSide,
  options: ResolvedProxyOptions,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const connection = String(headers['connection'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connection.includes(name)) continue;
    if (name === 'location' && typeof value === 'string') {
      out[name] = rewriteLocation(value, upstreamUrl, client, options);
    } else if (name === 'set-cookie' && Array.isArray(value)) {
      out[name] = value.map((cookie) => rewriteSetCookie(cookie, client, options));
    } else {
      out[name] = value;
    }
  }
  return out;
}
