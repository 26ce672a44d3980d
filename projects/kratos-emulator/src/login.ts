/*
 * Login, as much of it as the settings flow needs: browser and api flows with password and TOTP, `refresh=true`
 * (re-authentication for a privileged change) and `aal=aal2` (step-up), with Kratos v1.3.1's rules
 * (selfservice/flow/login/handler.go NewLoginFlow, hook.go PostLoginHook). Simplified where noted in the README.
 */
import { apiFlowRefusal } from './api-flows';
import { goUrlParseError, sendFlowExpired, toErrorUi, UUID, withQuery } from './browser';
import { Ctx, Emulator } from './context';
import { errors, genericError, sendError } from './errors';
import { readSubmission, redirect, sendJson } from './http';
import { IdentityRecord, LoginFlowRecord, Node, SessionRecord } from './model';
import { acceptsJson, isJsonRequest } from './negotiation';
import { verifyTotp } from './totp';
import { csrfNode, info, input, messages, submit } from './ui';
import { randomBytes } from 'node:crypto';

function defaultReturn(em: Emulator): string {
  return `${new URL(em.config.settingsUi).origin}/`;
}

function loginNodes(em: Emulator, flow: LoginFlowRecord): Node[] {
  const session = flow.sessionId ? em.state.sessions.get(flow.sessionId) : undefined;
  if (flow.requestedAal === 'aal2') {
    // The second factors the identity has (here TOTP); none at all leaves only the CSRF token, as in Kratos.
    const identity = session ? em.identity(session) : undefined;
    return [
      csrfNode(flow.csrfToken),
      ...(identity?.totpSecret
        ? [
            input(
              'totp',
              'totp_code',
              'text',
              { required: true, autocomplete: 'one-time-code' },
              info(1010006, 'Authentication code'),
            ),
            submit('totp', 'method', 'totp', info(1010009, 'Use Authenticator')),
          ]
        : []),
    ];
  }
  const refreshing = flow.refresh && session;
  // A refresh asks for the password of the session's own identity, whose identifier is a hidden field (Kratos
  // v1.3.1's password strategy, PopulateLoginMethodFirstFactorRefresh).
  const identifierNode = refreshing
    ? input('default', 'identifier', 'hidden', { value: em.identity(session).traits.email })
    : input(
        'default',
        'identifier',
        'text',
        // Kratos's passkey strategy asks browsers for passkey autofill too; api flows get no autocomplete.
        {
          value: flow.identifier ?? '',
          required: true,
          ...(flow.type === 'browser' ? { autocomplete: 'username webauthn' } : {}),
        },
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
      refreshing ? info(1010001, 'Sign in') : info(1010022, 'Sign in with password'),
    ),
  ];
}

export function loginFlowJson(em: Emulator, flow: LoginFlowRecord): Record<string, unknown> {
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
      ...(flow.messages.length ? { messages: flow.messages } : {}),
    },
    created_at: flow.issuedAt.toISOString(),
    updated_at: flow.issuedAt.toISOString(),
    refresh: flow.refresh,
    requested_aal: flow.requestedAal,
    state: 'choose_method',
    organization_id: null,
  };
}

/** Whether whoami (`required_aal: highest_available`) would refuse the session: the identity has a second factor. */
function needsAal2(em: Emulator, session: SessionRecord): boolean {
  return session.aal === 'aal1' && em.state.availableAal(em.identity(session)) === 'aal2';
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

  if (!session) {
    if (aal === 'aal2') return fail(errors.sessionRequiredForHigherAal());
  } else if (!refresh && (aal === 'aal1' || session.aal === 'aal2')) {
    // Signed in already, at the requested AAL or above: there is nothing to log in to.
    if (!json) return redirect(ctx.res, 303, returnTo ?? defaultReturn(em));
    return sendError(ctx.res, errors.sessionAlreadyAvailable());
  }
  if (returnTo) {
    const verdict = em.returnToAllowed(returnTo);
    if (verdict !== 'ok')
      return fail(
        verdict === 'forbidden'
          ? errors.returnToForbidden(em.returnToShown(returnTo))
          : errors.returnToUnparsable(goUrlParseError(returnTo)),
      );
  }
  const csrf = type === 'browser' ? em.csrfToken(ctx) : randomBytes(32).toString('base64url');
  const flow = em.newLoginFlow(type, em.url(ctx.url.pathname + ctx.url.search), csrf, {
    refresh: refresh && !!session,
    aal,
    session: session && (refresh || aal === 'aal2') ? session : undefined,
  });
  flow.messages = [
    ...(flow.refresh ? [messages.reauthenticate()] : []),
    ...(aal === 'aal2' && session && session.aal === 'aal1' ? [messages.secondFactor()] : []),
  ];
  if (type === 'api' || acceptsJson(ctx.req)) return sendJson(ctx.res, 200, loginFlowJson(em, flow));
  redirect(ctx.res, 303, withQuery(em.config.loginUi, { flow: flow.id }));
}

/** `GET /self-service/login/flows?id=`. */
export function getLoginFlow(em: Emulator, ctx: Ctx): void {
  const id = ctx.url.searchParams.get('id') ?? '';
  const flow = UUID.test(id) ? em.state.loginFlows.get(id.toLowerCase()) : undefined;
  if (!flow) return sendError(ctx.res, errors.notFoundGet());
  // A browser flow is shown only to the browser whose anti-CSRF token it carries (login/handler.go getLoginFlow).
  if (flow.type === 'browser' && ctx.cookies.get(em.csrfCookieName) !== flow.csrfToken) {
    return sendError(ctx.res, errors.csrf());
  }
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

/** Checks the credentials of a submit: the session to issue or upgrade, or undefined (the flow has the message). */
function authenticate(
  em: Emulator,
  ctx: Ctx,
  flow: LoginFlowRecord,
  body: Record<string, unknown>,
): SessionRecord | undefined {
  const existing = flow.sessionId ? em.state.sessions.get(flow.sessionId) : undefined;
  const now = em.clock.now().toISOString();
  if (flow.requestedAal === 'aal2') {
    const identity = existing && em.state.isLive(existing) ? em.identity(existing) : undefined;
    if (!identity?.totpSecret) {
      flow.messages = [messages.loginNoStrategy()];
      return undefined;
    }
    if (typeof body['totp_code'] !== 'string' || !verifyTotp(identity.totpSecret, body['totp_code'], em.clock.now())) {
      flow.messages = [messages.invalidTotp()];
      return undefined;
    }
    existing!.aal = 'aal2';
    existing!.methods.push({ method: 'totp', aal: 'aal2', completed_at: now });
    existing!.devices.push(em.device(ctx));
    return existing;
  }
  const identifier = typeof body['identifier'] === 'string' ? body['identifier'] : '';
  flow.identifier = identifier;
  const identity: IdentityRecord | undefined = em.state.identityByEmail(identifier);
  const refreshing = flow.refresh && existing && em.state.isLive(existing);
  if (!identity || identity.password !== body['password'] || (refreshing && existing!.identityId !== identity.id)) {
    flow.messages = [messages.invalidCredentials()];
    return undefined;
  }
  if (refreshing) {
    existing!.authenticatedAt = em.clock.now();
    existing!.methods.push({ method: 'password', aal: 'aal1', completed_at: now });
    existing!.devices.push(em.device(ctx));
    return existing;
  }
  return em.state.newSession(identity, 'password', 'aal1', em.config.sessionLifespan, em.device(ctx));
}

/** `POST /self-service/login?flow=`. */
export async function updateLoginFlow(em: Emulator, ctx: Ctx): Promise<void> {
  const submitted = await readSubmission(ctx.req, ctx.url);
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
  const parsed = submitted;
  if (!parsed || !parsed.ok) {
    flow.messages = [messages.generic(parsed?.reason ?? 'The request body is larger than the allowed 1 MiB.')];
    return answerFlow();
  }
  const body = parsed.value;
  // Each strategy first checks that the body is for it, then the CSRF token (password/login.go, totp/login.go).
  if (body['method'] !== (flow.requestedAal === 'aal2' ? 'totp' : 'password')) {
    flow.messages = [messages.loginNoStrategy()];
    return answerFlow();
  }
  if (flow.type === 'api') {
    const refused = apiFlowRefusal(em, ctx);
    if (refused) {
      flow.messages = [messages.generic(refused)];
      return answerFlow();
    }
  } else {
    const token = typeof body['csrf_token'] === 'string' ? body['csrf_token'] : undefined;
    const cookie = ctx.cookies.get(em.csrfCookieName);
    if (!cookie || token !== cookie)
      return json ? sendError(ctx.res, errors.csrf()) : toErrorUi(em, ctx, errors.csrf());
  }

  const session = authenticate(em, ctx, flow, body);
  if (!session) return answerFlow();
  const target = flow.returnTo && em.returnToAllowed(flow.returnTo) === 'ok' ? flow.returnTo : defaultReturn(em);
  const stepUp = needsAal2(em, session);
  if (flow.type === 'api') {
    // An identity that still needs a second factor gets no identity in the answer (v1.3.1: privacy under phishing).
    const sessionJson = em.sessionJson(session);
    if (stepUp) delete sessionJson['identity'];
    return sendJson(ctx.res, 200, { session_token: session.token, session: sessionJson, continue_with: null });
  }
  // A new anti-CSRF token when the browser had no session or another identity's (session/manager_http.go).
  const prior = em.session(ctx).session;
  if (!prior || prior.identityId !== session.identityId) em.regenerateCsrfToken(ctx);
  em.setSessionCookie(ctx, session);
  if (stepUp) {
    // whoami would refuse this session: the browser goes on to the AAL2 login, keeping the flow's return_to.
    const aal2 = withQuery(em.url('/self-service/login/browser'), {
      aal: 'aal2',
      return_to: new URL(flow.requestUrl).searchParams.get('return_to') ?? undefined,
    });
    if (!json) return redirect(ctx.res, 303, aal2);
    return sendError(ctx.res, errors.locationChange(aal2), { redirect_browser_to: aal2 });
  }
  if (!json) return redirect(ctx.res, 303, target);
  sendJson(ctx.res, 200, {
    session: em.sessionJson(session),
    continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: target }],
  });
}
