/*
 * Verification with the `code` method, row by row of docs/kratos-protocol.md §12 (Kratos v1.3.1's
 * selfservice/flow/verification and selfservice/strategy/code/strategy_verification.go): browser and api flows, the
 * email step, the mail's link, codes, replacements answered with a 410 and `use_flow_id`, and the verification hook
 * behind `show_verification_ui` (§12.6).
 */
import { goUrlParseError, sendFlowExpired, toErrorUi, UUID, withQuery } from './browser';
import { Ctx, Emulator } from './context';
import { apiFlowRefusal } from './api-flows';
import { newCode, queueMessage } from './courier';
import { errors, GenericError, sendError } from './errors';
import { readSubmission, redirect, sendJson } from './http';
import { FlowType, IdentityRecord, Node, VerificationFlowRecord } from './model';
import { acceptsJson, isJsonRequest } from './negotiation';
import { EMAIL } from './traits';
import { csrfNode, info, input, messages, submit } from './ui';

type Body = Record<string, unknown>;

export function newVerificationFlow(
  em: Emulator,
  type: FlowType,
  requestUrl: string,
  csrfToken: string,
): VerificationFlowRecord {
  const flow: VerificationFlowRecord = {
    ...em.flowBase(type, requestUrl, csrfToken),
    kind: 'verification',
    state: 'choose_method',
    active: 'code',
    codes: [],
    submitCount: 0,
  };
  em.state.verificationFlows.set(flow.id, flow);
  return flow;
}

/** The continue URL of a passed flow (`flow.go ContinueURL`): its allowed `return_to`, else the default return URL. */
const continueUrl = (em: Emulator, flow: VerificationFlowRecord) => em.returnTarget(flow.returnTo);

function verificationNodes(em: Emulator, flow: VerificationFlowRecord): Node[] {
  const browser = flow.type === 'browser';
  const csrf = csrfNode(browser ? flow.csrfToken : '');
  let nodes: Node[];
  if (flow.state === 'passed_challenge') {
    const href = continueUrl(em, flow);
    const label = info(1070009, 'Continue');
    nodes = [
      csrf,
      {
        type: 'a',
        group: 'code',
        attributes: { href, title: label, id: 'continue', node_type: 'a' },
        messages: [],
        meta: { label },
      },
    ];
  } else if (flow.state === 'sent_email') {
    nodes = [
      input('code', 'method', 'hidden', { value: 'code' }),
      input(
        'code',
        'code',
        'text',
        { required: true, ...(flow.prefilledCode !== undefined ? { value: flow.prefilledCode } : {}) },
        info(1070011, 'Verification code'),
      ),
      submit('code', 'method', 'code', info(1070009, 'Continue')),
      ...(browser ? [csrf] : []),
      ...(flow.email !== undefined ? [submit('code', 'email', flow.email, info(1070008, 'Resend code'))] : []),
    ];
  } else {
    nodes = [
      input('code', 'email', 'email', { required: true }, info(1070007, 'Email')),
      submit('code', 'method', 'code', info(1070009, 'Continue')),
      ...(browser ? [csrf] : []),
    ];
  }
  for (const node of nodes) {
    const name = node.attributes['name'];
    if (typeof name === 'string' && node.attributes['type'] !== 'submit' && flow.nodeMessages[name])
      node.messages = flow.nodeMessages[name];
  }
  return nodes;
}

export function verificationFlowJson(em: Emulator, flow: VerificationFlowRecord): Record<string, unknown> {
  const passed = flow.state === 'passed_challenge';
  return {
    id: flow.id,
    type: flow.type,
    expires_at: flow.expiresAt.toISOString(),
    issued_at: flow.issuedAt.toISOString(),
    request_url: flow.requestUrl,
    ...(flow.returnTo ? { return_to: flow.returnTo } : {}),
    active: flow.active,
    ui: {
      action: passed ? continueUrl(em, flow) : em.url(`/self-service/verification?flow=${flow.id}`),
      method: passed ? 'GET' : 'POST',
      nodes: verificationNodes(em, flow),
      ...(flow.messages.length ? { messages: flow.messages } : {}),
    },
    state: flow.state,
    ...(flow.transientPayload ? { transient_payload: {} } : {}),
  };
}

/** Sends a code for the flow to `address` when it is an identity's (unknown addresses get nothing, §12.4 row 14). */
function sendCode(em: Emulator, flow: VerificationFlowRecord, address: string): void {
  flow.codes = [];
  const identity = em.state.identityByEmail(address);
  if (!identity) return;
  const code = newCode();
  flow.codes.push({ code, address, identityId: identity.id, issuedAt: em.clock.now() });
  if (!identity.addressVerified) identity.addressStatus = 'sent';
  queueMessage(em, 'verification_code_valid', identity.traits.email, code, flow.id);
}

/**
 * Kratos's verification hook (§12.6) for an address not yet verified: a verification flow of the parent flow's type,
 * already in `sent_email`, its code queued. Returns the `show_verification_ui` item (with the UI URL for browser
 * flows) and the flow (whose CSRF token the caller binds once the browser's cookie is settled), or undefined.
 */
export function verificationHook(
  em: Emulator,
  ctx: Ctx,
  identity: IdentityRecord,
  parent: { type: FlowType; requestUrl: string },
): { item: Record<string, unknown>; flow: VerificationFlowRecord } | undefined {
  if (identity.addressVerified || !em.config.verificationEnabled) return undefined;
  const requestUrl = new URL(parent.requestUrl);
  const after = requestUrl.searchParams.get('after_verification_return_to');
  requestUrl.searchParams.delete('after_verification_return_to');
  requestUrl.searchParams.delete('return_to');
  if (after) requestUrl.searchParams.set('return_to', after);
  const flow = newVerificationFlow(
    em,
    parent.type,
    requestUrl.href,
    parent.type === 'browser' ? em.csrfToken(ctx) : '',
  );
  flow.state = 'sent_email';
  flow.address = identity.traits.email;
  flow.messages = [messages.verificationCodeSent()];
  sendCode(em, flow, identity.traits.email);
  const url = withQuery(em.config.verificationUi, { flow: flow.id });
  return {
    item: {
      action: 'show_verification_ui',
      flow: { id: flow.id, verifiable_address: identity.traits.email, ...(parent.type === 'browser' ? { url } : {}) },
    },
    flow,
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

/** §12.2 `GET /self-service/verification/browser`. */
export function createBrowserVerificationFlow(em: Emulator, ctx: Ctx): void {
  const fail = (error: GenericError) =>
    isJsonRequest(ctx.req) ? sendError(ctx.res, error) : toErrorUi(em, ctx, error);
  if (!em.config.verificationEnabled) return fail(errors.flowDisabled('Verification'));
  const refused = returnToError(em, ctx.url.searchParams.get('return_to'));
  if (refused) return fail(refused);
  const flow = newVerificationFlow(em, 'browser', em.url(ctx.url.pathname + ctx.url.search), em.csrfToken(ctx));
  if (acceptsJson(ctx.req)) return sendJson(ctx.res, 200, verificationFlowJson(em, flow));
  redirect(ctx.res, 303, withQuery(em.config.verificationUi, { flow: flow.id }));
}

/** §12.2 `GET /self-service/verification/api`: always JSON, no CSRF cookie, no CSRF node. */
export function createNativeVerificationFlow(em: Emulator, ctx: Ctx): void {
  if (!em.config.verificationEnabled) return sendError(ctx.res, errors.flowDisabled('Verification'));
  const refused = returnToError(em, ctx.url.searchParams.get('return_to'));
  if (refused) return sendError(ctx.res, refused);
  const flow = newVerificationFlow(em, 'api', em.url(ctx.url.pathname + ctx.url.search), '');
  sendJson(ctx.res, 200, verificationFlowJson(em, flow));
}

/** §12.3 `GET /self-service/verification/flows?id=`: JSON whatever the Accept. */
export function getVerificationFlow(em: Emulator, ctx: Ctx): void {
  if (!em.config.verificationEnabled) return sendError(ctx.res, errors.flowDisabled('Verification'));
  const id = ctx.url.searchParams.get('id') ?? '';
  const flow = UUID.test(id) ? em.state.verificationFlows.get(id.toLowerCase()) : undefined;
  if (!flow) return sendError(ctx.res, errors.notFoundGet());
  if (flow.type === 'browser' && ctx.cookies.get(em.csrfCookieName) !== flow.csrfToken)
    return sendError(ctx.res, errors.csrf());
  if (flow.expiresAt <= em.clock.now()) {
    const details =
      flow.type === 'browser'
        ? {
            redirect_to: withQuery(em.url('/self-service/verification/browser'), { return_to: flow.returnTo }),
            return_to: flow.returnTo ?? '',
          }
        : { api: em.url('/self-service/verification/api') };
    return sendError(ctx.res, errors.expiredSelfServiceGet('verification', flow.type, details));
  }
  sendJson(ctx.res, 200, verificationFlowJson(em, { ...flow, transientPayload: false }));
}

/** §12.4 `POST` (and `GET`) `/self-service/verification?flow=`. */
export async function updateVerificationFlow(em: Emulator, ctx: Ctx): Promise<void> {
  const submitted = await readSubmission(ctx.req, ctx.url);
  const json = isJsonRequest(ctx.req);
  // After the strategy: x.IsBrowserRequest, whatever the flow's type (no Accept header counts as a browser).
  const browserAnswer = !acceptsJson(ctx.req);
  const id = ctx.url.searchParams.get('flow') ?? '';
  const flow = UUID.test(id) ? em.state.verificationFlows.get(id.toLowerCase()) : undefined;
  if (!flow) {
    const error = UUID.test(id) ? errors.unknownFlowPost('verification') : errors.flowParamMalformed();
    return json ? sendError(ctx.res, error) : toErrorUi(em, ctx, error);
  }
  const toUi = (target: VerificationFlowRecord) =>
    redirect(ctx.res, 303, withQuery(em.config.verificationUi, { flow: target.id }));
  const answer = (status: 200 | 400) => {
    if (status === 400 ? !(json || flow.type === 'api') : browserAnswer) return toUi(flow);
    sendJson(ctx.res, status, verificationFlowJson(em, flow));
  };
  /** A new flow of the same type with `message`, the CSRF cookie rotated; (J) the 410, (B) 303 to the UI. */
  const replace = (message: ReturnType<typeof messages.generic>, send: (replacement: string) => void) => {
    em.regenerateCsrfToken(ctx);
    const replacement = newVerificationFlow(
      em,
      flow.type,
      em.url(ctx.url.pathname + ctx.url.search),
      flow.type === 'browser' ? em.csrfToken(ctx) : '',
    );
    replacement.messages = [message];
    if (!json) return toUi(replacement);
    send(replacement.id);
  };

  // Row 2: expired. `FromOldFlow` makes a browser flow, whatever the old one's type.
  if (flow.expiresAt <= em.clock.now()) {
    em.regenerateCsrfToken(ctx);
    const replacement = newVerificationFlow(em, 'browser', flow.requestUrl, em.csrfToken(ctx));
    replacement.messages = [messages.verificationFlowExpired(flow.expiresAt, em.minutesSince(flow.expiresAt))];
    if (json || flow.type === 'api')
      return redirect(ctx.res, 303, withQuery(em.url('/self-service/verification/flows'), { id: replacement.id }));
    return toUi(replacement);
  }
  flow.transientPayload = false;
  // Row 3: the body.
  if (!submitted || !submitted.ok) {
    flow.messages = [messages.generic(submitted?.reason ?? 'The request body is larger than the allowed 1 MiB.')];
    return answer(400);
  }
  const body: Body = submitted.value;
  const code = typeof body['code'] === 'string' ? body['code'] : undefined;
  // Row 4: no strategy; the messages pile up.
  if (body['method'] !== 'code' && code === undefined) {
    flow.active = 'default';
    flow.messages = [...flow.messages, messages.verificationNoStrategy()];
    return answer(400);
  }
  flow.active = 'code';
  // Row 5: a passed flow.
  if (flow.state === 'passed_challenge') {
    return replace(messages.verificationRetrySuccess(), (replacement) =>
      sendError(ctx.res, errors.flowReplaced('An error occured, please use the new flow.'), {
        use_flow_id: replacement,
      }),
    );
  }
  const email = typeof body['email'] === 'string' && body['email'] !== '' ? body['email'] : undefined;
  if (code !== undefined && email === undefined) {
    // Row 6: the mail's link pre-fills the code and binds the flow to this browser.
    if (ctx.req.method === 'GET') {
      flow.prefilledCode = code;
      if (flow.type === 'browser') flow.csrfToken = em.regenerateCsrfToken(ctx);
      return toUi(flow);
    }
    // Rows 7–11: no CSRF check.
    flow.submitCount++;
    if (flow.submitCount > 5) {
      return replace(
        messages.generic('The request was submitted too often. Please request another code.'),
        (replacement) =>
          sendError(ctx.res, errors.flowReplaced('An error occured, please retry the flow.'), {
            use_flow_id: replacement,
          }),
      );
    }
    const found = code === '' ? undefined : flow.codes.find((candidate) => candidate.code === code);
    if (!found) {
      flow.messages = [messages.verificationCodeInvalid()];
      flow.transientPayload = true;
      return answer(200);
    }
    const expiresAt = new Date(found.issuedAt.getTime() + em.config.codeLifespan * 1000);
    if (expiresAt <= em.clock.now()) {
      return replace(messages.verificationFlowExpired(expiresAt, em.minutesSince(expiresAt)), (replacement) =>
        sendFlowExpired(em, ctx, expiresAt, replacement),
      );
    }
    // §12.5: verified.
    found.usedAt = em.clock.now();
    const identity = found.identityId ? em.state.identities.get(found.identityId) : undefined;
    if (identity) markVerified(em, identity);
    flow.state = 'passed_challenge';
    flow.messages = [messages.verified()];
    flow.nodeMessages = {};
    return answer(200);
  }
  // Row 12: neither a code nor an address.
  if (email === undefined) {
    flow.messages = [];
    flow.nodeMessages = { email: [messages.missing('email')] };
    return answer(400);
  }
  if (!EMAIL.test(email)) {
    flow.messages = [];
    flow.nodeMessages = { email: [messages.invalidFormat(email, 'email')] };
    return answer(400);
  }
  // Row 13: CSRF for the email step.
  if (flow.type === 'browser') {
    const cookie = ctx.cookies.get(em.csrfCookieName);
    if (!cookie || body['csrf_token'] !== cookie)
      return json ? sendError(ctx.res, errors.csrf()) : toErrorUi(em, ctx, errors.csrf());
  } else {
    const refused = apiFlowRefusal(em, ctx);
    if (refused) {
      flow.messages = [...flow.messages, messages.generic(refused)];
      return answer(400);
    }
  }
  // Row 14: the email step.
  flow.state = 'sent_email';
  flow.email = email;
  flow.address = email;
  flow.prefilledCode = undefined;
  flow.nodeMessages = {};
  flow.messages = [messages.verificationCodeSent()];
  sendCode(em, flow, email);
  answer(200);
}

/** The address verified (§12.5; recovery does the same, §11.5). */
export function markVerified(em: Emulator, identity: IdentityRecord): void {
  identity.addressVerified = true;
  identity.addressStatus = 'completed';
  identity.verifiedAt = em.clock.now().toISOString();
}
