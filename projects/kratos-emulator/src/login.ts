/*
 * Login, row by row of docs/kratos-protocol.md §7 (Kratos v1.3.1's selfservice/flow/login/handler.go NewLoginFlow,
 * updateLoginFlow, hook.go PostLoginHook): browser and api flows; `password`, `totp` (aal2), `code` (with
 * `passwordlessCode`), `oidc` (the emulated provider) and `identifier_first` (with `loginStyle: identifier_first`);
 * `refresh=true` and `aal=aal2`; account linking after an OIDC sign-in whose email was taken. Simplified where noted
 * in docs/emulator.md (no passkey, WebAuthn or lookup-code sign-in).
 */
import { randomBytes } from 'node:crypto';
import { apiFlowRefusal } from './api-flows';
import { goUrlParseError, sendFlowExpired, toErrorUi, UUID, withQuery } from './browser';
import { Ctx, Emulator } from './context';
import { newCode, queueMessage } from './courier';
import { errors, genericError, GenericError, sendError } from './errors';
import { readSubmission, redirect, sendJson } from './http';
import { IdentityRecord, LoginFlowRecord, Node, SessionRecord } from './model';
import { acceptsJson, isJsonRequest } from './negotiation';
import { knownProvider, startOidc } from './oidc';
import { newExchange } from './registration';
import { OIDC_PROVIDERS } from './settings/nodes';
import { verifyTotp } from './totp';
import { csrfNode, info, input, messages, submit } from './ui';

type Body = Record<string, unknown>;

/** Go's `strconv.ParseBool`; anything it refuses counts as false, as Kratos ignores the error. */
export function goParseBool(value: string | null): boolean {
  return value !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

const identifierLabel = () => info(1070002, 'E-Mail', { title: 'E-Mail' });

function oidcNodes(flow: LoginFlowRecord): Node[] {
  return OIDC_PROVIDERS.filter(({ id }) => flow.linking?.provider !== id).map(({ id, label }) =>
    flow.linking
      ? submit('oidc', 'provider', id, info(1010018, `Confirm with ${label}`, { provider: label }))
      : submit('oidc', 'provider', id, info(1010002, `Sign in with ${label}`, { provider: label, provider_id: id })),
  );
}

function passwordNodes(label = info(1010022, 'Sign in with password')): Node[] {
  return [
    input(
      'password',
      'password',
      'password',
      { required: true, autocomplete: 'current-password' },
      info(1070001, 'Password'),
    ),
    submit('password', 'method', 'password', label),
  ];
}

function loginNodes(em: Emulator, flow: LoginFlowRecord): Node[] {
  const session = flow.sessionId ? em.state.sessions.get(flow.sessionId) : undefined;
  const csrf = csrfNode(flow.csrfToken);
  const codeOn = em.config.passwordlessCode;
  let nodes: Node[];
  if (flow.requestedAal === 'aal2') {
    // The second factors the identity has (here TOTP); none at all leaves only the CSRF token, as in Kratos.
    const identity = session ? em.state.identities.get(session.identityId) : undefined;
    nodes = [
      csrf,
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
  } else if (flow.code) {
    // §7.6 code: the code was sent; the answer that sends it is the in-memory flow (no CSRF node for api flows).
    // The first answer turns the visible identifier into a hidden one in place (label and all); the stored flow
    // keeps the nodes of that answer, so an api flow's GET after the sign-in has no CSRF node either.
    const first = flow.transientPayload && flow.code.first;
    const apiWithoutCsrf = flow.type === 'api' && (flow.transientPayload || flow.state === 'passed_challenge');
    nodes = [
      ...(apiWithoutCsrf ? [] : [csrf]),
      input(
        'default',
        'identifier',
        'hidden',
        {
          value: flow.code.address,
          ...(first
            ? { required: true, ...(flow.type === 'browser' ? { autocomplete: 'username webauthn' } : {}) }
            : {}),
        },
        first ? identifierLabel() : undefined,
      ),
      input('code', 'method', 'hidden', { value: 'code' }),
      input('code', 'code', 'text', { required: true }, info(1070013, 'Login code')),
      submit('code', 'method', 'code', info(1070009, 'Continue')),
      submit('code', 'resend', 'code', info(1070008, 'Resend code')),
    ];
  } else if (flow.refresh && session) {
    // A refresh asks for the password of the session's own identity, whose identifier is a hidden field (Kratos
    // v1.3.1's password strategy, PopulateLoginMethodFirstFactorRefresh).
    const identity = em.state.identities.get(session.identityId);
    nodes = [
      csrf,
      input('default', 'identifier', 'hidden', { value: identity?.traits.email ?? '' }),
      ...passwordNodes(info(1010001, 'Sign in')),
    ];
  } else if (em.config.loginStyle === 'identifier_first' && !flow.linking) {
    nodes = flow.identifierFirstDone
      ? [
          input(
            'identifier_first',
            'identifier',
            'hidden',
            { value: flow.identifier ?? '', required: true },
            identifierLabel(),
          ),
          csrf,
          ...(codeOn ? [submit('code', 'method', 'code', info(1010015, 'Send sign in code'))] : []),
          ...passwordNodes(),
        ]
      : [
          input(
            'identifier_first',
            'identifier',
            'text',
            { value: flow.identifier ?? '', required: true },
            identifierLabel(),
          ),
          submit('identifier_first', 'method', 'identifier_first', info(1070009, 'Continue')),
          // After a first attempt, the stored flow no longer offers the providers.
          ...(flow.identifier === undefined ? oidcNodes(flow) : []),
          csrf,
        ];
  } else {
    nodes = [
      ...oidcNodes(flow),
      csrf,
      flow.linking
        ? input('default', 'identifier', 'hidden', { value: flow.identifier ?? '', required: true }, identifierLabel())
        : flow.identifierHidden
          ? input('default', 'identifier', 'hidden', { value: flow.identifier ?? '' })
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
              identifierLabel(),
            ),
      ...(codeOn ? [submit('code', 'method', 'code', info(1010015, 'Send sign in code'))] : []),
      ...passwordNodes(),
    ];
  }
  for (const node of nodes) {
    const name = node.attributes['name'];
    if (typeof name === 'string' && flow.nodeMessages[name]) node.messages = flow.nodeMessages[name];
  }
  return nodes;
}

export function loginFlowJson(
  em: Emulator,
  flow: LoginFlowRecord,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: flow.id,
    organization_id: null,
    type: flow.type,
    expires_at: flow.expiresAt.toISOString(),
    issued_at: flow.issuedAt.toISOString(),
    request_url: flow.requestUrl,
    ...(flow.returnTo ? { return_to: flow.returnTo } : {}),
    ...(flow.active ? { active: flow.active } : {}),
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
    ...extra,
    state: flow.state,
    ...(flow.transientPayload ? { transient_payload: {} } : {}),
  };
}

/** Whether whoami (`required_aal: highest_available`) would refuse the session: the identity has a second factor. */
function needsAal2(em: Emulator, session: SessionRecord): boolean {
  return session.aal === 'aal1' && em.state.availableAal(em.identity(session)) === 'aal2';
}

function returnToError(em: Emulator, raw: string | undefined): GenericError | undefined {
  if (!raw) return undefined;
  const verdict = em.returnToAllowed(raw);
  if (verdict === 'ok') return undefined;
  return verdict === 'forbidden'
    ? errors.returnToForbidden(em.returnToShown(raw))
    : errors.returnToUnparsable(goUrlParseError(raw));
}

/** §7.1 `GET /self-service/login/browser` and §7.2 `/api`. */
export function createLoginFlow(em: Emulator, ctx: Ctx, type: 'browser' | 'api'): void {
  const json = type === 'api' || isJsonRequest(ctx.req);
  const query = ctx.url.searchParams;
  const returnTo = query.get('return_to') || undefined;
  const fail = (error: GenericError) => (json ? sendError(ctx.res, error) : toErrorUi(em, ctx, error));
  // Row 2: return_to first (NewFlow), then the AAL (lower-cased; empty is aal1), then the session.
  const refused = returnToError(em, returnTo);
  if (refused) return fail(refused);
  const rawAal = (query.get('aal') ?? '').toLowerCase();
  if (rawAal !== '' && rawAal !== 'aal1' && rawAal !== 'aal2') {
    return fail(
      genericError(400, 'The request was malformed or contained invalid parameters', {
        reason: `Unable to parse AuthenticationMethod Assurance Level (AAL): expected one of [aal1, aal2] but got ${rawAal}`,
      }),
    );
  }
  const aal = rawAal === 'aal2' ? 'aal2' : 'aal1';
  const refresh = goParseBool(query.get('refresh'));
  const { session } = em.session(ctx);

  if (!session) {
    if (aal === 'aal2') return fail(errors.sessionRequiredForHigherAal());
  } else if (!refresh && (aal === 'aal1' || session.aal === 'aal2')) {
    // Row 5: signed in already at the requested AAL or above. The browser answer is negotiated by AcceptsJSON.
    if (type === 'browser' && !acceptsJson(ctx.req)) return redirect(ctx.res, 303, returnTo ?? em.defaultReturn());
    return sendError(ctx.res, errors.sessionAlreadyAvailable());
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
  if (type === 'api') {
    // §9: the exchange code is asked for by Go's ParseBool, only without a session.
    const exchange =
      !session && goParseBool(query.get('return_session_token_exchange_code')) ? newExchange(em, flow.id) : undefined;
    return sendJson(ctx.res, 200, loginFlowJson(em, flow, exchange ? { session_token_exchange_code: exchange } : {}));
  }
  if (acceptsJson(ctx.req)) return sendJson(ctx.res, 200, loginFlowJson(em, flow));
  redirect(ctx.res, 303, withQuery(em.config.loginUi, { flow: flow.id }));
}

/** §7.3 `GET /self-service/login/flows?id=`. */
export function getLoginFlow(em: Emulator, ctx: Ctx): void {
  const id = ctx.url.searchParams.get('id') ?? '';
  const flow = UUID.test(id) ? em.state.loginFlows.get(id.toLowerCase()) : undefined;
  if (!flow) return sendError(ctx.res, errors.notFoundGet());
  // A browser flow is shown only to the browser whose anti-CSRF token it carries (login/handler.go getLoginFlow).
  if (flow.type === 'browser' && ctx.cookies.get(em.csrfCookieName) !== flow.csrfToken) {
    return sendError(ctx.res, errors.csrf());
  }
  if (flow.expiresAt <= em.clock.now()) {
    const details =
      flow.type === 'browser'
        ? {
            redirect_to: withQuery(em.url('/self-service/login/browser'), { return_to: flow.returnTo }),
            return_to: flow.returnTo ?? '',
          }
        : { api: em.url('/self-service/login/api') };
    return sendError(ctx.res, errors.expiredFlowGet('login', flow.type, details));
  }
  // The answer is the stored flow: an in-memory answer's extras are not stored.
  sendJson(ctx.res, 200, loginFlowJson(em, { ...flow, transientPayload: false }));
}

type Method = 'password' | 'oidc' | 'code' | 'totp' | 'identifier_first';

/** §7.4 row 6: the strategies in `AllLoginStrategies` order, each with its own test (§7.6). */
function claim(em: Emulator, flow: LoginFlowRecord, body: Body): Method | undefined {
  const method = body['method'];
  const aal1 = flow.requestedAal === 'aal1';
  if (aal1 && method === 'password') return 'password';
  const provider = body['provider'];
  if (
    aal1 &&
    typeof provider === 'string' &&
    provider !== '' &&
    (method === undefined || method === '' || method === 'oidc')
  )
    return 'oidc';
  if (aal1 && method === 'code' && em.config.passwordlessCode) return 'code';
  if (!aal1 && method === 'totp') return 'totp';
  if (aal1 && em.config.loginStyle === 'identifier_first') return 'identifier_first';
  return undefined;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** §7.4 `POST /self-service/login?flow=`. */
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
  flow.transientPayload = false;
  const answerFlow = () =>
    json
      ? sendJson(ctx.res, 400, loginFlowJson(em, flow))
      : redirect(ctx.res, 303, withQuery(em.config.loginUi, { flow: flow.id }));
  const forward = (error: GenericError) => (json ? sendError(ctx.res, error) : toErrorUi(em, ctx, error));
  const { session: current } = em.session(ctx);
  const alreadyIn = (expired = false) => {
    // Row 3 (and row 5 when a replacement cannot be made): the stored flow with 4000001; browsers get 303 to the
    // default return URL (row 3) or to this flow in the login UI (row 5).
    if (!json)
      return redirect(ctx.res, 303, expired ? withQuery(em.config.loginUi, { flow: flow.id }) : em.defaultReturn());
    flow.messages = [
      messages.generic(
        'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
      ),
    ];
    flow.nodeMessages = {};
    return answerFlow();
  };
  const upgrades = (session: SessionRecord) => flow.refresh || (flow.requestedAal === 'aal2' && session.aal === 'aal1');

  // Row 3: a usable session and nothing to upgrade.
  if (current && !upgrades(current)) return alreadyIn();
  // Row 4: an aal2 flow needs a session.
  if (!current && flow.requestedAal === 'aal2') return forward(errors.sessionRequiredForHigherAal());
  if (flow.expiresAt <= em.clock.now()) {
    // Row 5: the replacement is built from the submit (aal1, no refresh), which a signed-in browser cannot have.
    if (current) return alreadyIn(true);
    const replacement = em.newLoginFlow(flow.type, flow.requestUrl, flow.csrfToken, { refresh: false, aal: 'aal1' });
    replacement.messages = [messages.loginFlowExpired(flow.expiresAt, em.minutesSince(flow.expiresAt))];
    if (!json) return redirect(ctx.res, 303, withQuery(em.config.loginUi, { flow: replacement.id }));
    return sendFlowExpired(em, ctx, flow.expiresAt, replacement.id);
  }
  flow.messages = [];
  flow.nodeMessages = {};
  if (!submitted || !submitted.ok) {
    flow.messages = [messages.generic(submitted?.reason ?? 'The request body is larger than the allowed 1 MiB.')];
    return answerFlow();
  }
  const body = submitted.value;
  const method = claim(em, flow, body);
  if (!method) {
    flow.messages = [messages.loginNoStrategy()];
    return answerFlow();
  }
  if (ctx.req.method === 'GET' && method !== 'oidc') {
    flow.messages = [
      messages.generic(
        'Unable to decode body because HTTP Request Method was "GET" but only [POST PUT PATCH] are supported.',
      ),
    ];
    return answerFlow();
  }
  if (method === 'oidc') {
    // Row 11: no CSRF check; an unknown provider is a 404.
    const provider = str(body['provider']);
    if (!knownProvider(provider)) return forward(errors.unknownProvider(provider));
    flow.active = 'oidc';
    return startOidc(em, ctx, 'login', flow.id, provider, json);
  }

  // Row 7: the strategy's decoding: required fields, before the CSRF token.
  const identifier = str(body['identifier']) || str(body['password_identifier']);
  if (method === 'password') {
    flow.identifier = identifier;
    if (!identifier) flow.nodeMessages['identifier'] = [messages.missing('identifier')];
    if (!str(body['password'])) flow.nodeMessages['password'] = [messages.missing('password')];
    if (Object.keys(flow.nodeMessages).length) return answerFlow();
  }

  // Row 8: CSRF.
  if (flow.type === 'api') {
    const refused = apiFlowRefusal(em, ctx);
    if (refused) {
      flow.messages = [messages.generic(refused)];
      return answerFlow();
    }
  } else {
    const token = typeof body['csrf_token'] === 'string' ? body['csrf_token'] : undefined;
    const cookie = ctx.cookies.get(em.csrfCookieName);
    if (!cookie || token !== cookie) return forward(errors.csrf());
  }

  if (method === 'identifier_first') return identifierFirst(em, flow, identifier, answerFlow);
  if (method === 'code') return codeLogin(em, ctx, flow, body, identifier, json, answerFlow);

  const now = em.clock.now().toISOString();
  if (method === 'totp') {
    const session = current!;
    const identity = em.identity(session);
    if (!identity.totpSecret) {
      flow.messages = [messages.loginNoStrategy()];
      return answerFlow();
    }
    if (!verifyTotp(identity.totpSecret, str(body['totp_code']), em.clock.now())) {
      flow.messages = [messages.invalidTotp()];
      return answerFlow();
    }
    session.aal = 'aal2';
    session.methods.push({ method: 'totp', aal: 'aal2', completed_at: now });
    session.authenticatedAt = em.clock.now();
    session.devices.push(em.device(ctx));
    flow.active = 'totp';
    return success(em, ctx, flow, session, json);
  }

  // password
  const identity = em.state.identityByEmail(identifier);
  if (!identity || identity.password === undefined || identity.password !== body['password']) {
    flow.messages = [messages.invalidCredentials()];
    return answerFlow();
  }
  if (flow.linking && identity.traits.email.toLowerCase() !== flow.linking.email.toLowerCase()) {
    flow.messages = [messages.linkedMismatch()];
    return answerFlow();
  }
  flow.active = 'password';
  // A refresh by the session's own identity renews it; another identity's credentials sign that one in.
  const session =
    current && flow.refresh && current.identityId === identity.id
      ? renew(em, ctx, current, 'password')
      : em.state.newSession(identity, 'password', 'aal1', em.config.sessionLifespan, em.device(ctx));
  return success(em, ctx, flow, session, json);
}

function renew(em: Emulator, ctx: Ctx, session: SessionRecord, method: string): SessionRecord {
  session.authenticatedAt = em.clock.now();
  session.methods.push({ method, aal: 'aal1', completed_at: em.clock.now().toISOString() });
  session.devices.push(em.device(ctx));
  return session;
}

/** §7.6 identifier_first: the account's methods on a second screen, or 4000037. */
function identifierFirst(em: Emulator, flow: LoginFlowRecord, identifier: string, answerFlow: () => void): void {
  flow.identifier = identifier;
  const identity = identifier ? em.state.identityByEmail(identifier) : undefined;
  if (!identity) {
    flow.nodeMessages['identifier'] = [messages.noAccount()];
    return answerFlow();
  }
  flow.identifierFirstDone = true;
  flow.active = 'identifier_first';
  flow.transientPayload = true;
  answerFlow();
}

/** §7.6 code: send a code to the identity's address, then check it. */
function codeLogin(
  em: Emulator,
  ctx: Ctx,
  flow: LoginFlowRecord,
  body: Body,
  identifier: string,
  json: boolean,
  answerFlow: () => void,
): void {
  const send = (identity: IdentityRecord, address: string) => {
    const value = newCode();
    flow.code = { code: value, address, identityId: identity.id, first: !flow.code && !flow.identifierHidden };
    flow.state = 'sent_email';
    flow.active = 'code';
    flow.messages = [messages.loginCodeSent()];
    flow.transientPayload = true;
    queueMessage(em, 'login_code_valid', identity.traits.email, value);
    answerFlow();
  };
  if (!flow.code) {
    const identity = identifier ? em.state.identityByEmail(identifier) : undefined;
    if (!identity) {
      flow.identifier = identifier;
      flow.identifierHidden = true;
      flow.messages = [messages.noCodeAccount()];
      return answerFlow();
    }
    return send(identity, identifier);
  }
  const identity = em.state.identities.get(flow.code.identityId);
  if (!identity) {
    flow.messages = [messages.loginCodeInvalid()];
    return answerFlow();
  }
  if (body['resend'] === 'code') return send(identity, flow.code.address);
  const given = str(body['code']);
  if (!given) {
    flow.nodeMessages['code'] = [messages.missing('code')];
    return answerFlow();
  }
  if (given !== flow.code.code) {
    flow.messages = [messages.loginCodeInvalid()];
    return answerFlow();
  }
  flow.state = 'passed_challenge';
  flow.messages = [messages.loginCodeSent()];
  // (v1.3.1 does not mark the address verified after a login by code.)
  const session = em.state.newSession(identity, 'code', 'aal1', em.config.sessionLifespan, em.device(ctx));
  success(em, ctx, flow, session, json);
}

/** §7.4 row 12: the session handed out, account linking finished, the answer for each kind of client. */
function success(em: Emulator, ctx: Ctx, flow: LoginFlowRecord, session: SessionRecord, json: boolean): void {
  if (flow.linking) {
    const identity = em.identity(session);
    const { provider, subject } = flow.linking;
    if (!identity.oidcProviders.includes(provider)) identity.oidcProviders.push(provider);
    identity.oidcSubjects = { ...identity.oidcSubjects, [provider]: subject };
    session.methods.push({ method: 'oidc', aal: 'aal1', completed_at: em.clock.now().toISOString() });
    flow.linking = undefined;
  }
  const target = em.returnTarget(flow.returnTo);
  const stepUp = needsAal2(em, session);
  if (flow.type === 'api') {
    // An identity that still needs a second factor gets no identity in the answer (v1.3.1: privacy under phishing).
    const sessionJson = em.sessionJson(session);
    if (stepUp) sessionJson['identity'] = null;
    return sendJson(ctx.res, 200, { session_token: session.token, session: sessionJson, continue_with: null });
  }
  em.issueBrowserSession(ctx, session);
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
