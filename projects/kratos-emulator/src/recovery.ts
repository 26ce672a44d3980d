/*
 * Recovery with the `code` method, row by row of docs/kratos-protocol.md §11 (Kratos v1.3.1's
 * selfservice/flow/recovery and selfservice/strategy/code/strategy_recovery.go): browser and api flows, the email
 * step, codes, the flows that replace a failed one (a 303 to the new flow, or with
 * `feature_flags.use_continue_with_transitions` an error carrying `continue_with`), and the success that signs the
 * identity in and hands it a privileged settings flow.
 */
import { apiFlowRefusal } from './api-flows';
import { goUrlParseError, toErrorUi, UUID, withQuery } from './browser';
import { Ctx, Emulator } from './context';
import { newCode, queueMessage } from './courier';
import { errors, genericError, GenericError, sendError } from './errors';
import { readSubmission, redirect, sendJson } from './http';
import { FlowType, Node, RecoveryFlowRecord, Text } from './model';
import { acceptsJson, isJsonRequest } from './negotiation';
import { prepareTotpSetup } from './settings/nodes';
import { EMAIL } from './traits';
import { csrfNode, info, input, messages, submit } from './ui';
import { markVerified } from './verification';

type Body = Record<string, unknown>;

function newRecoveryFlow(em: Emulator, type: FlowType, requestUrl: string, csrfToken: string): RecoveryFlowRecord {
  const flow: RecoveryFlowRecord = {
    ...em.flowBase(type, requestUrl, csrfToken),
    kind: 'recovery',
    state: 'choose_method',
    active: 'code',
    codes: [],
    submitCount: 0,
  };
  em.state.recoveryFlows.set(flow.id, flow);
  return flow;
}

/** §11.2 and §11.6: the nodes by state (a passed flow keeps the code step's). */
function recoveryNodes(flow: RecoveryFlowRecord): Node[] {
  // Api flows have the node too, with an empty value.
  const nodes: Node[] = [csrfNode(flow.type === 'browser' ? flow.csrfToken : '')];
  if (flow.state === 'choose_method') {
    nodes.push(
      input('code', 'email', 'email', { required: true }, info(1070007, 'Email')),
      submit('code', 'method', 'code', info(1070009, 'Continue')),
    );
  } else {
    nodes.push(
      input(
        'code',
        'code',
        'text',
        { required: true, pattern: '[0-9]+', maxlength: 6 },
        info(1070010, 'Recovery code'),
      ),
      input('code', 'method', 'hidden', { value: 'code' }),
      submit('code', 'method', 'code', info(1070009, 'Continue')),
      submit('code', 'email', flow.email ?? '', info(1070008, 'Resend code')),
    );
  }
  for (const node of nodes) {
    const name = node.attributes['name'];
    if (typeof name === 'string' && node.attributes['type'] !== 'submit' && flow.nodeMessages[name])
      node.messages = flow.nodeMessages[name];
  }
  return nodes;
}

function recoveryFlowJson(
  em: Emulator,
  flow: RecoveryFlowRecord,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: flow.id,
    type: flow.type,
    expires_at: flow.expiresAt.toISOString(),
    issued_at: flow.issuedAt.toISOString(),
    request_url: flow.requestUrl,
    ...(flow.returnTo ? { return_to: flow.returnTo } : {}),
    active: flow.active,
    ui: {
      action: em.url(`/self-service/recovery?flow=${flow.id}`),
      method: 'POST',
      nodes: recoveryNodes(flow),
      ...(flow.messages.length ? { messages: flow.messages } : {}),
    },
    state: flow.state,
    ...extra,
    ...(flow.transientPayload ? { transient_payload: {} } : {}),
  };
}

function returnToError(em: Emulator, raw: string | null): GenericError | undefined {
  if (!raw) return undefined;
  const verdict = em.returnToAllowed(raw);
  if (verdict === 'ok') return undefined;
  return verdict === 'forbidden'
    ? errors.returnToForbidden(em.returnToShown(raw))
    : errors.returnToUnparsable(goUrlParseError(raw));
}

/** §11.2 `GET /self-service/recovery/browser`. */
export function createBrowserRecoveryFlow(em: Emulator, ctx: Ctx): void {
  const json = isJsonRequest(ctx.req);
  // Row 1: `IsNotAuthenticated`, before anything else.
  if (em.session(ctx).session) {
    if (json) return sendError(ctx.res, errors.recoverySessionAlreadyAvailable());
    return redirect(ctx.res, 302, em.defaultReturn());
  }
  const fail = (error: GenericError) => (json ? sendError(ctx.res, error) : toErrorUi(em, ctx, error));
  if (!em.config.recoveryEnabled) return fail(errors.flowDisabled('Recovery'));
  const refused = returnToError(em, ctx.url.searchParams.get('return_to'));
  if (refused) return fail(refused);
  const flow = newRecoveryFlow(em, 'browser', em.url(ctx.url.pathname + ctx.url.search), em.csrfToken(ctx));
  if (acceptsJson(ctx.req)) return sendJson(ctx.res, 200, recoveryFlowJson(em, flow));
  redirect(ctx.res, 303, withQuery(em.config.recoveryUi, { flow: flow.id }));
}

/** §11.2 `GET /self-service/recovery/api`: always JSON, no cookie. */
export function createNativeRecoveryFlow(em: Emulator, ctx: Ctx): void {
  if (em.session(ctx).session) return sendError(ctx.res, errors.recoverySessionAlreadyAvailable());
  if (!em.config.recoveryEnabled) return sendError(ctx.res, errors.flowDisabled('Recovery'));
  const refused = returnToError(em, ctx.url.searchParams.get('return_to'));
  if (refused) return sendError(ctx.res, refused);
  const flow = newRecoveryFlow(em, 'api', em.url(ctx.url.pathname + ctx.url.search), '');
  sendJson(ctx.res, 200, recoveryFlowJson(em, flow));
}

/** §11.3 `GET /self-service/recovery/flows?id=`: JSON whatever the Accept; no session check. */
export function getRecoveryFlow(em: Emulator, ctx: Ctx): void {
  if (!em.config.recoveryEnabled) return sendError(ctx.res, errors.flowDisabled('Recovery'));
  const id = ctx.url.searchParams.get('id') ?? '';
  const flow = UUID.test(id) ? em.state.recoveryFlows.get(id.toLowerCase()) : undefined;
  if (!flow) return sendError(ctx.res, errors.notFoundGet());
  if (flow.type === 'browser' && ctx.cookies.get(em.csrfCookieName) !== flow.csrfToken)
    return sendError(ctx.res, errors.csrf());
  if (flow.expiresAt <= em.clock.now()) {
    if (flow.type === 'api') {
      return sendError(
        ctx.res,
        genericError(410, 'self-service flow expired', {
          id: 'self_service_flow_expired',
          reason: `The self-service flow expired ${em.minutesSince(flow.expiresAt)} minutes ago, initialize a new one.`,
          details: { api: em.url('/self-service/recovery/api') },
        }),
      );
    }
    return sendError(
      ctx.res,
      errors.expiredSelfServiceGet('recovery', 'browser', {
        redirect_to: withQuery(em.url('/self-service/recovery/browser'), { return_to: flow.returnTo }),
        return_to: flow.returnTo ?? '',
      }),
    );
  }
  sendJson(ctx.res, 200, recoveryFlowJson(em, { ...flow, transientPayload: false }));
}

/** The `continue_with` item that points at a replacement flow (flag on). */
const showRecoveryUi = (id: string) => [{ action: 'show_recovery_ui', flow: { id } }];

/** §11.4 `POST` (and `GET`) `/self-service/recovery?flow=`. */
export async function updateRecoveryFlow(em: Emulator, ctx: Ctx): Promise<void> {
  const submitted = await readSubmission(ctx.req, ctx.url);
  const json = isJsonRequest(ctx.req);
  const transitions = em.config.continueWithTransitions;
  // Row 1, 2.
  const id = ctx.url.searchParams.get('flow') ?? '';
  const flow = UUID.test(id) ? em.state.recoveryFlows.get(id.toLowerCase()) : undefined;
  if (!flow) {
    const error = UUID.test(id) ? errors.unknownFlowPost('recovery') : errors.flowParamMalformed();
    return json ? sendError(ctx.res, error) : toErrorUi(em, ctx, error);
  }
  const toUi = (target: string) => redirect(ctx.res, 303, withQuery(em.config.recoveryUi, { flow: target }));
  const toFlows = (target: string) =>
    redirect(ctx.res, 303, withQuery(em.url('/self-service/recovery/flows'), { id: target }));
  /** The flow itself: 200 answers by IsJSONRequest, validation errors as JSON for api flows too. */
  const answer = (status: 200 | 400) => {
    if (json || (status === 400 && flow.type === 'api')) return sendJson(ctx.res, status, recoveryFlowJson(em, flow));
    toUi(flow.id);
  };
  /**
   * `retryRecoveryFlow`: a new flow (of `type`) with `message`, the CSRF cookie rotated; flag off: (J) 303 to the
   * new flow's JSON, (B) 303 to the UI; flag on: (J) `error` with `details.continue_with`.
   */
  const retry = (message: Text, error: () => GenericError, type: FlowType = flow.type) => {
    em.regenerateCsrfToken(ctx);
    const replacement = newRecoveryFlow(
      em,
      type,
      em.url(ctx.url.pathname + ctx.url.search),
      type === 'browser' ? em.csrfToken(ctx) : '',
    );
    replacement.messages = [message];
    if (!json) return toUi(replacement.id);
    if (!transitions) return toFlows(replacement.id);
    const base = error();
    sendError(ctx.res, { ...base, details: { ...base.details, continue_with: showRecoveryUi(replacement.id) } });
  };
  const retryWith = (reason: string, type?: FlowType) =>
    retry(messages.generic(reason), () => errors.badRequest(reason), type);

  // Row 3: expired (`FromOldFlow`: same type, old request URL, no CSRF rotation).
  if (flow.expiresAt <= em.clock.now()) {
    const replacement = newRecoveryFlow(
      em,
      flow.type,
      flow.requestUrl,
      flow.type === 'browser' ? em.csrfToken(ctx) : '',
    );
    replacement.messages = [messages.recoveryFlowExpired(flow.expiresAt, em.minutesSince(flow.expiresAt))];
    if (flow.type === 'api' && transitions) {
      const base = errors.expiredPost(em.minutesSince(flow.expiresAt));
      return sendError(
        ctx.res,
        { ...base, details: { continue_with: showRecoveryUi(replacement.id) } },
        {
          expired_at: flow.expiresAt.toISOString(),
          since: (em.clock.now().getTime() - flow.expiresAt.getTime()) * 1e6,
          use_flow_id: replacement.id,
        },
      );
    }
    if (json || flow.type === 'api') return toFlows(replacement.id);
    return toUi(replacement.id);
  }
  flow.transientPayload = false;
  // Row 4: the body (POST only; the schema's email format).
  if (ctx.req.method === 'GET') {
    flow.messages = [
      messages.generic('Unable to decode body because HTTP Request Method was "GET" but only [POST] are supported.'),
    ];
    flow.nodeMessages = {};
    return answer(400);
  }
  if (!submitted || !submitted.ok) {
    flow.messages = [messages.generic(submitted?.reason ?? 'The request body is larger than the allowed 1 MiB.')];
    return answer(400);
  }
  const body: Body = submitted.value;
  const email = body['email'];
  if (typeof email === 'string' && email !== '' && !EMAIL.test(email)) {
    flow.messages = [];
    flow.nodeMessages = { email: [messages.invalidFormat(email, 'email')] };
    return answer(400);
  }
  // Row 5: CSRF.
  if (flow.type === 'browser') {
    const cookie = ctx.cookies.get(em.csrfCookieName);
    if (!cookie || body['csrf_token'] !== cookie) {
      // The new flow is stored and the cookie rotated, but the original 403 is what is answered.
      em.regenerateCsrfToken(ctx);
      newRecoveryFlow(em, 'browser', em.url(ctx.url.pathname + ctx.url.search), em.csrfToken(ctx)).messages = [
        messages.generic(errors.csrf().reason ?? ''),
      ];
      return json ? sendError(ctx.res, errors.csrf()) : toErrorUi(em, ctx, errors.csrf());
    }
  } else {
    const refused = apiFlowRefusal(em, ctx);
    if (refused) return retryWith(refused, 'browser');
  }
  const hasEmail = typeof email === 'string' && email !== '';
  // Row 6: the code step, on a flow past choose_method without an email (no session check).
  if (flow.state !== 'choose_method' && !hasEmail) return useCode(em, ctx, flow, body, json, answer, retry, retryWith);
  // Row 7: a session.
  if (em.session(ctx).session) {
    if (json) return sendError(ctx.res, errors.recoverySessionAlreadyAvailable());
    return redirect(ctx.res, 302, em.defaultReturn());
  }
  // Row 15: the email step on a passed flow (flag on, v1.3.1 panics here and closes the connection; not copied).
  if (flow.state === 'passed_challenge') {
    em.regenerateCsrfToken(ctx);
    const replacement = newRecoveryFlow(em, flow.type, em.url(ctx.url.pathname + ctx.url.search), '');
    if (flow.type === 'browser') replacement.csrfToken = em.csrfToken(ctx);
    replacement.messages = [messages.recoveryRetrySuccess()];
    return json ? toFlows(replacement.id) : toUi(replacement.id);
  }
  // Row 8: a method other than code, or a flow no strategy claims any more (`active: default`).
  if (body['method'] !== 'code' || flow.active !== 'code') {
    if (body['method'] === 'link')
      return json ? sendError(ctx.res, errors.methodDisabled()) : toErrorUi(em, ctx, errors.methodDisabled());
    flow.active = 'default';
    flow.messages = [messages.recoveryNoStrategy()];
    flow.nodeMessages = {};
    return answer(400);
  }
  flow.active = 'code';
  // Row 9: the email step.
  if (!hasEmail) {
    flow.messages = [];
    flow.nodeMessages = { email: [messages.missing('email')] };
    return answer(400);
  }
  flow.codes = [];
  flow.state = 'sent_email';
  flow.email = email;
  flow.messages = [messages.recoveryCodeSent()];
  flow.nodeMessages = {};
  flow.transientPayload = true;
  const identity = em.state.identityByEmail(email);
  if (identity) {
    const code = newCode();
    flow.codes.push({ code, address: email, identityId: identity.id, issuedAt: em.clock.now() });
    queueMessage(em, 'recovery_code_valid', identity.traits.email, code);
  }
  answer(200);
}

/** §11.4 rows 10–14. */
async function useCode(
  em: Emulator,
  ctx: Ctx,
  flow: RecoveryFlowRecord,
  body: Body,
  json: boolean,
  answer: (status: 200 | 400) => void,
  retry: (message: Text, error: () => GenericError) => void,
  retryWith: (reason: string) => void,
): Promise<void> {
  flow.submitCount++;
  if (flow.submitCount > 5) return retryWith('The request was submitted too often. Please request another code.');
  const given = typeof body['code'] === 'string' ? body['code'] : '';
  const found = given === '' ? undefined : flow.codes.find((candidate) => candidate.code === given);
  if (!found) {
    flow.messages = [messages.recoveryCodeInvalid()];
    flow.nodeMessages = {};
    flow.transientPayload = true;
    return answer(200);
  }
  const expiresAt = new Date(found.issuedAt.getTime() + em.config.codeLifespan * 1000);
  if (expiresAt <= em.clock.now()) {
    const minutes = em.minutesSince(expiresAt);
    return retry(messages.recoveryFlowExpired(expiresAt, minutes), () => errors.expiredPost(minutes));
  }
  if (found.usedAt) return retryWith('The code was already used. Please request another code.');
  found.usedAt = em.clock.now();
  const identity = found.identityId ? em.state.identities.get(found.identityId) : undefined;
  if (!identity) return answer(200);
  // §11.5: the flow passes, the address is verified, a new AAL1 session, a privileged settings flow.
  flow.state = 'passed_challenge';
  flow.messages = [];
  flow.nodeMessages = {};
  markVerified(em, identity);
  const session = em.state.newSession(identity, 'code_recovery', 'aal1', em.config.sessionLifespan, em.device(ctx));
  if (flow.type === 'browser') {
    em.issueBrowserSession(ctx, session);
    // The flow is stored again with the browser's new CSRF token.
    flow.csrfToken = em.csrfToken(ctx);
  }
  const settings = em.newSettingsFlow(
    flow.type,
    identity,
    withQuery(em.url(`/self-service/settings/${flow.type}`), { return_to: flow.returnTo }),
    flow.type === 'browser' ? em.csrfToken(ctx) : '',
  );
  await prepareTotpSetup(em, settings, identity);
  const privilegedUntil = new Date(session.authenticatedAt.getTime() + em.config.privilegedMaxAge * 1000);
  settings.messages = [messages.recovered(privilegedUntil, (em.config.privilegedMaxAge / 60).toFixed(2))];
  const target = withQuery(em.config.settingsUi, { flow: settings.id });
  const transitions = em.config.continueWithTransitions;
  if (transitions && (json || flow.type === 'api')) {
    flow.transientPayload = true;
    return sendJson(
      ctx.res,
      200,
      recoveryFlowJson(em, flow, {
        continue_with: [
          ...(flow.type === 'api' ? [{ action: 'set_ory_session_token', ory_session_token: session.token }] : []),
          { action: 'show_settings_ui', flow: { id: settings.id, url: target } },
        ],
      }),
    );
  }
  if (!json) return redirect(ctx.res, 303, target);
  sendError(ctx.res, errors.locationChange(target), { redirect_browser_to: target });
}
