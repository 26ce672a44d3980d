/*
 * The settings strategies (docs/kratos-protocol.md §5): which one claims the body, then in Kratos's order CSRF (§1.2) →
 * privileged session (§2.4 row 8) → validation (row 10) → the change (row 13).
 */
import { randomBytes } from 'node:crypto';
import { apiFlowRefusal } from '../api-flows';
import { toErrorUi, withQuery } from '../browser';
import { Ctx, Emulator } from '../context';
import { errors, sendError } from '../errors';
import { redirect } from '../http';
import { IdentityRecord, SessionRecord, SettingsFlowRecord, Text } from '../model';
import { verifyTotp } from '../totp';
import { messages } from '../ui';
import { OIDC_PROVIDERS, prepareTotpSetup } from './nodes';
import { startOidc } from '../oidc';

export type StrategyOutcome = { kind: 'answered' } | { kind: 'invalid' } | { kind: 'show' } | { kind: 'success' };

type Body = Record<string, unknown>;
type Method = 'password' | 'profile' | 'totp' | 'lookup_secret' | 'oidc' | 'webauthn' | 'passkey';

const truthy = (value: unknown) => value === true || value === 'true';
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Which strategy claims the request (§5, "how the strategy claims the request"). */
function claim(body: Body): Method | undefined {
  if (truthy(body['totp_unlink']) || body['method'] === 'totp') return 'totp';
  if (nonEmpty(body['webauthn_register']) || nonEmpty(body['webauthn_remove'])) return 'webauthn';
  if (['reveal', 'regenerate', 'confirm', 'disable'].some((flag) => truthy(body[`lookup_secret_${flag}`])))
    return 'lookup_secret';
  if (nonEmpty(body['link']) || nonEmpty(body['unlink'])) return 'oidc';
  if (nonEmpty(body['passkey_settings_register']) || nonEmpty(body['passkey_remove'])) return 'passkey';
  if (body['method'] === 'password' || body['method'] === 'profile') return body['method'];
  return undefined;
}

export async function runStrategy(
  em: Emulator,
  ctx: Ctx,
  flow: SettingsFlowRecord,
  session: SessionRecord,
  body: Body,
  json: boolean,
): Promise<StrategyOutcome> {
  flow.nodeValues = {};
  flow.nodeMessages = {};
  // v1.3.1 answers every submit with this submit's messages only: an earlier "saved" goes, though the state stays.
  flow.messages = [];
  flow.transientPayload = false;
  const method = claim(body);
  // The GET form of the submit, with nothing parked: a query that no strategy before lookup_secret claims reaches
  // lookup_secret's decoder, which takes no GET (docs/kratos-protocol.md §2.4), so "no strategy" never comes.
  if (ctx.req.method === 'GET' && (method === undefined || method === 'lookup_secret')) {
    flow.messages = [
      messages.generic(
        'Unable to decode body because HTTP Request Method was "GET" but only [POST PUT PATCH] are supported.',
      ),
    ];
    return { kind: 'invalid' };
  }
  if (!method) {
    flow.messages = [messages.noStrategy()];
    return { kind: 'invalid' };
  }
  flow.active = method;
  const identity = em.identity(session);
  // §2.4 row 12: a switched-off method's strategy answers 404 before anything else (flow.MethodEnabledAndAllowed).
  if (em.config.disabledMethods.includes(method)) {
    if (json) sendError(ctx.res, errors.methodDisabled());
    else toErrorUi(em, ctx, errors.methodDisabled());
    return { kind: 'answered' };
  }

  // The profile strategy decodes its body against the identity schema first: a schema error is a 400 before the CSRF
  // token is looked at (v1.3.1, strategy/profile/strategy.go).
  if (method === 'profile' && !validProfile(flow, body)) return { kind: 'invalid' };

  // CSRF: every strategy but oidc checks it (docs/kratos-protocol.md §1.2).
  if (method !== 'oidc') {
    const refusal = csrfRefusal(em, ctx, flow, body);
    if (refusal && 'api' in refusal) {
      flow.messages = [messages.generic(refusal.api)];
      return { kind: 'invalid' };
    }
    if (refusal) {
      if (json) sendError(ctx.res, refusal);
      else toErrorUi(em, ctx, refusal);
      return { kind: 'answered' };
    }
  }

  const profileChangesEmail =
    method === 'profile' &&
    typeof traitsOf(body)?.['email'] === 'string' &&
    traitsOf(body)!['email'] !== identity.traits.email;
  const privileged = method !== 'profile' || profileChangesEmail;
  if (privileged && em.clock.now().getTime() - session.authenticatedAt.getTime() > em.config.privilegedMaxAge * 1000) {
    const target = withQuery(em.url('/self-service/login/browser'), {
      refresh: 'true',
      return_to: em.url(`/self-service/settings?flow=${flow.id}`),
    });
    // Kratos parks a browser flow's submission in the continuity cookie before it sends the user to re-authenticate.
    if (flow.type === 'browser') em.setContinuityCookie(ctx);
    if (json) sendError(ctx.res, errors.refreshRequired(), { redirect_browser_to: target });
    else redirect(ctx.res, 303, target);
    return { kind: 'answered' };
  }

  switch (method) {
    case 'password':
      return password(em, flow, identity, body);
    case 'profile':
      return profile(em, flow, identity, body);
    case 'totp':
      return upgrade(em, session, 'totp', await totp(em, flow, identity, body), !truthy(body['totp_unlink']));
    case 'lookup_secret':
      return upgrade(
        em,
        session,
        'lookup_secret',
        lookup(em, flow, identity, body),
        truthy(body['lookup_secret_confirm']),
      );
    case 'oidc':
      return oidc(em, ctx, flow, identity, body, json);
    case 'webauthn':
      return upgrade(em, session, 'webauthn', webauthn(em, flow, identity, body), nonEmpty(body['webauthn_register']));
    case 'passkey':
      return passkey(em, flow, identity, body);
  }
}

/**
 * Adding a second factor in settings also adds it to the current session as an AAL2 method, as Kratos's totp,
 * lookup and webauthn strategies do; otherwise the user would be locked out of settings by their own new factor.
 */
function upgrade(
  em: Emulator,
  session: SessionRecord,
  method: string,
  outcome: StrategyOutcome,
  adds: boolean,
): StrategyOutcome {
  if (outcome.kind === 'success' && adds) {
    session.aal = 'aal2';
    session.methods.push({ method, aal: 'aal2', completed_at: em.clock.now().toISOString() });
  }
  return outcome;
}

/** `flow.EnsureCSRF` (§1.2): browser flows compare the body's token with the cookie; api flows refuse browsers. */
function csrfRefusal(em: Emulator, ctx: Ctx, flow: SettingsFlowRecord, body: Body) {
  if (flow.type === 'api') {
    const refused = apiFlowRefusal(em, ctx);
    return refused ? { api: refused } : undefined;
  }
  const cookie = ctx.cookies.get(em.csrfCookieName);
  // Settings strategies read the body field only; X-CSRF-Token is only mentioned in hints (§1.2).
  const sent = typeof body['csrf_token'] === 'string' ? body['csrf_token'] : undefined;
  if (!cookie || sent !== cookie || flow.csrfToken !== cookie) return errors.csrf();
  return undefined;
}

function fail(flow: SettingsFlowRecord, node: string, message: Text): StrategyOutcome {
  flow.nodeMessages[node] = [...(flow.nodeMessages[node] ?? []), message];
  return { kind: 'invalid' };
}

function touch(em: Emulator, identity: IdentityRecord): void {
  identity.updatedAt = em.clock.now().toISOString();
}

function password(em: Emulator, flow: SettingsFlowRecord, identity: IdentityRecord, body: Body): StrategyOutcome {
  const value = body['password'];
  if (typeof value !== 'string' || value === '') return fail(flow, 'password', messages.missing('password'));
  if (value.length < 8) return fail(flow, 'password', messages.passwordTooShort(8, value.length));
  // Kratos v1.3.1 accepts the current password again (4000039, "must be different", came later).
  identity.password = value;
  touch(em, identity);
  return { kind: 'success' };
}

function traitsOf(body: Body): Record<string, unknown> | undefined {
  const traits = body['traits'];
  return typeof traits === 'object' && traits !== null && !Array.isArray(traits)
    ? (traits as Record<string, unknown>)
    : undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The identity schema: `email` (required, format email), `name.first`, `name.last` (strings). The submitted traits
 * replace the identity's whole, as Kratos does: a change that leaves out `name` removes it.
 */
function profileTraits(body: Body) {
  const traits = traitsOf(body) ?? {};
  const rawName = traits['name'];
  const name = (typeof rawName === 'object' && rawName !== null ? rawName : {}) as Record<string, unknown>;
  return { email: traits['email'], name };
}

/** The identity schema's checks, with Kratos's messages on the nodes; the typed values echoed back. */
function validProfile(flow: SettingsFlowRecord, body: Body): boolean {
  const { email, name } = profileTraits(body);
  flow.nodeValues = { 'traits.email': email, 'traits.name.first': name['first'], 'traits.name.last': name['last'] };
  let valid = true;
  if (typeof email !== 'string' || email === '') {
    fail(flow, 'traits.email', messages.missing('email'));
    valid = false;
  } else if (!EMAIL.test(email)) {
    fail(flow, 'traits.email', messages.invalidFormat(email, 'email'));
    valid = false;
  }
  for (const key of ['first', 'last'] as const) {
    if (name[key] !== undefined && typeof name[key] !== 'string') {
      fail(flow, `traits.name.${key}`, messages.wrongType(typeof name[key], 'string'));
      valid = false;
    }
  }
  return valid;
}

function profile(em: Emulator, flow: SettingsFlowRecord, identity: IdentityRecord, body: Body): StrategyOutcome {
  const { email, name } = profileTraits(body);
  if (email !== identity.traits.email) {
    identity.addressStatus = 'pending'; // a new address to verify
    identity.addressVerified = false;
  }
  // Kratos decodes the traits by the schema, so `name` is always there, empty when nothing of it was sent.
  const kept = Object.fromEntries(Object.entries(name).filter(([key]) => key === 'first' || key === 'last'));
  identity.traits = { email: email as string, name: kept as { first?: string; last?: string } };
  touch(em, identity);
  // v1.3.1 then shows the changed identity without `state_changed_at` (the profile strategy's answer, and whoami
  // from then on: the update stores none).
  flow.identityUpdated = true;
  identity.stateChangedAtCleared = true;
  flow.nodeValues = {};
  return { kind: 'success' };
}

async function totp(
  em: Emulator,
  flow: SettingsFlowRecord,
  identity: IdentityRecord,
  body: Body,
): Promise<StrategyOutcome> {
  if (truthy(body['totp_unlink'])) {
    identity.totpSecret = undefined;
    touch(em, identity);
    await prepareTotpSetup(em, flow, identity);
    return { kind: 'success' };
  }
  const code = body['totp_code'];
  if (!flow.totpSetupSecret)
    return fail(flow, 'totp_code', messages.generic('TOTP is already linked; unlink it first.'));
  if (typeof code !== 'string' || code === '') return fail(flow, 'totp_code', messages.missing('totp_code'));
  if (!verifyTotp(flow.totpSetupSecret, code, em.clock.now())) return fail(flow, 'totp_code', messages.invalidTotp());
  identity.totpSecret = flow.totpSetupSecret;
  flow.totpSetupSecret = undefined;
  flow.totpSetupQr = undefined;
  touch(em, identity);
  return { kind: 'success' };
}

function lookup(em: Emulator, flow: SettingsFlowRecord, identity: IdentityRecord, body: Body): StrategyOutcome {
  if (truthy(body['lookup_secret_reveal'])) {
    if (!identity.lookupCodes?.length) {
      flow.messages = [messages.generic('Can not reveal lookup codes because you have none.')];
      return { kind: 'invalid' };
    }
    flow.revealLookupCodes = true;
    flow.transientPayload = true;
    return { kind: 'show' }; // row 11: 200 with the flow, not a saved change
  }
  if (truthy(body['lookup_secret_regenerate'])) {
    flow.pendingLookupCodes = Array.from({ length: 12 }, () => randomBytes(4).toString('hex'));
    flow.revealLookupCodes = false;
    flow.transientPayload = true;
    return { kind: 'show' };
  }
  if (truthy(body['lookup_secret_confirm'])) {
    if (!flow.pendingLookupCodes) {
      flow.messages = [messages.generic('Generate new backup recovery codes before confirming them.')];
      return { kind: 'invalid' };
    }
    identity.lookupCodes = flow.pendingLookupCodes.map((code) => ({ code }));
    flow.pendingLookupCodes = undefined;
    touch(em, identity);
    return { kind: 'success' };
  }
  identity.lookupCodes = undefined; // lookup_secret_disable
  flow.revealLookupCodes = false;
  touch(em, identity);
  return { kind: 'success' };
}

function oidc(
  em: Emulator,
  ctx: Ctx,
  flow: SettingsFlowRecord,
  identity: IdentityRecord,
  body: Body,
  json: boolean,
): StrategyOutcome {
  const link = body['link'];
  const unlink = body['unlink'];
  if (nonEmpty(link) && nonEmpty(unlink)) {
    flow.messages = [messages.generic('Can not link and unlink at the same time.')];
    return { kind: 'invalid' };
  }
  const provider = (nonEmpty(link) ? link : unlink) as string;
  if (!OIDC_PROVIDERS.some(({ id }) => id === provider)) {
    flow.messages = [messages.generic(`The provider "${provider}" is not configured.`)];
    return { kind: 'invalid' };
  }
  if (nonEmpty(unlink)) {
    if (!identity.oidcProviders.includes(provider)) {
      flow.messages = [messages.generic(`The provider "${provider}" is not linked.`)];
      return { kind: 'invalid' };
    }
    identity.oidcProviders = identity.oidcProviders.filter((id) => id !== provider);
    touch(em, identity);
    return { kind: 'success' };
  }
  if (identity.oidcProviders.includes(provider)) {
    flow.messages = [messages.generic(`The provider "${provider}" is already linked.`)];
    return { kind: 'invalid' };
  }
  // Row 9: SPAs get 422 with the provider URL; browsers a 303. The state is parked in the continuity cookie first.
  startOidc(em, ctx, 'settings', flow.id, provider, json);
  return { kind: 'answered' };
}

/**
 * Security keys and passkeys: register (stored without cryptographic verification: the response must be JSON,
 * nothing more; see docs/emulator.md) or remove by id.
 */
function credential(
  em: Emulator,
  flow: SettingsFlowRecord,
  identity: IdentityRecord,
  body: Body,
  kind: { list: 'webauthn' | 'passkeys'; register: string; remove: string; name: string; noun: string },
): StrategyOutcome {
  const removeId = body[kind.remove];
  if (nonEmpty(removeId)) {
    const before = identity[kind.list].length;
    identity[kind.list] = identity[kind.list].filter((stored) => stored.id !== removeId);
    if (identity[kind.list].length === before) {
      return fail(flow, kind.remove, messages.generic(`The ${kind.noun} could not be found.`));
    }
  } else {
    try {
      JSON.parse(body[kind.register] as string);
    } catch {
      return fail(flow, kind.register, messages.generic('Unable to parse WebAuthn response.'));
    }
    identity[kind.list].push({
      id: randomBytes(16).toString('hex'),
      displayName: kind.name,
      createdAt: em.clock.now().toISOString(),
    });
  }
  touch(em, identity);
  return { kind: 'success' };
}

function webauthn(em: Emulator, flow: SettingsFlowRecord, identity: IdentityRecord, body: Body): StrategyOutcome {
  const displayName = body['webauthn_register_displayname'];
  return credential(em, flow, identity, body, {
    list: 'webauthn',
    register: 'webauthn_register',
    remove: 'webauthn_remove',
    name: nonEmpty(displayName) ? displayName : 'Security key',
    noun: 'security key',
  });
}

function passkey(em: Emulator, flow: SettingsFlowRecord, identity: IdentityRecord, body: Body): StrategyOutcome {
  return credential(em, flow, identity, body, {
    list: 'passkeys',
    register: 'passkey_settings_register',
    remove: 'passkey_remove',
    name: 'Passkey',
    noun: 'passkey',
  });
}
