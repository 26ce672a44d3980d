/*
 * Kratos's anti-CSRF middleware (ory/nosurf around its public router, x/nosurf.go): every request on a path it does
 * not ignore gets the CSRF cookie when it has none, a malformed one or several; a request with an unsafe method on
 * such a path must carry the token (X-CSRF-Token header or a form's csrf_token) or gets the 403 CSRF error, whatever
 * route it was meant for. The ignored paths are the api and submit endpoints of each flow, whoami and the session
 * routes (`CSRFHandler().IgnorePath` in each handler).
 */
import { Ctx, Emulator } from './context';
import { errors, GenericError } from './errors';
import { readBody } from './http';

const IGNORED = new Set([
  '/self-service/settings',
  '/self-service/settings/api',
  '/self-service/login',
  '/self-service/login/api',
  '/self-service/registration',
  '/self-service/registration/api',
  '/self-service/recovery',
  '/self-service/recovery/api',
  '/self-service/verification',
  '/self-service/verification/api',
  '/self-service/logout/api',
  '/sessions/whoami',
  '/sessions',
]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export function ignoredByNosurf(path: string): boolean {
  return IGNORED.has(path) || path.startsWith('/sessions/');
}

/** The values of every cookie with this name (a browser may send several). */
function cookieValues(ctx: Ctx, name: string): string[] {
  return (ctx.req.headers.cookie ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
}

/** Runs the middleware for the request: the CSRF error to answer, or undefined to go on to the route. */
export async function nosurf(em: Emulator, ctx: Ctx, path: string): Promise<GenericError | undefined> {
  if (ignoredByNosurf(path)) return undefined;
  const tokens = cookieValues(ctx, em.csrfCookieName);
  // nosurf decodes the cookie as standard base64 and wants 32 bytes; otherwise, or with several, a new one.
  const valid =
    tokens.length === 1 && Buffer.from(tokens[0], 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(tokens[0]);
  if (!valid) em.regenerateCsrfToken(ctx);
  if (SAFE_METHODS.has(ctx.req.method ?? '')) return undefined;
  let sent = ctx.req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || sent === '') {
    const type = (ctx.req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const raw = type === 'application/x-www-form-urlencoded' ? await readBody(ctx.req) : undefined;
    sent = raw && raw !== 'too_large' ? (new URLSearchParams(raw.toString('utf8')).get('csrf_token') ?? '') : '';
  }
  return valid && sent === tokens[0] ? undefined : errors.csrf();
}
