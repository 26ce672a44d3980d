/*
 * The emulated OpenID Connect provider and Kratos's oidc strategy around it: linking in settings (§2.4 row 9), and
 * signing in and up from login and registration flows (docs/kratos-protocol.md §7.4 row 11 and "OIDC callback",
 * §8.4 "OIDC"): the start (422 / 303 to the provider), the provider's page, and the callback, which signs in a known
 * subject, registers a new one, or starts account linking when the email belongs to an existing identity.
 */
import { createHash, randomBytes } from 'node:crypto';
import { toErrorUi, withQuery } from './browser';
import { Ctx, Emulator } from './context';
import { errors, genericError, sendError } from './errors';
import { escapeHtml, redirect } from './http';
import { IdentityRecord, LoginFlowRecord, RegistrationFlowRecord } from './model';
import { isJsonRequest } from './negotiation';
import { OIDC_PROVIDERS } from './settings/nodes';
import { info, messages } from './ui';
import { verificationHook } from './verification';

export const providerLabel = (id: string) => OIDC_PROVIDERS.find((provider) => provider.id === id)?.label ?? id;
export const knownProvider = (id: string) => OIDC_PROVIDERS.some((provider) => provider.id === id);

/** The subject the emulated provider gives an email: stable, so the same user signs in again. */
export function subjectOf(em: Emulator, email: string): string {
  if (email === em.config.oidcUser.email && em.config.oidcUser.subject) return em.config.oidcUser.subject;
  return createHash('sha256').update(`emulated-subject:${email.toLowerCase()}`).digest('hex').slice(0, 32);
}

/**
 * Sends the browser to the emulated provider for a sign-in or link: the state is kept for the callback, the
 * continuity cookie set, then 422 `browser_location_change_required` for JSON clients and api flows, else 303.
 */
export function startOidc(
  em: Emulator,
  ctx: Ctx,
  kind: 'settings' | 'login' | 'registration',
  flowId: string,
  provider: string,
  json: boolean,
): void {
  const state = randomBytes(16).toString('hex');
  // PKCE as Kratos sends it (S256); the emulated provider does not check it.
  const challenge = createHash('sha256').update(randomBytes(32)).digest('base64url');
  const authorize = withQuery(em.url('/oidc-provider/authorize'), {
    client_id: 'kratos-emulator',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    redirect_uri: em.url(`/self-service/methods/oidc/callback/${provider}`),
    response_type: 'code',
    scope: 'openid email',
    state,
  });
  em.state.oidcStates.set(state, { flowId, provider, kind, continuity: em.setContinuityCookie(ctx) });
  if (json) sendError(ctx.res, errors.locationChange(authorize), { redirect_browser_to: authorize });
  else redirect(ctx.res, 303, authorize);
}

function page(ctx: Ctx, title: string, body: string): void {
  ctx.res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  ctx.res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40rem;margin:2rem auto"><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  );
}

/**
 * The emulated provider's page: "Continue" returns to Kratos's callback with a code for its user (the `oidcUser`
 * option, or `?login_hint=<email>`).
 */
export function providerAuthorize(em: Emulator, ctx: Ctx): void {
  const state = ctx.url.searchParams.get('state') ?? '';
  const pending = em.state.oidcStates.get(state);
  if (!pending) return page(ctx, 'Emulated provider', '<p>Unknown or used authorization request.</p>');
  const email = ctx.url.searchParams.get('login_hint') || em.config.oidcUser.email;
  const code = randomBytes(16).toString('hex');
  em.state.oidcCodes.set(code, { email, subject: subjectOf(em, email) });
  const callback = withQuery(em.url(`/self-service/methods/oidc/callback/${pending.provider}`), { state, code });
  const what =
    pending.kind === 'settings'
      ? 'Kratos asks to link your account at the emulated provider.'
      : `Sign in as ${escapeHtml(email)}?`;
  page(ctx, 'Emulated provider', `<p>${what}</p><p><a id="continue" href="${escapeHtml(callback)}">Continue</a></p>`);
}

function callbackError(em: Emulator, ctx: Ctx, reason: string): void {
  const error = genericError(400, 'The request was malformed or contained invalid parameters', { reason });
  return isJsonRequest(ctx.req) ? sendError(ctx.res, error) : toErrorUi(em, ctx, error);
}

/** `GET /self-service/methods/oidc/callback/{provider}`. */
export function oidcCallback(em: Emulator, ctx: Ctx, provider: string): void {
  const state = ctx.url.searchParams.get('state') ?? '';
  const pending = em.state.oidcStates.get(state);
  em.state.oidcStates.delete(state);
  const user = em.state.oidcCodes.get(ctx.url.searchParams.get('code') ?? '');
  em.state.oidcCodes.delete(ctx.url.searchParams.get('code') ?? '');
  if (!state)
    return callbackError(
      em,
      ctx,
      'Unable to complete OpenID Connect flow because the OpenID Provider did not return the state query parameter.',
    );
  if (!pending || pending.provider !== provider || !user)
    return callbackError(em, ctx, 'Unable to complete OpenID Connect flow because the state parameter is invalid.');

  if (pending.kind === 'settings') {
    const flow = em.state.settingsFlows.get(pending.flowId);
    if (!flow)
      return callbackError(em, ctx, 'Unable to complete OpenID Connect flow because the state parameter is invalid.');
    const identity = em.state.identities.get(flow.identityId)!;
    if (!identity.oidcProviders.includes(provider)) identity.oidcProviders.push(provider);
    identity.oidcSubjects = { ...identity.oidcSubjects, [provider]: user.subject };
    identity.updatedAt = em.clock.now().toISOString();
    flow.state = 'success';
    flow.active = 'oidc';
    flow.messages = [messages.saved()];
    return redirect(ctx.res, 303, withQuery(em.config.settingsUi, { flow: flow.id }));
  }

  const flow: LoginFlowRecord | RegistrationFlowRecord | undefined =
    pending.kind === 'login' ? em.state.loginFlows.get(pending.flowId) : em.state.registrationFlows.get(pending.flowId);
  // The state must match the browser's continuity cookie, unless an api flow asked for a session token exchange (§9):
  // then the exchange code stands in for it, and the session goes to the exchanger, not to this browser.
  const exchange = flow?.type === 'api' ? em.state.exchanges.find((e) => e.flowId === flow.id) : undefined;
  if (!flow || (!exchange && ctx.cookies.get('ory_kratos_continuity') !== pending.continuity))
    return callbackError(em, ctx, 'Unable to complete OpenID Connect flow because the state parameter is invalid.');
  const target = em.returnTarget(flow.returnTo);
  // A browser signed in already keeps its session (oidc/strategy.go alreadyAuthenticated).
  const current = em.session(ctx).session;
  if (current) {
    if (exchange) exchange.sessionId = current.id;
    return redirect(ctx.res, 303, target);
  }

  const finish = (identity: IdentityRecord) => {
    const session = em.state.newSession(identity, 'oidc', 'aal1', em.config.sessionLifespan, em.device(ctx));
    session.methods[0].provider = provider;
    if (exchange) {
      exchange.sessionId = session.id;
      return redirect(ctx.res, 303, withQuery(target, { code: exchange.returnToCode }));
    }
    em.issueBrowserSession(ctx, session);
    const needsAal2 = em.state.availableAal(identity) === 'aal2';
    redirect(ctx.res, 303, needsAal2 ? em.url('/self-service/login/browser?aal=aal2') : target);
  };
  const known = em.state.identityByOidc(provider, user.subject);
  if (known) return finish(known);
  const taken = em.state.identityByEmail(user.email);
  if (taken) return startLinking(em, ctx, flow, provider, user, taken);
  // A new subject: the login flow becomes a registration, which creates the identity from the mapper's traits.
  const identity = em.state.createIdentity({ email: user.email });
  identity.oidcProviders = [provider];
  identity.oidcSubjects = { [provider]: user.subject };
  const verification = verificationHook(em, ctx, identity, flow);
  if (!em.config.registrationSession) {
    em.regenerateCsrfToken(ctx);
    if (verification && flow.type === 'browser') verification.flow.csrfToken = em.csrfToken(ctx);
    return redirect(ctx.res, 303, target);
  }
  finish(identity);
  if (verification && flow.type === 'browser') verification.flow.csrfToken = em.csrfToken(ctx);
}

/**
 * v1.3.1's account linking: a new login flow for the existing identity, its identifier hidden, the credential parked
 * until that identity signs in on it (docs/kratos-protocol.md §7.4).
 */
function startLinking(
  em: Emulator,
  ctx: Ctx,
  from: LoginFlowRecord | RegistrationFlowRecord,
  provider: string,
  user: { subject: string; email: string },
  identity: IdentityRecord,
): void {
  const flow = em.newLoginFlow('browser', from.requestUrl, em.csrfToken(ctx), { refresh: false, aal: 'aal1' });
  flow.returnTo = from.returnTo;
  flow.active = 'oidc';
  flow.identifier = identity.traits.email;
  flow.linking = { provider, subject: user.subject, email: user.email };
  const label = providerLabel(provider);
  flow.messages = [
    info(
      1010016,
      `You tried to sign in with "${user.email}", but that email is already used by another account. Sign in to your account with one of the options below to add your account "${user.email}" at "${label}" as another way to sign in.`,
      {
        available_credential_types: [],
        available_providers: [],
        duplicateIdentifier: user.email,
        duplicate_identifier: user.email,
        newLoginUrl: em.config.loginUi,
        new_login_url: em.config.loginUi,
        provider: label,
      },
    ),
  ];
  redirect(ctx.res, 303, withQuery(em.config.loginUi, { flow: flow.id, no_org_ui: 'true' }));
}
