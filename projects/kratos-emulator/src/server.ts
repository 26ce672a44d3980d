/* The HTTP server: logging, CORS, routing, and the promise that a client's mistake never becomes a 500. */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Clock } from './clock';
import { EmulatorOptions, resolveConfig } from './config';
import { Ctx, Emulator } from './context';
import { errors, genericError, sendError } from './errors';
import {
  flowError,
  placeholderUi,
  testControls,
  Traffic,
  WEBAUTHN_INTEGRITY,
  WEBAUTHN_SCRIPT,
  webauthnScript,
} from './extras';
import { createLoginFlow, getLoginFlow, updateLoginFlow } from './login';
import { handleAdmin, importIdentity } from './admin';
import { readFileSync } from 'node:fs';
import { oidcCallback, providerAuthorize } from './oidc';
import {
  createBrowserRegistrationFlow,
  createNativeRegistrationFlow,
  getRegistrationFlow,
  updateRegistrationFlow,
} from './registration';
import {
  apiLogout,
  createBrowserLogout,
  deleteSessions,
  exchangeSessionToken,
  updateBrowserLogout,
  whoami,
} from './session';
import { createBrowserRecoveryFlow, createNativeRecoveryFlow, getRecoveryFlow, updateRecoveryFlow } from './recovery';
import {
  createBrowserVerificationFlow,
  createNativeVerificationFlow,
  getVerificationFlow,
  updateVerificationFlow,
} from './verification';
import { createBrowserFlow, createNativeFlow, getFlow, updateFlow } from './settings/handler';
import { nosurf } from './nosurf';
import { LoggedRequest, State } from './state';

type Handler = (em: Emulator, ctx: Ctx) => void | Promise<void>;

const healthy: Handler = (_em, ctx) =>
  void ctx.res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"status":"ok"}');

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/self-service/settings/browser': { GET: createBrowserFlow },
  '/self-service/settings/api': { GET: createNativeFlow },
  '/self-service/settings/flows': { GET: getFlow },
  // Kratos registers the submit for GET too (to resume a submission parked in the continuity cookie, which the
  // emulator does not park): the query is then the form.
  '/self-service/settings': { POST: updateFlow, GET: updateFlow },
  '/self-service/login/browser': { GET: (em, ctx) => createLoginFlow(em, ctx, 'browser') },
  '/self-service/login/api': { GET: (em, ctx) => createLoginFlow(em, ctx, 'api') },
  '/self-service/login/flows': { GET: getLoginFlow },
  '/self-service/login': { POST: updateLoginFlow, GET: updateLoginFlow },
  '/self-service/registration/browser': { GET: createBrowserRegistrationFlow },
  '/self-service/registration/api': { GET: createNativeRegistrationFlow },
  '/self-service/registration/flows': { GET: getRegistrationFlow },
  '/self-service/registration': { POST: updateRegistrationFlow, GET: updateRegistrationFlow },
  '/self-service/recovery/browser': { GET: createBrowserRecoveryFlow },
  '/self-service/recovery/api': { GET: createNativeRecoveryFlow },
  '/self-service/recovery/flows': { GET: getRecoveryFlow },
  '/self-service/recovery': { POST: updateRecoveryFlow, GET: updateRecoveryFlow },
  '/self-service/verification/browser': { GET: createBrowserVerificationFlow },
  '/self-service/verification/api': { GET: createNativeVerificationFlow },
  '/self-service/verification/flows': { GET: getVerificationFlow },
  '/self-service/verification': { POST: updateVerificationFlow, GET: updateVerificationFlow },
  '/sessions/token-exchange': { GET: exchangeSessionToken },
  // Kratos answers whoami for these methods (session/handler.go), and DELETE on the collection and its members.
  '/sessions/whoami': {
    ...Object.fromEntries(
      ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'CONNECT', 'OPTIONS', 'TRACE'].map((m) => [m, whoami]),
    ),
    DELETE: deleteSessions, // `DELETE /sessions/{id}` with the id "whoami"
  },
  '/sessions': { DELETE: deleteSessions },
  '/self-service/logout/browser': { GET: createBrowserLogout },
  '/self-service/logout': { GET: updateBrowserLogout },
  '/self-service/logout/api': { DELETE: apiLogout },
  '/self-service/errors': { GET: flowError },
  '/.well-known/ory/webauthn.js': { GET: (_em, ctx) => webauthnScript(ctx) },
  '/oidc-provider/authorize': { GET: providerAuthorize },
  '/health/alive': { GET: healthy },
  '/health/ready': { GET: healthy },
};

const LOGGED_HEADERS = ['accept', 'content-type', 'origin', 'sec-fetch-mode', 'x-session-token', 'authorization'];

export interface RunningEmulator {
  /** The URL the emulator listens on (`http://127.0.0.1:<port>`). */
  url: string;
  /** The admin API's URL (`http://127.0.0.1:<admin port>`), always on loopback. */
  adminUrl: string;
  /** The public URL it presents to browsers. */
  publicUrl: string;
  close(): Promise<void>;
}

/** Starts an emulator; `port: 0` picks a free port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = seedEntries(options);
  const host = options.host ?? '127.0.0.1';
  // The emulator needs the port it got, so it is created after `listen`; requests before that get a 503.
  const ready: { emulator?: Emulator } = {};
  const traffic: Traffic = { open: 0, served: 0, latencyMs: 0, faults: { status: 503, remaining: 0 } };
  const server: Server = createServer((req, res) => {
    track(traffic, res);
    const emulator = ready.emulator;
    if (!emulator) return void res.writeHead(503).end();
    handle(emulator, traffic, req, res).catch((error: unknown) => {
      if (req.socket.destroyed || (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
        return void res.destroy(); // the client went away mid-request: nothing to answer
      }
      // A bug of the emulator, never a client's mistake: say so plainly.
      console.error('kratos-emulator: internal error', error);
      if (!res.headersSent)
        sendError(res, genericError(500, 'An internal server error occurred, please contact the system administrator'));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4433, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  // The admin API has no authentication, so it never leaves loopback (a public host of 0.0.0.0 keeps it on 127.0.0.1).
  const adminHost = host === '::1' || /^127\./.test(host) || host === 'localhost' ? host : '127.0.0.1';
  const admin: Server = createServer((req, res) => {
    const emulator = ready.emulator;
    if (!emulator) return void res.writeHead(503).end();
    handleAdmin(emulator, adminUrl, req, res).catch((error: unknown) => {
      console.error('kratos-emulator: internal error (admin)', error);
      if (!res.headersSent) sendError(res, genericError(500, 'An internal server error occurred'));
      else res.end();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      admin.once('error', reject);
      admin.listen(options.adminPort ?? (options.port === 0 ? 0 : 4434), adminHost, () => resolve());
    });
  } catch (error) {
    server.closeAllConnections();
    server.close();
    throw error;
  }
  const adminPort = (admin.address() as AddressInfo).port;
  const adminUrl = `http://${adminHost.includes(':') ? `[${adminHost}]` : adminHost}:${adminPort}`;
  const config = resolveConfig(options, url);
  const clock = new Clock();
  const emulator = new Emulator(config, new State(clock), { body: WEBAUTHN_SCRIPT, integrity: WEBAUTHN_INTEGRITY });
  const stop = (which: Server) =>
    new Promise<void>((resolve) => {
      which.closeAllConnections();
      which.close(() => resolve());
    });
  const importSeed = () =>
    seed.forEach(({ body, where }) => {
      const result = importIdentity(emulator, body);
      if ('code' in result) throw new Error(`${where}: ${result.message}${result.reason ? ` (${result.reason})` : ''}`);
    });
  try {
    importSeed();
  } catch (error) {
    await Promise.all([stop(server), stop(admin)]);
    throw error;
  }
  emulator.state.onSeed = importSeed;
  ready.emulator = emulator;
  return {
    url,
    adminUrl,
    publicUrl: config.publicUrl,
    close: async () => {
      await Promise.all([stop(server), stop(admin)]);
    },
  };
}

/** `seed` and then `seedFile`'s entries, each with where it came from (for errors); throws for a file it cannot use. */
function seedEntries(options: EmulatorOptions): { body: Record<string, unknown>; where: string }[] {
  const entries: { body: unknown; where: string }[] = (options.seed ?? []).map((body, i) => ({
    body,
    where: `seed[${i}]`,
  }));
  if (options.seedFile !== undefined) {
    let list: unknown;
    try {
      list = JSON.parse(readFileSync(options.seedFile, 'utf8'));
    } catch (error) {
      throw new Error(`seed file ${options.seedFile}: ${(error as Error).message}`);
    }
    if (!Array.isArray(list))
      throw new Error(
        `seed file ${options.seedFile}: expected an array of identities (admin POST /admin/identities bodies)`,
      );
    list.forEach((body, i) => entries.push({ body, where: `seed file ${options.seedFile}, entry ${i}` }));
  }
  return entries.map(({ body, where }) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`${where}: not an object`);
    return { body: body as Record<string, unknown>, where };
  });
}

/** Responses to test-control requests, which `served` leaves out. */
const CONTROLS = new WeakSet<ServerResponse>();

/**
 * Counts the request as open from its arrival until its response finishes or its connection closes first (the
 * client gave up); whichever comes first ends it, once. Test-control requests are not counted as served.
 */
function track(traffic: Traffic, res: ServerResponse): void {
  traffic.open++;
  let settled = false;
  const settle = () => {
    if (settled) return;
    settled = true;
    traffic.open--;
  };
  res.once('finish', () => {
    if (!CONTROLS.has(res)) traffic.served++;
    settle();
  });
  res.once('close', settle);
}

/**
 * The test controls' artificial latency: true once it has passed, false if the client went away meanwhile (the
 * timer is cleared then, so an abandoned request holds nothing).
 */
function delayed(ms: number, res: ServerResponse): Promise<boolean> {
  if (res.destroyed || res.socket?.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const gone = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', gone);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', gone);
  });
}

async function handle(em: Emulator, traffic: Traffic, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let ctx: Ctx;
  let path: string;
  try {
    ctx = em.context(req, res);
    // The router matches the decoded path (Go's URL.Path): `/self-service/settings%2Fbrowser` is the settings init.
    path = decodeURIComponent(ctx.url.pathname);
  } catch {
    // Go's server refuses such a request line before Kratos sees it.
    return void res
      .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
      .end('400 Bad Request');
  }
  if (path.startsWith('/__emulator/')) CONTROLS.add(res);
  else {
    const headers: Record<string, string> = {};
    for (const name of LOGGED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string')
        headers[name] = name === 'x-session-token' || name === 'authorization' ? '<present>' : value;
    }
    if (req.headers.cookie) headers['cookie-names'] = [...ctx.cookies.keys()].join(', ');
    const entry: LoggedRequest = {
      at: em.clock.now().toISOString(),
      method: req.method ?? '',
      path,
      query: Object.fromEntries(ctx.url.searchParams),
      headers,
    };
    em.state.requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    // A request the client aborts while delayed is not handled at all.
    if (traffic.latencyMs > 0 && !(await delayed(traffic.latencyMs, res))) return;
  }
  if (cors(em, req, res)) return;
  if (!path.startsWith('/__emulator/') && traffic.faults.remaining > 0) {
    // A gateway's answer while Kratos restarts: an HTML page, not Kratos's JSON (test controls only). After CORS, so
    // that preflights do not use up the count and a browser can read the status.
    traffic.faults.remaining--;
    res.writeHead(traffic.faults.status, { 'Content-Type': 'text/html; charset=utf-8' });
    return void res.end(`<html><body><h1>${traffic.faults.status}</h1>upstream unavailable</body></html>`);
  }

  if (path.startsWith('/__emulator/')) {
    if (!em.config.testControls) return sendError(res, errors.notFound());
    return testControls(em, ctx, path, traffic);
  }
  const emulatorOwn = /^\/(ui|oidc-provider)\//.test(path) || path.startsWith('/health/');
  if (!emulatorOwn) {
    // nosurf's middleware: `Vary: Cookie` on everything it sees, ignored paths included.
    addVary(res, 'Cookie');
    const refused = await nosurf(em, ctx, path);
    if (refused) return sendError(res, refused);
  }
  const callback = /^\/self-service\/methods\/oidc\/callback\/([^/]+)$/.exec(path);
  if (callback && req.method === 'GET') return (noCache(res), oidcCallback(em, ctx, callback[1]));
  if (callback && req.method === 'OPTIONS') return void res.writeHead(200, { Allow: 'GET, POST, OPTIONS' }).end();
  const ui = /^\/ui\/(settings|login|registration|error|verification|recovery)$/.exec(path);
  if (ui && req.method === 'GET') return placeholderUi(ctx, ui[1]);

  // `/sessions/{id}`: Kratos's route for revoking one of the user's sessions.
  const route = ROUTES[path] ?? (/^\/sessions\/[^/]+$/.test(path) ? ROUTES['/sessions'] : undefined);
  // httprouter's own answers, in plain text: 404 for an unknown path, 405 with Allow for a known one, and a bare
  // 200 with Allow for OPTIONS on a known one (a CORS preflight was answered above).
  if (!route)
    return void res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
  const handler = route[req.method ?? ''];
  if (!handler) {
    res.setHeader('Allow', [...Object.keys(route), 'OPTIONS'].join(', '));
    if (req.method === 'OPTIONS') return void res.writeHead(200).end();
    return void res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Method Not Allowed\n');
  }
  // Health checks are served beside the router, without its header.
  if (!path.startsWith('/health/')) noCache(res);
  await handler(em, ctx);
}

/** Kratos's router adds this to every routed answer (x/nocache.go); httprouter's own 404 and 405 go without. */
function noCache(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'private, no-cache, no-store, must-revalidate');
}

/**
 * CORS as Kratos does it when enabled (docs/kratos-protocol.md §1.6), with rs/cors's rules: `Vary: Origin` on every
 * answer; a preflight answered here with 204, echoing the requested method and headers when the origin, method and
 * headers are allowed, and with only its `Vary` otherwise; credentials allowed; `Content-Type` exposed.
 */
function cors(em: Emulator, req: IncomingMessage, res: ServerResponse): boolean {
  if (em.config.allowedOrigins.length === 0) return false;
  const origin = req.headers.origin;
  const allowed = origin !== undefined && em.config.allowedOrigins.includes(origin);
  const requestedMethod = req.headers['access-control-request-method'];
  if (req.method === 'OPTIONS' && typeof requestedMethod === 'string' && requestedMethod !== '') {
    addVary(res, 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    const requestedHeaders = req.headers['access-control-request-headers'];
    const headersAllowed = (requestedHeaders ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .every((name) => name === '' || CORS_ALLOWED_HEADERS.includes(name));
    if (allowed && CORS_ALLOWED_METHODS.includes(requestedMethod.toUpperCase()) && headersAllowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', requestedMethod);
      if (requestedHeaders) res.setHeader('Access-Control-Allow-Headers', requestedHeaders);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    res.writeHead(204);
    res.end();
    return true;
  }
  addVary(res, 'Origin');
  if (allowed && CORS_ALLOWED_METHODS.includes(req.method ?? '')) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'Content-Type');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  return false;
}

/** Kratos's CORS defaults (embedx/config.schema.json), lowercased for comparison. */
const CORS_ALLOWED_METHODS = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'];
const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'max-age',
  'x-session-token',
  'x-xsrf-token',
  'x-csrf-token',
];

/** Adds to `Vary` as Go's `Header.Add` does: one more header line. */
function addVary(res: ServerResponse, value: string): void {
  const current = res.getHeader('Vary');
  res.setHeader(
    'Vary',
    current === undefined ? [value] : [...(Array.isArray(current) ? current : [String(current)]), value],
  );
}
