// A proxy in front of a Kratos, real or emulated, for the test suites: it records what reaches Kratos (to count round
// trips without the emulator's request log), can answer the next requests with a gateway error (to watch retries
// without the emulator's fault control), strips a path prefix as a reverse proxy under `/.ory` does, and aborts its
// upstream request when the client goes away. Kratos serves at `/`; every URL it writes uses its `base_url`.
import { request as httpRequest } from 'node:http';

const RECORDED_HEADERS = ['accept', 'content-type', 'origin', 'sec-fetch-mode', 'x-session-token', 'authorization'];
const SECRET_HEADERS = new Set(['x-session-token', 'authorization']);

/**
 * `createFrontProxy(target, { prefix })` → `{ handle(req, res), requests, clear(), fail(status, count) }`. `handle`
 * serves one request (mount it on any node:http server); `requests` lists `{ method, path, query, headers, status }`
 * with the path as Kratos saw it, secrets masked and cookie names only.
 */
export function createFrontProxy(target, { prefix = '' } = {}) {
  const upstream = new URL(target);
  const requests = [];
  const faults = { status: 503, remaining: 0 };

  function handle(req, res) {
    const url = new URL(req.url, 'http://front');
    const path = url.pathname.slice(prefix.length) || '/';
    const headers = {};
    for (const name of RECORDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = SECRET_HEADERS.has(name) ? '<present>' : value;
    }
    if (req.headers.cookie) {
      headers['cookie-names'] = req.headers.cookie
        .split(';')
        .map((pair) => pair.split('=')[0].trim())
        .filter(Boolean)
        .join(', ');
    }
    const entry = { method: req.method, path, query: Object.fromEntries(url.searchParams), headers };
    requests.push(entry);
    res.once('finish', () => (entry.status = res.statusCode));

    if (faults.remaining > 0 && req.method !== 'OPTIONS') {
      faults.remaining--;
      res.writeHead(faults.status, { 'Content-Type': 'text/html; charset=utf-8' });
      return void res.end(`<html><body><h1>${faults.status}</h1>upstream unavailable</body></html>`);
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: `${upstream.pathname.replace(/\/$/, '')}${path}${url.search}`,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    // A client that aborts (an unsubscribed request) closes its connection: abort upstream too, as a real proxy does.
    res.on('close', () => res.writableFinished || forward.destroy());
    req.pipe(forward);
  }

  return {
    handle,
    requests,
    clear: () => void (requests.length = 0),
    /** The next `count` requests (preflights aside) get `status` with an HTML page, as a gateway answers. */
    fail: (status, count) => Object.assign(faults, { status, remaining: count }),
  };
}
