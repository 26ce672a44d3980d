/* The settings flow's endpoints, row by row of docs/kratos-protocol.md §2.1–2.4, in Kratos's evaluation order. */
import { randomBytes } from 'node:crypto';
import { goUrlParseError, sendFlowExpired, toErrorUi, UUID, withQuery } from '../browser';
import { Ctx, Emulator } from '../context';
import { errors, sendError } from '../errors';
import { readSubmission, redirect, sendJson } from '../http';
import { SessionRecord, SettingsFlowRecord } from '../model';
import { acceptsJson, isJsonRequest } from '../negotiation';
import { messages } from '../ui';
import { verificationHook } from '../verification';
import { prepareTotpSetup, settingsFlowJson } from './nodes';
import { runStrategy, StrategyOutcome } from './strategies';

function requestUrl(em: Emulator, ctx: Ctx): string {
  return em.url(ctx.url.pathname + ctx.url.search);
}

/** `<public>/self-service/login/browser?aal=aal2[&return_to=…]` (§1.5; keys sorted). */
function aal2Url(em: Emulator, returnTo?: string): string {
  return withQuery(em.url('/self-service/login/browser'), { aal: 'aal2', return_to: returnTo });
}

function needsAal2(em: Emulator, session: SessionRecord): boolean {
  return session.aal === 'aal1' && em.state.availableAal(em.identity(session)) === 'aal2';
}

/** Checks `return_to`; answers and returns false when it is refused (§2.1 row 3). */
function returnToOk(em: Emulator, ctx: Ctx, json: boolean): boolean {
  const returnTo = ctx.url.searchParams.get('return_to');
  if (returnTo === null || returnTo === '') return true;
  const verdict = em.returnToAllowed(returnTo);
  if (verdict === 'ok') return true;
  const error =
    verdict === 'forbidden'
      ? errors.returnToForbidden(em.returnToShown(returnTo))
      : errors.returnToUnparsable(goUrlParseError(returnTo));
  if (json) sendError(ctx.res, error);
  else toErrorUi(em, ctx, error);
  return false;
}

/** §2.1 `GET /self-service/settings/browser`. */
export async function createBrowserFlow(em: Emulator, ctx: Ctx): Promise<void> {
  const json = isJsonRequest(ctx.req);
  const returnTo = ctx.url.searchParams.get('return_to') || undefined;
  const { session } = em.session(ctx);
  if (!session) {
    if (json) return sendError(ctx.res, errors.sessionInactiveBrowserInit());
    return redirect(ctx.res, 303, withQuery(em.url('/self-service/login/browser'), { return_to: returnTo }));
  }
  if (needsAal2(em, session)) {
    const target = aal2Url(em, returnTo ? requestUrl(em, ctx) : undefined);
    if (json) return sendError(ctx.res, errors.aal2Required(target), { redirect_browser_to: target });
    return redirect(ctx.res, 303, target);
  }
  if (!returnToOk(em, ctx, json)) return;
  const identity = em.identity(session);
  abortContinuity(em, ctx);
  const flow = em.newSettingsFlow('browser', identity, requestUrl(em, ctx), em.csrfToken(ctx));
  await prepareTotpSetup(em, flow, identity);
  // Success is negotiated with AcceptsJSON, which ignores Content-Type (§1.1).
  if (acceptsJson(ctx.req)) return sendJson(ctx.res, 200, settingsFlowJson(em, flow));
  redirect(ctx.res, 303, withQuery(em.config.settingsUi, { flow: flow.id }));
}

/** §2.2 `GET /self-service/settings/api`: always JSON, no CSRF cookie. */
export async function createNativeFlow(em: Emulator, ctx: Ctx): Promise<void> {
  const { session } = em.session(ctx);
  if (!session) return sendError(ctx.res, errors.sessionInactiveApiInit());
  if (needsAal2(em, session)) {
    const target = aal2Url(em);
    return sendError(ctx.res, errors.aal2Required(target), { redirect_browser_to: target });
  }
  if (!returnToOk(em, ctx, true)) return;
  const identity = em.identity(session);
  const flow = em.newSettingsFlow('api', identity, requestUrl(em, ctx), randomBytes(32).toString('base64url'));
  await prepareTotpSetup(em, flow, identity);
  sendJson(ctx.res, 200, settingsFlowJson(em, flow));
}

/** §2.3 `GET /self-service/settings/flows?id=`: errors after the session check are always JSON. */
export function getFlow(em: Emulator, ctx: Ctx): void {
  const { session } = em.session(ctx);
  if (!session) {
    if (isJsonRequest(ctx.req)) return sendError(ctx.res, errors.unauthorizedNoId());
    return redirect(ctx.res, 302, em.config.loginUi);
  }
  const id = ctx.url.searchParams.get('id') ?? '';
  const flow = UUID.test(id) ? em.state.settingsFlows.get(id.toLowerCase()) : undefined;
  if (!flow) return sendError(ctx.res, errors.notFoundGet());
  if (flow.identityId !== session.identityId) return sendError(ctx.res, errors.identityMismatchGet());
  if (needsAal2(em, session)) {
    const target = aal2Url(em, withQuery(em.config.settingsUi, { flow: flow.id }));
    return sendError(ctx.res, errors.aal2Required(target), { redirect_browser_to: target });
  }
  if (flow.expiresAt <= em.clock.now()) {
    const details =
      flow.type === 'browser'
        ? {
            redirect_to: withQuery(em.url('/self-service/settings/browser'), { return_to: flow.returnTo }),
            return_to: flow.returnTo ?? '',
          }
        : { api: em.url('/self-service/settings/api') };
    return sendError(ctx.res, errors.expiredGet(flow.type, details));
  }
  sendJson(ctx.res, 200, settingsFlowJson(em, flow));
}

/** §2.4 `POST /self-service/settings?flow=`. */
export async function updateFlow(em: Emulator, ctx: Ctx): Promise<void> {
  const submitted = await readSubmission(ctx.req, ctx.url);
  // Rows 1–3 come before the flow is loaded, so only IsJSONRequest decides (docs/kratos-protocol.md §1.1).
  const earlyJson = isJsonRequest(ctx.req);
  const { session } = em.session(ctx);
  if (!session) {
    if (earlyJson) return sendError(ctx.res, errors.unauthorizedNoId());
    return redirect(ctx.res, 302, em.config.loginUi);
  }
  const id = ctx.url.searchParams.get('flow') ?? '';
  if (!UUID.test(id)) {
    return earlyJson
      ? sendError(ctx.res, errors.flowParamMalformed())
      : toErrorUi(em, ctx, errors.flowParamMalformed());
  }
  const flow = em.state.settingsFlows.get(id.toLowerCase());
  if (!flow) return earlyJson ? sendError(ctx.res, errors.notFoundPost()) : toErrorUi(em, ctx, errors.notFoundPost());

  // From here on, api flows always get JSON (§1.1, "flow type").
  const json = flow.type === 'api' || earlyJson;
  if (needsAal2(em, session)) {
    const target = aal2Url(em, requestUrl(em, ctx));
    if (json) return sendError(ctx.res, errors.aal2Required(target), { redirect_browser_to: target });
    return redirect(ctx.res, 303, target);
  }
  if (flow.expiresAt <= em.clock.now()) {
    const replacement = em.newSettingsFlow(flow.type, em.identity(session), flow.requestUrl, flow.csrfToken);
    await prepareTotpSetup(em, replacement, em.identity(session));
    replacement.messages = [messages.flowExpired(flow.expiresAt, em.minutesSince(flow.expiresAt))];
    if (!json) return redirect(ctx.res, 303, withQuery(em.config.settingsUi, { flow: replacement.id }));
    return sendFlowExpired(em, ctx, flow.expiresAt, replacement.id);
  }
  if (flow.identityId !== session.identityId) {
    return json ? sendError(ctx.res, errors.identityMismatchPost()) : toErrorUi(em, ctx, errors.identityMismatchPost());
  }

  const answerFlow = (status: 200 | 400) => {
    if (json) return sendJson(ctx.res, status, settingsFlowJson(em, flow));
    redirect(ctx.res, 303, withQuery(em.config.settingsUi, { flow: flow.id }));
  };

  const body = submitted;
  if (!body || !body.ok) {
    // A body Kratos cannot decode is a herodot 400, which the settings error handler turns into the flow (row 10).
    flow.messages = [messages.generic(body?.reason ?? 'The request body is larger than the allowed 1 MiB.')];
    return answerFlow(400);
  }

  const outcome: StrategyOutcome = await runStrategy(em, ctx, flow, session, body.value, json);
  switch (outcome.kind) {
    case 'answered':
      return;
    case 'invalid':
      return answerFlow(400);
    case 'show':
      return answerFlow(200);
    case 'success':
      return success(em, ctx, flow, session, json);
  }
}

function success(em: Emulator, ctx: Ctx, flow: SettingsFlowRecord, session: SessionRecord, json: boolean): void {
  flow.state = 'success';
  flow.messages = [messages.saved()];
  flow.nodeValues = {};
  flow.nodeMessages = {};
  const identity = em.identity(session);
  if (!em.state.isLive(session)) return sendError(ctx.res, errors.unauthorizedNoId());
  if (flow.type === 'browser') em.setSessionCookie(ctx, session);
  abortContinuity(em, ctx);
  const returnTo = flow.returnTo && em.returnToAllowed(flow.returnTo) === 'ok' ? flow.returnTo : undefined;
  const target = returnTo ?? withQuery(em.config.settingsUi, { flow: flow.id });
  if (!json) return redirect(ctx.res, 303, target);
  const continueWith: Record<string, unknown>[] = [];
  // v1.3.1's verification hook, after any change: an address still `pending` gets a verification flow (and its code
  // is queued at the courier), so the first change after an import or an email change shows show_verification_ui.
  if (identity.addressStatus === 'pending') {
    const made = verificationHook(em, ctx, identity, flow);
    if (made) continueWith.push(made.item);
  }
  // Browser flows answered as JSON tell the SPA where a browser would have gone (Kratos ≥ v1.3); api flows do not.
  if (flow.type === 'browser') continueWith.push({ action: 'redirect_browser_to', redirect_browser_to: target });
  sendJson(ctx.res, 200, settingsFlowJson(em, flow, continueWith.length ? { continue_with: continueWith } : {}));
}

/**
 * Kratos drops a parked submission when a settings flow is created or a change succeeds (ContinuityManager.Abort),
 * which rewrites the continuity cookie the browser sent.
 */
function abortContinuity(em: Emulator, ctx: Ctx): void {
  if (ctx.cookies.has('ory_kratos_continuity')) em.setContinuityCookie(ctx);
}
