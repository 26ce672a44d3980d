import {
  AngularNodeAppEngine,
  createNodeRequestHandler,
  isMainModule,
  writeResponseToNodeResponse,
} from '@angular/ssr/node';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKratosProxy } from 'ngx-kratos/ssr';

/*
 * The SSR demo's server on plain node:http: Kratos's public routes under /.ory through ngx-kratos/ssr's proxy (so
 * the browser, the server render and Kratos's own redirects share the app's origin), the browser build's static
 * files, and every other request rendered by Angular. `KRATOS_URL` is where the proxy and the renders reach Kratos.
 */
const browserDist = resolve(dirname(fileURLToPath(import.meta.url)), '../browser');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};
const kratosUrl = process.env['KRATOS_URL'] ?? 'http://127.0.0.1:4433';
const proxy = createKratosProxy({ kratosUrl, prefix: '/.ory' });
const host = process.env['HOST'] ?? '127.0.0.1';
// Angular renders only for the hosts it is told (a forged Host header must not shape the page's URLs).
const engine = new AngularNodeAppEngine({ allowedHosts: (process.env['ALLOWED_HOSTS'] ?? host).split(',') });

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (pathname === '/.ory' || pathname.startsWith('/.ory/')) return proxy(req, res);
  const file = staticFile(pathname);
  if (file === 'malformed') {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
    return;
  }
  if (file && existsSync(file) && statSync(file).isFile()) {
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
    return;
  }
  const response = await engine.handle(req);
  if (response) return writeResponseToNodeResponse(response, res);
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
}

/**
 * The browser build's file for `pathname`: only inside `browserDist` (a decoded `..%2f` that climbs out, or into a
 * sibling folder whose name starts the same, is no file of it), `'malformed'` for a path that does not decode.
 */
function staticFile(pathname: string): string | 'malformed' | undefined {
  if (pathname === '/') return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'malformed';
  }
  const file = join(browserDist, decoded);
  return file.startsWith(browserDist + sep) ? file : undefined;
}

const listener = (req: IncomingMessage, res: ServerResponse) =>
  void handle(req, res).catch(() => {
    // Never a stack trace to the browser.
    if (!res.headersSent) res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' });
    res.end('The page could not be rendered; try again.');
  });

if (isMainModule(import.meta.url)) {
  const port = Number(process.env['PORT'] ?? 4000);
  createServer(listener).listen(port, host, () => console.log(`ngx-kratos SSR demo: http://${host}:${port}/`));
}

/** For the Angular CLI's dev server and the tests. */
export const reqHandler = createNodeRequestHandler(listener);
