import type { ResolvedProxyOptions } from './proxy-options';

/** The methods Kratos's public API answers; CONNECT and TRACE never reach it. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * A path the proxy forwards is plain: only the characters of a path segment (RFC 3986), no empty segment (`//`),
 * no dot segment, no backslash; a percent escape only of a character that needs one, never of a dot, a slash, a
 * backslash, a control character or a non-ASCII byte, which another server could decode into one of those.
 */
const PATH_CHARACTERS =
  /^(?:\/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%(?:2[0-9ABCDF]|[3-7][0-9A-F])(?<!%2[EF]|%5C|%7F))+)+\/?$/i;
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:\/|$)/i;
/** A query is data for Kratos (an encoded `return_to`, say): any visible ASCII but `#`. */
const QUERY_CHARACTERS = /^[\x21\x22\x24-\x7e]*$/;

/**
 * The path and query to ask Kratos for, relative to its base URL, when the request may go to Kratos; otherwise
 * undefined. Only origin-form targets (`/…`, RFC 9112 §3.2.1) under the prefix, with a plain path that is on the
 * allow-list: absolute-form (`http://host/…`), authority-form and `*` are refused, and so is a path that a server
 * behind the proxy could read differently (`/.ory/../admin`, `%2e%2e`, `//`, backslashes).
 */
export function upstreamTarget(method: string | undefined, target: string, options: ResolvedProxyOptions) {
  if (!method || !METHODS.has(method)) return undefined;
  if (!target.startsWith('/')) return undefined;
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt);
  if (!PATH_CHARACTERS.test(path) || DOT_SEGMENT.test(path) || !QUERY_CHARACTERS.test(query.slice(1))) return undefined;
  if (!path.startsWith(`${options.prefix}/`)) return undefined;
  const rest = path.slice(options.prefix.length);
  const allowed = options.paths.some((entry) => (entry.endsWith('/') ? rest.startsWith(entry) : rest === entry));
  return allowed ? `${options.kratosBasePath}${rest}${query}` : undefined;
}
