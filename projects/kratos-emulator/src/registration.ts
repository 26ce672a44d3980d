/*
 * Registration, row by row of docs/kratos-protocol.md §8 (Kratos v1.3.1's selfservice/flow/registration/handler.go
 * and its strategies): browser and api flows; two-step registration (`profile`: the traits first, then the
 * credential screen with `screen=previous`) or one-step; the `password`, `code` (with `passwordlessCode`) and `oidc`
 * methods; the verification and session hooks.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { apiFlowRefusal } from './api-flows';
import { goUrlParseError, sendFlowExpired, toErrorUi, UUID, withQuery } from './browser';
import { Ctx, Emulator } from './context';
import { newCode, queueMessage } from './courier';
import { verificationHook } from './verification';
import { errors, GenericError, sendError } from './errors';
import { readSubmission, redirect, sendJson } from './http';
import { IdentityRecord, Node, RegistrationFlowRecord } from './model';
import { acceptsJson, isJsonRequest } from './negotiation';
import { knownProvider, startOidc } from './oidc';
import { OIDC_PROVIDERS } from './settings/nodes';
import { decodeTraits } from './traits';
import { csrfNode, info, input, messages, submit } from './ui';
import { passwordProblem } from './password';

type Body = Record<string, unknown>;

const TRAIT_NODES: { name: string; type: string; title: string; required?: boolean }[] = [
  { name: 'traits.email', type: 'email', title: 'E-Mail', required: true },
  { name: 'traits.name.first', type: 'text', title: 'First Name' },
  { name: 'traits.name.last', type: 'text', title: 'Last Name' },
];

const twoStep = (em: Emulator) => !em.config.legacyOneStepRegistration;

/** The nodes of the flow's current screen (§8.1 "Nodes", §8.4 "Two-step registration", "Code"). */
function registrationNodes(em: Emulator, flow: RegistrationFlowRecord): Node[] {
  const csrf = csrfNode(flow.csrfToken);
  const hiddenTraits = () =>
    Object.entries(flow.values).map(([name, value]) => input('default', name, 'hidden', { value }));
  // One-step api flows show the traits in the password group (real v1.3.1).
  const traitGroup = !twoStep(em) && flow.type === 'api' ? 'password' : 'default';
  const visibleTraits = (hidden = false) =>
    TRAIT_NODES.map(({ name, type, title, required }) =>
      input(
        traitGroup,
        name,
        hidden ? 'hidden' : type,
        {
          ...(flow.values[name] !== undefined ? { value: flow.values[name] } : {}),
          ...(required && !hidden ? { required: true, autocomplete: 'email' } : {}),
        },
        info(1070002, title, { title }),
      ),
    );
  const oidc = () =>
    OIDC_PROVIDERS.map(({ id, label }) =>
      submit('oidc', 'provider', id, info(1040002, `Sign up with ${label}`, { provider: label, provider_id: id })),
    );
  const password = () => [
    input(
      'password',
      'password',
      'password',
      { required: true, autocomplete: 'new-password' },
      info(1070001, 'Password'),
    ),
    submit('password', 'method', 'password', info(1040001, 'Sign up')),
  ];
  const code = () =>
    em.config.passwordlessCode ? [submit('code', 'method', 'code', info(1040006, 'Send sign up code'))] : [];
  const browserCsrf = flow.type === 'browser' ? [csrf] : [];
  let nodes: Node[];
  if (flow.state === 'sent_email') {
    nodes = [
      ...(flow.code?.fromScreen === 'profile' ? visibleTraits(true) : hiddenTraits()),
      ...browserCsrf,
      input('code', 'method', 'hidden', { value: 'code' }),
      input('code', 'code', 'text', { required: true }, info(1070012, 'Registration code')),
      submit('code', 'method', 'code', info(1070009, 'Continue')),
      submit('code', 'resend', 'code', info(1070008, 'Resend code')),
      submit('profile', 'screen', 'credential-selection', info(1040008, 'Back')),
    ];
  } else if (!twoStep(em)) {
    nodes = [...visibleTraits(), csrf, ...password(), ...oidc(), ...code()];
  } else if (flow.screen === 'credentials') {
    nodes = [
      ...code(),
      ...password(),
      submit('profile', 'screen', 'previous', info(1040008, 'Back')),
      ...hiddenTraits(),
      ...browserCsrf,
    ];
  } else {
    nodes = [...oidc(), ...visibleTraits(), csrf, submit('profile', 'method', 'profile', info(1040001, 'Sign up'))];
  }
  // A message for a field the screen has no node for gets a node of its own (Kratos's UI container does this).
  for (const name of new Set([...flow.extraNodes, ...Object.keys(flow.nodeMessages)])) {
    const list = flow.nodeMessages[name] ?? [];
    const node = nodes.find((candidate) => candidate.attributes['name'] === name);
    if (node) node.messages = list;
    else {
      nodes.push({ ...input('default', name, 'text'), messages: list });
      if (!flow.extraNodes.includes(name)) flow.extraNodes.push(name);
    }
  }
  return nodes;
}

export function registrationFlowJson(
  em: Emulator,
  flow: RegistrationFlowRecord,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: flow.id,
    type: flow.type,
    expires_at: flow.expiresAt.toISOString(),
    issued_at: flow.issuedAt.toISOString(),
    request_url: flow.requestUrl,
    ...(flow.returnTo ? { return_to: flow.returnTo } : {}),
    ...(flow.active ? { active: flow.active } : {}),
    ui: {
      action: em.url(`/self-service/registration?flow=${flow.id}`),
      method: 'POST',
      nodes: registrationNodes(em, flow),
      ...(flow.messages.length ? { messages: flow.messages } : {}),
    },
    organization_id: null,
    ...(flow.transientPayload ? { transient_payload: {} } : {}),
    ...extra,
    state: flow.state,
  };
}

function newRegistrationFlow(
  em: Emulator,
  type: 'browser' | 'api',
  requestUrl: string,
  csrfToken: string,
): RegistrationFlowRecord {
  const flow: RegistrationFlowRecord = {
    ...em.flowBase(type, requestUrl, csrfToken),
    kind: 'registration',
    state: 'choose_method',
    screen: 'profile',
    values: {},
    extraNodes: [],
  };
  em.state.registrationFlows.set(flow.id, flow);
  return flow;
}

function returnToError(em: Emulator, raw: string | null): GenericError | undefined {
  if (!raw) return undefined;
  const verdict = em.returnToAllowed(raw);
  if (verdict === 'ok') return undefined;
  return verdict === 'forbidden'
    ? errors.returnToForbidden(em.returnToShown(raw))
    : errors.returnToUnparsable(goUrlParseError(raw));
}

/** §8.1 `GET /self-service/registration/browser`. */
export function createBrowserRegistrationFlow(em: Emulator, ctx: Ctx): void {
  const json = isJsonRequest(ctx.req);
  const fail = (error: GenericError) => (json ? sendError(ctx.res, error) : toErrorUi(em, ctx, error));
  if (!em.config.registrationEnabled) return fail(errors.registrationDisabled());
  const returnTo = ctx.url.searchParams.get('return_to');
  const refused = returnToError(em, returnTo);
  if (refused) return fail(refused);
  // Row 3: the flow is made before the session is looked at.
  const flow = newRegistrationFlow(em, 'browser', em.url(ctx.url.pathname + ctx.url.search), em.csrfToken(ctx));
  if (em.session(ctx).session) {
    if (json) return sendError(ctx.res, errors.registrationSessionAlreadyAvailable());
    return redirect(ctx.res, 303, returnTo || em.defaultReturn());
  }
  if (acceptsJson(ctx.req)) return sendJson(ctx.res, 200, registrationFlowJson(em, flow));
  redirect(ctx.res, 303, withQuery(em.config.registrationUi, { flow: flow.id }));
}

/** §8.2 `GET /self-service/registration/api`: always JSON, no CSRF cookie. */
export function createNativeRegistrationFlow(em: Emulator, ctx: Ctx): void {
  if (em.session(ctx).session) return sendError(ctx.res, errors.registrationSessionAlreadyAvailable());
  if (!em.config.registrationEnabled) return sendError(ctx.res, errors.registrationDisabled());
  const refused = returnToError(em, ctx.url.searchParams.get('return_to'));
  if (refused) return sendError(ctx.res, refused);
  const flow = newRegistrationFlow(
    em,
    'api',
    em.url(ctx.url.pathname + ctx.url.search),
    randomBytes(32).toString('base64url'),
  );
  // §9: only the exact string `true` asks for an exchange code here (login's parser takes more).
  const exchange =
    ctx.url.searchParams.get('return_session_token_exchange_code') === 'true' ? newExchange(em, flow.id) : undefined;
  flow.csrfToken = '';
  sendJson(ctx.res, 200, registrationFlowJson(em, flow, exchange ? { session_token_exchange_code: exchange } : {}));
}

/** §9: an exchanger for an api flow; its init code. */
export function newExchange(em: Emulator, flowId: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const code = () => Array.from({ length: 64 }, () => alphabet[randomInt(alphabet.length)]).join('');
  const initCode = code();
  em.state.exchanges.push({ flowId, initCode, returnToCode: code() });
  return initCode;
}

/** §8.3 `GET /self-service/registration/flows?id=`. */
export function getRegistrationFlow(em: Emulator, ctx: Ctx): void {
  if (!em.config.registrationEnabled) {
    return isJsonRequest(ctx.req)
      ? sendError(ctx.res, errors.registrationDisabled())
      : toErrorUi(em, ctx, errors.registrationDisabled());
  }
  const id = ctx.url.searchParams.get('id') ?? '';
  const flow = UUID.test(id) ? em.state.registrationFlows.get(id.toLowerCase()) : undefined;
  if (!flow) return sendError(ctx.res, errors.notFoundGet());
  if (flow.type === 'browser' && ctx.cookies.get(em.csrfCookieName) !== flow.csrfToken) {
    return sendError(ctx.res, errors.csrf());
  }
  if (flow.expiresAt <= em.clock.now()) {
    const details =
      flow.type === 'browser'
        ? {
            redirect_to: withQuery(em.url('/self-service/registration/browser'), { return_to: flow.returnTo }),
            return_to: flow.returnTo ?? '',
          }
        : { api: em.url('/self-service/registration/api') };
    return sendError(ctx.res, errors.expiredFlowGet('registration', flow.type, details));
  }
  // The stored flow: an in-memory answer's extras are not stored.
  sendJson(ctx.res, 200, registrationFlowJson(em, { ...flow, transientPayload: false }));
}

type Method = 'password' | 'oidc' | 'profile' | 'code';

/** Which strategy claims the body, in `AllRegistrationStrategies` order (§8.6). */
function claim(em: Emulator, body: Body): Method | undefined {
  const method = body['method'];
  if (method === 'password') return 'password';
  const provider = body['provider'];
  if (typeof provider === 'string' && provider !== '' && (method === undefined || method === '' || method === 'oidc'))
    return 'oidc';
  if (
    twoStep(em) &&
    (method === 'profile' ||
      method === 'profile:back' ||
      body['screen'] === 'credential-selection' ||
      body['screen'] === 'previous')
  )
    return 'profile';
  if (method === 'code' && em.config.passwordlessCode) return 'code';
  return undefined;
}

/** §8.4 `POST /self-service/registration?flow=`. */
export async function updateRegistrationFlow(em: Emulator, ctx: Ctx): Promise<void> {
  const submitted = await readSubmission(ctx.req, ctx.url);
  const earlyJson = isJsonRequest(ctx.req);
  // Row 1: `IsNotAuthenticated` answers a signed-in request before anything else.
  if (em.session(ctx).session) {
    if (earlyJson) return sendError(ctx.res, errors.registrationSessionAlreadyAvailable());
    return redirect(ctx.res, 302, em.defaultReturn());
  }
  const id = ctx.url.searchParams.get('flow') ?? '';
  const flow = UUID.test(id) ? em.state.registrationFlows.get(id.toLowerCase()) : undefined;
  if (!flow) {
    const error = UUID.test(id) ? errors.notFound() : errors.flowParamMalformed();
    return earlyJson ? sendError(ctx.res, error) : toErrorUi(em, ctx, error);
  }
  const json = flow.type === 'api' || earlyJson;
  // Validation errors of browser flows redirect with 302, the strategies' next steps with 303 (§8.4).
  const answerFlow = (status: 302 | 303 = 302) =>
    json
      ? sendJson(ctx.res, 400, registrationFlowJson(em, flow))
      : redirect(ctx.res, status, withQuery(em.config.registrationUi, { flow: flow.id }));
  if (flow.expiresAt <= em.clock.now()) {
    const replacement = newRegistrationFlow(em, flow.type, flow.requestUrl, flow.csrfToken);
    replacement.messages = [messages.registrationFlowExpired(flow.expiresAt, em.minutesSince(flow.expiresAt))];
    if (!json) return redirect(ctx.res, 303, withQuery(em.config.registrationUi, { flow: replacement.id }));
    return sendFlowExpired(em, ctx, flow.expiresAt, replacement.id);
  }
  flow.messages = [];
  flow.nodeMessages = {};
  flow.transientPayload = false;
  if (!submitted || !submitted.ok) {
    flow.messages = [messages.generic(submitted?.reason ?? 'The request body is larger than the allowed 1 MiB.')];
    return answerFlow();
  }
  const body = submitted.value;
  const method = claim(em, body);
  if (!method) {
    flow.messages = [messages.registrationNoStrategy()];
    return answerFlow();
  }
  if (method === 'oidc') {
    const provider = body['provider'] as string;
    if (!knownProvider(provider)) {
      return json
        ? sendError(ctx.res, errors.unknownProvider(provider))
        : toErrorUi(em, ctx, errors.unknownProvider(provider));
    }
    flow.active = 'oidc';
    return startOidc(em, ctx, 'registration', flow.id, provider, json);
  }

  // Row 6: the traits are decoded by the identity schema before the CSRF token is looked at.
  const back = method === 'profile' && (body['screen'] === 'previous' || body['method'] === 'profile:back');
  const decoded = decodeTraits(body['traits']);
  flow.values = decoded.values;
  if (!back && decoded.errors.length) {
    for (const { node, message } of decoded.errors) flow.nodeMessages[node] = [message];
    return answerFlow();
  }

  // Row 7: CSRF, for browser flows; api flows refuse what a browser sends.
  if (flow.type === 'api') {
    const refused = apiFlowRefusal(em, ctx);
    if (refused) {
      flow.messages = [messages.generic(refused)];
      return answerFlow();
    }
  } else {
    const cookie = ctx.cookies.get(em.csrfCookieName);
    const token = typeof body['csrf_token'] === 'string' ? body['csrf_token'] : undefined;
    if (!cookie || token !== cookie || flow.csrfToken !== cookie)
      return json ? sendError(ctx.res, errors.csrf()) : toErrorUi(em, ctx, errors.csrf());
  }

  if (method === 'profile') {
    // Row 8: the next screen (or the previous one), 400 with the flow / 303.
    flow.active = undefined;
    flow.state = 'choose_method';
    flow.code = undefined;
    if (back) {
      flow.screen = 'profile';
    } else {
      flow.screen = 'credentials';
      flow.messages = [messages.chooseCredential()];
      flow.transientPayload = true;
    }
    return answerFlow(303);
  }
  if (method === 'password') {
    const password = body['password'];
    if (typeof password !== 'string' || password === '') {
      flow.nodeMessages['password'] = [messages.missing('password')];
      return answerFlow();
    }
    const problem = passwordProblem(decoded.traits.email, password);
    if (problem) {
      flow.nodeMessages['password'] = [problem];
      return answerFlow();
    }
    if (em.state.identityByEmail(decoded.traits.email)) {
      flow.messages = [messages.duplicate()];
      return answerFlow();
    }
    const identity = em.state.createIdentity(decoded.traits, password);
    return succeed(em, ctx, flow, identity, 'password', json);
  }

  // method === 'code'
  return code(em, ctx, flow, body, decoded.traits, json, answerFlow);
}

function sameTraits(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function code(
  em: Emulator,
  ctx: Ctx,
  flow: RegistrationFlowRecord,
  body: Body,
  traits: IdentityRecord['traits'],
  json: boolean,
  answerFlow: (status?: 302 | 303) => void,
): void {
  const send = () => {
    const value = newCode();
    flow.code = { code: value, traits: { ...flow.values }, fromScreen: flow.code?.fromScreen ?? flow.screen };
    flow.state = 'sent_email';
    flow.active = 'code';
    flow.messages = [messages.registrationCodeSent()];
    flow.transientPayload = true;
    queueMessage(em, 'registration_code_valid', traits.email, value);
    answerFlow(303);
  };
  if (flow.state !== 'sent_email' || !flow.code) return send();
  if (!sameTraits(flow.code.traits, flow.values)) {
    flow.messages = [messages.traitsMismatch()];
    return answerFlow();
  }
  if (body['resend'] === 'code') return send();
  const given = body['code'];
  if (typeof given !== 'string' || given === '') {
    flow.nodeMessages['code'] = [messages.missing('code')];
    return answerFlow();
  }
  if (given !== flow.code.code) {
    flow.messages = [messages.registrationCodeInvalid()];
    return answerFlow();
  }
  if (em.state.identityByEmail(traits.email)) {
    flow.messages = [messages.duplicate()];
    return answerFlow();
  }
  flow.code = undefined;
  flow.state = 'passed_challenge';
  const identity = em.state.createIdentity(traits);
  // The code proved the address: no verification is needed.
  identity.addressVerified = true;
  identity.addressStatus = 'completed';
  succeed(em, ctx, flow, identity, 'code', json);
}

/** Row 12: the hooks (verification, then `session` when configured) and the answer for each kind of client. */
function succeed(
  em: Emulator,
  ctx: Ctx,
  flow: RegistrationFlowRecord,
  identity: IdentityRecord,
  method: string,
  json: boolean,
): void {
  const target = em.returnTarget(flow.returnTo);
  const continueWith: Record<string, unknown>[] = [];
  if (flow.type === 'browser' && json)
    continueWith.push({ action: 'redirect_browser_to', redirect_browser_to: target });
  const verification = verificationHook(em, ctx, identity, flow);
  if (verification) continueWith.push(verification.item);
  const session = em.config.registrationSession
    ? em.state.newSession(identity, method, 'aal1', em.config.sessionLifespan, em.device(ctx))
    : undefined;
  const identityJson = em.identityJson(identity);
  if (flow.type === 'api') {
    if (!session) return sendJson(ctx.res, 200, { identity: identityJson, continue_with: continueWith });
    continueWith.push({ action: 'set_ory_session_token', ory_session_token: session.token });
    return sendJson(ctx.res, 200, {
      session_token: session.token,
      session: em.sessionJson(session),
      identity: identityJson,
      continue_with: continueWith,
    });
  }
  if (session) em.issueBrowserSession(ctx, session);
  else em.regenerateCsrfToken(ctx);
  // The verification flow belongs to the browser's CSRF cookie as it leaves this answer.
  if (verification && flow.type === 'browser') verification.flow.csrfToken = em.csrfToken(ctx);
  if (!json) return redirect(ctx.res, 303, target);
  sendJson(ctx.res, 200, {
    ...(session ? { session: em.sessionJson(session) } : {}),
    identity: identityJson,
    continue_with: continueWith.length ? continueWith : null,
  });
}
