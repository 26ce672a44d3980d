/// <reference types="node" />
/*
 * Why node:http and not a proxy library: the well-kept ones were weighed (http-proxy-3, http-proxy-middleware).
 * Their current majors need Node 22 (http-proxy-3 2.x: `>=22`; http-proxy-middleware 4.x: `^22.15 || ^24 || >=26`)
 * where this package supports Node 20.19; http-proxy-middleware 3.x sits on http-proxy 1.18, unmaintained since
 * 2020. More to the point, every rule of this proxy would be an override of such a library's defaults: its `xfwd`
 * appends to the client's own X-Forwarded-* (a client's X-Forwarded-Host must never pass), it forwards every request
 * header (this one forwards an allow-list), its Location rewrite takes the host from the request and only for some
 * statuses, its cookie rewrite does not touch `Secure`, and the path checks come before it anyway. What is left for
 * it to do, streaming both ways and passing aborts on, is the few lines below on node:http, each tested; and the
 * package keeps no runtime dependency beyond tslib.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream';
import { clientSide } from './client-side';
import { resolveProxyOptions, type KratosProxyOptions } from './proxy-options';
import { upstreamRequestHeaders } from './request-headers';
import { upstreamTarget } from './request-target';
import { clientResponseHeaders } from './response-headers';

/** A request handler for node:http's `request` event, and Express middleware (`app.use(proxy)`). */
export type KratosProxyHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** Express's request, mounted on a path (`app.use('/.ory', proxy)`), keeps the whole target in `originalUrl`. */
interface MaybeExpressRequest extends IncomingMessage {
  readonly originalUrl?: string;
}

/** The 502 body: small, in Kratos's error envelope (docs/kratos-protocol.md §1.3), no detail of the failure. */
const UNREACHABLE = JSON.stringify({
  error: { code: 502, status: 'Bad Gateway', reason: 'kratos_proxy_unreachable', message: 'Kratos is unreachable' },
});

function answer(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/**
 * A same-origin proxy to Kratos's public API for the app's server: `createKratosProxy({ kratosUrl })` answers
 * `/.ory/self-service/…`, `/.ory/sessions/whoami` and `/.ory/.well-known/ory/…` from Kratos and refuses every other
 * request (`next()` when given, else a 404), so that browsers talk to Kratos on the app's own origin
 * (`baseUrl: '/.ory'`). It never follows a redirect; it rewrites Kratos's `Location` and `Set-Cookie` for the app's origin,
 * streams bodies both ways, passes aborts on in both directions and answers 502 when Kratos cannot be reached.
 * Mount it before any body parser. Node only.
 */
export function createKratosProxy(options: KratosProxyOptions): KratosProxyHandler {
  const resolved = resolveProxyOptions(options);
  const send = resolved.kratos.protocol === 'https:' ? httpsRequest : httpRequest;

  return (req, res, next) => {
    const target = (req as MaybeExpressRequest).originalUrl ?? req.url ?? '';
    const path = upstreamTarget(req.method, target, resolved);
    if (path === undefined) {
      if (next) return next();
      return answer(res, 404, 'text/plain; charset=utf-8', 'Not Found');
    }
    // A body parser mounted before the proxy has read the body: forwarding its length without it would hang Kratos.
    if (req.readableEnded) return answer(res, 500, 'text/plain; charset=utf-8', 'Request body already read');
    const client = clientSide(req, resolved);
    if (client === undefined) return answer(res, 400, 'text/plain; charset=utf-8', 'Bad Request');

    const upstreamUrl = new URL(path, resolved.kratos.origin);
    const upstream = send(upstreamUrl, {
      method: req.method,
      headers: upstreamRequestHeaders(req, client, resolved.kratos.host),
    });
    upstream.on('response', (reply) => {
      res.writeHead(reply.statusCode ?? 502, clientResponseHeaders(reply.headers, upstreamUrl, client, resolved));
      // An error on either side (the client gone, Kratos's connection cut) destroys both.
      pipeline(reply, res, () => undefined);
    });
    upstream.on('error', () => answer(res, 502, 'application/json', UNREACHABLE));
    // The client went away before the answer was complete: Kratos's request goes too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  };
}
