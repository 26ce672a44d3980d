/// <reference types="node" />
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { ResolvedProxyOptions } from './proxy-options';

/** What the proxy knows of the request's own side: the app's origin as the client addressed it, and the client. */
export interface ClientSide {
  /** `http` or `https`: the connection's, or a trusted proxy's `X-Forwarded-Proto`. */
  readonly scheme: 'http' | 'https';
  /** The `Host` the client sent (checked: a host name or an IP literal and an optional port). */
  readonly host: string;
  /** `scheme://host`: where the app is, for Kratos's redirects. */
  readonly origin: string;
  /** The value of `X-Forwarded-For` for Kratos: the socket's address, after a trusted proxy's chain. */
  readonly forwardedFor: string;
}

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const FORWARDED_FOR = /^[0-9A-Fa-f.:[\], ]{1,512}$/;

/** The first value of header `name` when the client sent it exactly once, else undefined. */
function single(req: IncomingMessage, name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== name) continue;
    if (found !== undefined) return undefined;
    found = req.rawHeaders[i + 1];
  }
  return found;
}

/**
 * The request's side, or undefined when it cannot be told (no Host, two of them, a malformed one): such a request
 * is refused, since every redirect and cookie the proxy rewrites depends on the host.
 */
export function clientSide(req: IncomingMessage, options: ResolvedProxyOptions): ClientSide | undefined {
  const host = single(req, 'host');
  if (host === undefined || !HOST.test(host)) return undefined;
  const encrypted = (req.socket as Partial<TLSSocket>).encrypted === true;
  let scheme: 'http' | 'https' = encrypted ? 'https' : 'http';
  const address = req.socket.remoteAddress ?? '';
  let forwardedFor = address;
  if (options.trustProxy) {
    // The nearest proxy's word (the last value), as a load balancer appends its own.
    const proto = single(req, 'x-forwarded-proto')?.split(',').pop()?.trim().toLowerCase();
    if (proto === 'https' || proto === 'http') scheme = proto;
    const chain = single(req, 'x-forwarded-for');
    if (chain !== undefined && FORWARDED_FOR.test(chain)) forwardedFor = address ? `${chain}, ${address}` : chain;
  }
  return { scheme, host: host.toLowerCase(), origin: `${scheme}://${host.toLowerCase()}`, forwardedFor };
}
