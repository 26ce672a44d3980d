/* `GET /sessions/whoami` (docs/kratos-protocol.md §2.5), the session routes beside it, and logout (browser and api). */
import { toErrorUi } from './browser';
import { Ctx, Emulator } from './context';
import { errors, genericError, GenericError, sendError } from './errors';
import { parseBody, readBody, redirect, sendJson } from './http';
import { isJsonRequest } from './negotiation';

export function whoami(em: Emulator, ctx: Ctx): void {
  const { session } = em.session(ctx);
  if (!session) return sendError(ctx.res, errors.whoamiUnauthorized());
  // session.whoami.required_aal: highest_available.
  if (session.aal === 'aal1' && em.state.availableAal(em.identity(session)) === 'aal2') {
    const target = em.url('/self-service/login/browser?aal=aal2');
    return sendError(ctx.res, errors.aal2Required(target), { redirect_browser_to: target });
  }
  ctx.res.setHeader('X-Kratos-Authenticated-Identity-Id', session.identityId);
  sendJson(ctx.res, 200, em.sessionJson(session));
}

/**
 * `DELETE /sessions` and `DELETE /sessions/{id}` (the user's own other sessions): only the signed-out answer is
 * emulated; with a session they are not (405).
 */
export function deleteSessions(em: Emulator, ctx: Ctx): void {
  if (!em.session(ctx).session) return sendError(ctx.res, errors.whoamiUnauthorized());
  ctx.res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Method Not Allowed\n');
}

/** Errors of the browser logout endpoints go through Kratos's error manager: JSON, or the error UI. */
function forward(em: Emulator, ctx: Ctx, error: GenericError): void {
  if (isJsonRequest(ctx.req)) sendError(ctx.res, error);
  else toErrorUi(em, ctx, error);
}

/** `GET /self-service/logout/browser`: the URL that ends the browser's session. */
export function createBrowserLogout(em: Emulator, ctx: Ctx): void {
  const { session } = em.session(ctx);
  if (!session) return forward(em, ctx, errors.sessionInactiveBrowserInit());
  const returnTo = ctx.url.searchParams.get('return_to') || undefined;
  if (returnTo && em.returnToAllowed(returnTo) !== 'ok')
    return forward(em, ctx, errors.returnToForbidden(em.returnToShown(returnTo)));
  const url = new URL(em.url('/self-service/logout'));
  url.searchParams.set('token', session.logoutToken);
  if (returnTo) url.searchParams.set('return_to', returnTo);
  sendJson(ctx.res, 200, { logout_url: url.href, logout_token: session.logoutToken });
}

/** `GET /self-service/logout?token=`: ends the session, clears the cookie, issues a new CSRF cookie. */
export function updateBrowserLogout(em: Emulator, ctx: Ctx): void {
  const token = ctx.url.searchParams.get('token') ?? '';
  if (token === '') {
    return forward(
      em,
      ctx,
      genericError(400, 'The request was malformed or contained invalid parameters', {
        reason: 'Please include a token in the URL query.',
      }),
    );
  }
  const { session } = em.session(ctx);
  if (!session) return forward(em, ctx, errors.sessionInactiveBrowserInit());
  if (session.logoutToken !== token) {
    return forward(
      em,
      ctx,
      genericError(403, 'The requested action was forbidden', {
        reason: 'Unable to log out because the logout token in the URL query does not match the session cookie.',
      }),
    );
  }
  session.active = false;
  em.clearSessionCookie(ctx);
  em.regenerateCsrfToken(ctx);
  if (isJsonRequest(ctx.req)) {
    ctx.res.writeHead(204);
    return void ctx.res.end();
  }
  const returnTo = ctx.url.searchParams.get('return_to');
  redirect(
    ctx.res,
    303,
    returnTo && em.returnToAllowed(returnTo) === 'ok' ? returnTo : `${new URL(em.config.loginUi).origin}/`,
  );
}

/**
 * `DELETE /self-service/logout/api` with `{ session_token }`: 204, also for a token already revoked (Kratos finds
 * the session and revokes it again); 403 for a token it does not know.
 */
export async function apiLogout(em: Emulator, ctx: Ctx): Promise<void> {
  const raw = await readBody(ctx.req);
  const body =
    raw === 'too_large'
      ? undefined
      : parseBody(raw, ctx.req.headers['content-type'], { method: 'DELETE', allowed: ['application/json'] });
  if (!body?.ok) {
    return sendError(
      ctx.res,
      genericError(400, 'The request was malformed or contained invalid parameters', {
        reason: body?.reason ?? 'The request body is larger than the allowed 1 MiB.',
      }),
    );
  }
  const token = body.value['session_token'];
  const session = typeof token === 'string' && token !== '' ? em.state.sessionByToken(token) : undefined;
  if (!session) {
    return sendError(
      ctx.res,
      genericError(403, 'The requested action was forbidden', {
        reason: 'The provided Ory Session Token could not be found, is invalid, or otherwise malformed.',
      }),
    );
  }
  session.active = false;
  ctx.res.writeHead(204);
  ctx.res.end();
}

/**
 * `GET /sessions/token-exchange?init_code=&return_to_code=` (docs/kratos-protocol.md §9): the session an OIDC sign-in
 * left in the exchanger of an api flow, as `{ session_token, session }`; not single-use, as in v1.3.1.
 */
export function exchangeSessionToken(em: Emulator, ctx: Ctx): void {
  const init = ctx.url.searchParams.get('init_code') ?? '';
  const code = ctx.url.searchParams.get('return_to_code') ?? '';
  if (init === '' || code === '') {
    return sendError(
      ctx.res,
      genericError(400, 'The request was malformed or contained invalid parameters', {
        reason: '"init_code" and "return_to_code" query params must be set',
      }),
    );
  }
  const exchange = em.state.exchanges.find((e) => e.initCode === init && e.returnToCode === code && e.sessionId);
  const session = exchange?.sessionId ? em.state.sessions.get(exchange.sessionId) : undefined;
  if (!session) {
    return sendError(
      ctx.res,
      genericError(404, 'The requested resource could not be found', { reason: 'no session yet for this "code"' }),
    );
  }
  sendJson(ctx.res, 200, { session_token: session.token, session: em.sessionJson(session) });
}
