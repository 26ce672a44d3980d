/* `GET /sessions/whoami` (protocol §2.5) and logout (browser and api). */
import { randomBytes } from 'node:crypto';
import { toErrorUi } from './browser';
import { Ctx, Emulator } from './context';
import { errors, genericError, sendError } from './errors';
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

/** `GET /self-service/logout/browser`: the URL that ends the browser's session. */
export function createBrowserLogout(em: Emulator, ctx: Ctx): void {
  const { session } = em.session(ctx);
  if (!session) return sendError(ctx.res, errors.unauthorizedNoId());
  const returnTo = ctx.url.searchParams.get('return_to') || undefined;
  if (returnTo && em.returnToAllowed(returnTo) !== 'ok') return sendError(ctx.res, errors.returnToForbidden(returnTo));
  const token = randomBytes(24).toString('base64url');
  em.state.logoutTokens.set(token, session.id);
  const url = new URL(em.url('/self-service/logout'));
  url.searchParams.set('token', token);
  if (returnTo) url.searchParams.set('return_to', returnTo);
  sendJson(ctx.res, 200, { logout_url: url.href, logout_token: token });
}

/** `GET /self-service/logout?token=`: ends the session, clears the cookie. */
export function updateBrowserLogout(em: Emulator, ctx: Ctx): void {
  const token = ctx.url.searchParams.get('token') ?? '';
  const sessionId = em.state.logoutTokens.get(token);
  if (!sessionId) {
    const error = genericError(401, 'The request could not be authorized', { reason: 'Unable to find logout token.' });
    return isJsonRequest(ctx.req) ? sendError(ctx.res, error) : toErrorUi(em, ctx, error);
  }
  em.state.logoutTokens.delete(token);
  const session = em.state.sessions.get(sessionId);
  if (session) session.active = false;
  em.clearSessionCookie(ctx);
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

/** `DELETE /self-service/logout/api` with `{ session_token }`. */
export async function apiLogout(em: Emulator, ctx: Ctx): Promise<void> {
  const raw = await readBody(ctx.req);
  const body = raw === 'too_large' ? undefined : parseBody(raw, ctx.req.headers['content-type']);
  const token = body?.ok ? body.value['session_token'] : undefined;
  if (typeof token !== 'string' || token === '') {
    return sendError(
      ctx.res,
      genericError(400, 'The request was malformed or contained invalid parameters', {
        reason: 'The session_token is missing.',
      }),
    );
  }
  const session = em.state.sessionByToken(token);
  if (!session || !session.active) {
    return sendError(
      ctx.res,
      genericError(403, 'The requested action was forbidden', {
        reason: 'The provided Ory Session Token could not be found or is invalid.',
      }),
    );
  }
  session.active = false;
  ctx.res.writeHead(204);
  ctx.res.end();
}
