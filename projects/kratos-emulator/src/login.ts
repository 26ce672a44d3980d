/*
 * Login, as much of it as the settings flow needs: browser and api flows with password and TOTP, `refresh=true`
 * (re-authentication for a privileged change) and `aal=aal2` (step-up). Simplified where noted in the README.
 */
import { randomBytes } from 'node:crypto';
import { apiFlowRefusal } from './api-flows';
import { sendFlowExpired, toErrorUi, UUID, withQuery } from './browser';
import { Ctx, Emulator } from './context';
import { errors, genericError, sendError } from './errors';
import { parseBody, readBody, redirect, sendJson } from './http';
import { LoginFlowRecord, Node, SessionRecord } from './model';
import { acceptsJson, isJsonRequest } from './negotiation';
import { verifyTotp } from './totp';
import { csrfNode, info, input, messages, submit } from './ui';

function defaultReturn(em: Emulator): string {
  return `${new URL(em.config.settingsUi).origin}/`;
}

function loginNodes(em: Emulator, flow: LoginFlowRecord): Node[] {
  if (flow.requestedAal === 'aal2') {
    return [
      csrfNode(flow.csrfToken),
      input(
        'totp',
        'totp_code',
        'text',
        { required: true, autocomplete: 'one-time-code' },
        info(1010006, 'Authentication code'),
      ),
      submit('totp', 'method', 'totp', info(1010009, 'Use Authenticator')),
    ];
  }
  const session = flow.sessionId ? em.state.sessions.get(flow.sessionId) : undefined;
  // A refresh asks for the password of the session's own identity, whose identifier is a hidden field (Kratos
  // v1.3.1's password strategy, PopulateLoginMethodFirstFactorRefresh).
  const identifierNode =
    flow.refresh && session
      ? input('default', 'identifier', 'hidden', { value: em.identity(session).traits.email })
      : input(
          'default',
          'identifier',
          'text',
          { value: flow.identifier ?? '', required: true, autocomplete: 'username' },
          info(1070002, 'E-Mail', { title: 'E-Mail' }),
        );
  return [
    csrfNode(flow.csrfToken),
    identifierNode,
    input(
      'password',
      'password',
      'password',
      { required: true, autocomplete: 'current-password' },
      info(1070001, 'Password'),
    ),
    // "Sign in" for a refresh, "Sign in with password" for a first login (v1.3.1's password strategy).
    submit(
      'password',
      'method',
      'password',
      flow.refresh && session ? info(1010001, 'Sign in') : info(1010022, 'Sign in with password'),
    ),
  ];
}

export function loginFlowJson(em: Emulator, flow: LoginFlowRecord): Record<string, unknown> {
  const uiMessages = [
    ...(flow.requestedAal === 'aal2' ? [messages.secondFactor()] : flow.refresh ? [messages.reauthenticate()] : []),
    ...flow.messages,
  ];
  return {
    id: flow.id,
    type: flow.type,
    expires_at: flow.expiresAt.toISOString(),
    issued_at: flow.issuedAt.toISOString(),
    request_url: flow.requestUrl,
    ...(flow.returnTo ? { return_to: flow.returnTo } : {}),
    ui: {
      action: em.url(`/self-service/login?flow=${flow.id}`),
      method: 'POST',
      nodes: loginNodes(em, flow),
      ...(uiMessages.length ? { messages: uiMessages } : {}),
    },
    created_at: flow.issuedAt.toISOString(),
    updated_at: flow.issuedAt.toISOString(),
    refresh: flow.refresh,
    requested_aal: flow.requestedAal,
    state: 'choose_method',
    organization_id: null,
  };
}

/** `GET /self-service/login/browser` and `/api`. */
export function createLoginFlow(em: Emulator, ctx: Ctx, type: 'browser' | 'api'): void {
  const json = type === 'api' || isJsonRequest(ctx.req);
  const refresh = ctx.url.searchParams.get('refresh') === 'true';
  const aal = ctx.url.searchParams.get('aal') === 'aal2' ? 'aal2' : 'aal1';
  const returnTo = ctx.url.searchParams.get('return_to') || undefined;
  const fail = (error: ReturnType<typeof genericError>) =>
    json ? sendError(ctx.res, error) : toErrorUi(em, ctx, error);
  const { session } = em.session(ctx);

  if (aal === 'aal2') {
    if (!session) {
      return fail(
        genericError(401, 'The request could not be authorized', {
          id: 'session_aal1_required',
          reason: 'You have to sign in with a first factor before you can use a second factor.',
        }),
      );
    }
    if (session.aal === 'aal2' || em.state.availableAal(em.identity(session)) === 'aal1') {
      if (!json) return redirect(ctx.res, 303, returnTo ?? defaultReturn(em));
      return fail(
        genericError(400, 'The request was malformed or contained invalid parameters', {
          id: 'session_aal_already_fulfilled',
          reason: 'The session already fulfills the requested Authenticator Assurance Level.',
        }),
      );
    }
  } else if (session && !refresh) {
    if (!json) return redirect(ctx.res, 303, returnTo ?? defaultReturn(em));
    return sendError(ctx.res, errors.sessionAlreadyAvailable());
  }
  if (returnTo) {
    const verdict = em.returnToAllowed(returnTo);
    if (verdict !== 'ok')
      return fail(
        verdict === 'forbidden'
          ? errors.returnToForbidden(returnTo)
          : errors.returnToUnparsable(`parse "${returnTo}": invalid URL`),
      );
  }
  const csrf = type === 'browser' ? em.csrfToken(ctx) : randomBytes(32).toString('base64url');
  const flow = em.newLoginFlow(type, em.url(ctx.url.pathname + ctx.url.search), csrf, {
    refresh,
    aal,
    session: refresh || aal === 'aal2' ? session : undefined,
  });
  if (type === 'api' || acceptsJson(ctx.req)) return sendJson(ctx.res, 200, loginFlowJson(em, flow));
  redirect(ctx.res, 303, withQuery(em.config.loginUi, { flow: flow.id }));
}

/** `GET /self-service/login/flows?id=`. */
export function getLoginFlow(em: Emulator, ctx: Ctx): void {
  const id = ctx.url.searchParams.get('id') ?? '';
  const flow = UUID.test(id) ? em.state.loginFlows.get(id.toLowerCase()) : undefined;
  if (!flow) return sendError(ctx.res, errors.notFoundGet());
  if (flow.expiresAt <= em.clock.now()) {
    return sendError(
      ctx.res,
      genericError(
        410,
        'The requested resource is no longer available because it has expired or is otherwise invalid.',
        {
          reason:
            'The login flow has expired. Redirect the user to the login flow init endpoint to initialize a new login flow.',
          details: {
            redirect_to: withQuery(em.url('/self-service/login/browser'), { return_to: flow.returnTo }),
            return_to: flow.returnTo ?? '',
          },
        },
      ),
    );
  }
  sendJson(ctx.res, 200, loginFlowJson(em, flow));
}

/** `POST /self-service/login?flow=`. */
export async function updateLoginFlow(em: Emulator, ctx: Ctx): Promise<void> {
  const raw = await readBody(ctx.req);
  const earlyJson = isJsonRequest(ctx.req);
  const id = ctx.url.searchParams.get('flow') ?? '';
  const flow = UUID.test(id) ? em.state.loginFlows.get(id.toLowerCase()) : undefined;
  if (!flow) {
    const error = UUID.test(id) ? errors.notFound() : errors.flowParamMalformed();
    return earlyJson ? sendError(ctx.res, error) : toErrorUi(em, ctx, error);
  }
  const json = flow.type === 'api' || earlyJson;
  const answerFlow = () =>
    json
      ? sendJson(ctx.res, 400, loginFlowJson(em, flow))
      : redirect(ctx.res, 303, withQuery(em.config.loginUi, { flow: flow.id }));
  if (flow.expiresAt <= em.clock.now()) {
    const replacement = em.newLoginFlow(flow.type, flow.requestUrl, flow.csrfToken, {
      refresh: flow.refresh,
      aal: flow.requestedAal,
      session: flow.sessionId ? em.state.sessions.get(flow.sessionId) : undefined,
    });
    replacement.messages = [messages.loginFlowExpired(flow.expiresAt, em.minutesSince(flow.expiresAt))];
    if (!json) return redirect(ctx.res, 303, withQuery(em.config.loginUi, { flow: replacement.id }));
    return sendFlowExpired(em, ctx, flow.expiresAt, replacement.id);
  }
  const parsed = raw === 'too_large' ? undefined : parseBody(raw, ctx.req.headers['content-type']);
  if (!parsed || !parsed.ok) {
    flow.messages = [messages.generic(parsed?.reason ?? 'The request body is larger than the allowed 1 MiB.')];
    return answerFlow();
  }
  const body = parsed.value;
  flow.messages = [];
  if (flow.type === 'api') {
    const refused = apiFlowRefusal(em, ctx);
    if (refused) {
      flow.messages = [messages.generic(refused)];
      return answerFlow();
    }
  } else {
    const token = typeof body['csrf_token'] === 'string' ? body['csrf_token'] : undefined;
    const cookie = ctx.cookies.get(em.csrfCookieName);
    if (!cookie || token !== cookie) {
      const error = errors.csrf(
        ctx.req.headers['sec-fetch-mode'] === 'cors',
        cookie
          ? 'The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.'
          : 'The HTTP Cookie Header was set but did not include the anti-CSRF cookie.',
      );
      return json ? sendError(ctx.res, error) : toErrorUi(em, ctx, error);
    }
  }

  const existing = flow.sessionId ? em.state.sessions.get(flow.sessionId) : undefined;
  let session: SessionRecord | undefined;
  if (flow.requestedAal === 'aal2') {
    if (body['method'] !== 'totp') {
      flow.messages = [messages.noStrategy()];
      return answerFlow();
    }
    const identity = existing && em.state.isLive(existing) ? em.identity(existing) : undefined;
    if (
      !identity?.totpSecret ||
      typeof body['totp_code'] !== 'string' ||
      !verifyTotp(identity.totpSecret, body['totp_code'], em.clock.now())
    ) {
      flow.messages = [messages.invalidTotp()];
      return answerFlow();
    }
    session = existing!;
    session.aal = 'aal2';
    session.methods.push({ method: 'totp', aal: 'aal2', completed_at: em.clock.now().toISOString() });
  } else {
    if (body['method'] !== 'password') {
      flow.messages = [messages.noStrategy()];
      return answerFlow();
    }
    const identifier = typeof body['identifier'] === 'string' ? body['identifier'] : '';
    flow.identifier = identifier;
    const identity = em.state.identityByEmail(identifier);
    const refreshing = flow.refresh && existing && em.state.isLive(existing);
    if (!identity || identity.password !== body['password'] || (refreshing && existing!.identityId !== identity.id)) {
      flow.messages = [messages.invalidCredentials()];
      return answerFlow();
    }
    if (refreshing) {
      session = existing!;
      session.authenticatedAt = em.clock.now();
      session.methods.push({ method: 'password', aal: 'aal1', completed_at: em.clock.now().toISOString() });
    } else {
      session = em.state.newSession(identity, 'password', 'aal1', em.config.sessionLifespan);
    }
  }
  em.state.loginFlows.delete(flow.id);
  const target = flow.returnTo && em.returnToAllowed(flow.returnTo) === 'ok' ? flow.returnTo : defaultReturn(em);
  if (flow.type === 'api')
    return sendJson(ctx.res, 200, { session_token: session.token, session: em.sessionJson(session) });
  em.setSessionCookie(ctx, session);
  if (!json) return redirect(ctx.res, 303, target);
  sendJson(ctx.res, 200, {
    session: em.sessionJson(session),
    continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: target }],
  });
}
