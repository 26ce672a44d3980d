/* What every handler needs: the configuration, the state, the request's session, URLs, CSRF, and flow serialisation. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ResolvedConfig } from './config';
import { addSetCookie, parseCookies, serializeCookie } from './http';
import {
  DeviceRecord,
  FlowBase,
  FlowType,
  IdentityRecord,
  LoginFlowRecord,
  SessionRecord,
  SettingsFlowRecord,
} from './model';
import { State } from './state';

export const SESSION_COOKIE = 'ory_kratos_session';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  cookies: Map<string, string>;
}

export class Emulator {
  readonly csrfCookieName: string;
  readonly secure: boolean;

  constructor(
    readonly config: ResolvedConfig,
    readonly state: State,
    readonly webauthnScript: { body: string; integrity: string },
  ) {
    // docs/kratos-protocol.md §1.2: csrf_token_ + lowercase hex SHA-256 of the configured public base URL string.
    this.csrfCookieName = `csrf_token_${createHash('sha256').update(`${config.publicUrl}/`).digest('hex')}`;
    this.secure = config.publicUrl.startsWith('https:');
  }

  get clock() {
    return this.state.clock;
  }

  url(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }

  /**
   * The request's URL as Go's server and Kratos's router see it: an absolute-form target by its path, duplicate
   * slashes collapsed. Throws for a target Go refuses (a malformed percent-escape in the path, an unparsable URL).
   */
  context(req: IncomingMessage, res: ServerResponse): Ctx {
    let target = req.url ?? '/';
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
      const absolute = new URL(target);
      target = absolute.pathname + absolute.search;
    }
    const at = target.indexOf('?');
    const path = at === -1 ? target : target.slice(0, at);
    if (/%(?![0-9a-f]{2})/i.test(path)) throw new URIError(`invalid URL escape in ${path}`);
    const url = new URL(
      path.replace(/\/{2,}/g, '/') + (at === -1 ? '' : target.slice(at)),
      new URL(this.config.publicUrl).origin,
    );
    return { req, res, url, cookies: parseCookies(req.headers.cookie) };
  }

  /** docs/kratos-protocol.md §1.2: `X-Session-Token`, else the session cookie, else `Authorization: Bearer`. */
  session(ctx: Ctx): { session?: SessionRecord; viaToken: boolean } {
    const header = ctx.req.headers['x-session-token'];
    if (typeof header === 'string' && header !== '') {
      const session = this.state.sessionByToken(header);
      return { session: this.state.isLive(session) ? session : undefined, viaToken: true };
    }
    const cookie = ctx.cookies.get(SESSION_COOKIE);
    if (cookie) {
      const session = this.state.sessionByCookie(cookie);
      return { session: this.state.isLive(session) ? session : undefined, viaToken: false };
    }
    const bearer = /^Bearer (.+)$/i.exec(ctx.req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const session = this.state.sessionByToken(bearer);
      return { session: this.state.isLive(session) ? session : undefined, viaToken: true };
    }
    return { viaToken: false };
  }

  /** The device of this request, as Kratos records it at a login (`SetSessionDeviceInformation`). */
  device(ctx: Ctx): DeviceRecord {
    const forwarded = ctx.req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    const agent = ctx.req.headers['user-agent'];
    const geo = [ctx.req.headers['cf-ipcity'], ctx.req.headers['cf-ipcountry']].filter(
      (part): part is string => typeof part === 'string' && part !== '',
    );
    return {
      id: randomUUID(),
      ipAddress: first || (ctx.req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      userAgent: typeof agent === 'string' ? agent : null,
      location: geo.join(', '),
    };
  }

  identity(session: SessionRecord): IdentityRecord {
    const identity = this.state.identities.get(session.identityId);
    if (!identity) throw new Error('session without identity');
    return identity;
  }

  setSessionCookie(ctx: Ctx, session: SessionRecord): void {
    addSetCookie(
      ctx.res,
      serializeCookie(SESSION_COOKIE, session.cookie, { secure: this.secure, maxAge: this.config.sessionLifespan }),
    );
  }

  /**
   * Hands a browser its new session: a new anti-CSRF token when it had no session or another identity's
   * (session/manager_http.go IssueCookie), then the session cookie.
   */
  issueBrowserSession(ctx: Ctx, session: SessionRecord): void {
    const prior = this.session(ctx).session;
    if (!prior || prior.identityId !== session.identityId) this.regenerateCsrfToken(ctx);
    this.setSessionCookie(ctx, session);
  }

  /** `selfservice.default_browser_return_url`: the UI's origin. */
  defaultReturn(): string {
    return `${new URL(this.config.settingsUi).origin}/`;
  }

  /** Where a finished flow sends the browser: its `return_to` when allowed, else the default return URL. */
  returnTarget(returnTo: string | undefined): string {
    return returnTo && this.returnToAllowed(returnTo) === 'ok' ? returnTo : this.defaultReturn();
  }

  clearSessionCookie(ctx: Ctx): void {
    addSetCookie(ctx.res, serializeCookie(SESSION_COOKIE, '', { secure: this.secure, maxAge: -1 }));
  }

  /** The browser's anti-CSRF token: the cookie's, or a new one set now (HttpOnly, a year; docs/kratos-protocol.md §1.2). */
  csrfToken(ctx: Ctx): string {
    return ctx.cookies.get(this.csrfCookieName) || this.regenerateCsrfToken(ctx);
  }

  /** A new anti-CSRF token and cookie, as Kratos issues at a login and a logout (nosurf RegenerateToken). */
  regenerateCsrfToken(ctx: Ctx): string {
    // 32 random bytes in standard base64, as nosurf's cookie carries them.
    const token = randomBytes(32).toString('base64');
    addSetCookie(ctx.res, serializeCookie(this.csrfCookieName, token, { secure: this.secure, maxAge: 31536000 }));
    ctx.cookies.set(this.csrfCookieName, token);
    return token;
  }

  /**
   * The continuity cookie Kratos sets when it parks a browser's submission (a re-authentication, an OIDC link). The
   * emulator parks nothing (docs/emulator.md), but sets the cookie as Kratos does: 30 days.
   */
  setContinuityCookie(ctx: Ctx): string {
    const value = randomBytes(24).toString('base64url');
    addSetCookie(ctx.res, serializeCookie('ory_kratos_continuity', value, { secure: this.secure, maxAge: 2592000 }));
    return value;
  }

  /**
   * The `return_to` allow-list (docs/kratos-protocol.md §1.5, x/http_secure_redirect.go): `{public}/self-service/*` and
   * `selfservice.allowed_return_urls`. Match: same scheme, same host (or a `*.` wildcard), path prefix. As in Go, a
   * URL without a scheme takes the default return URL's scheme and host but keeps its path as written, so `after`
   * (no leading slash) matches no allowed path.
   */
  returnToAllowed(raw: string): 'ok' | 'forbidden' | 'unparsable' {
    const parsed = goReturnTo(raw, `${new URL(this.config.settingsUi).origin}/`);
    if (!parsed) return 'unparsable';
    const allowed = [`${this.config.publicUrl}/self-service/`, ...this.config.allowedReturnUrls];
    return allowed.some((entry) => matchesAllowed(parsed, entry)) ? 'ok' : 'forbidden';
  }

  /** `return_to` as Kratos quotes it when it refuses it: the URL after the default scheme and host are filled in. */
  returnToShown(raw: string): string {
    return goReturnTo(raw, `${new URL(this.config.settingsUi).origin}/`)?.shown ?? raw;
  }

  /**
   * What every self-service flow has, whatever its kind: a new id, its type, issued now and expiring after the flow
   * lifespan, the request that made it and that request's `return_to`, no messages yet, and its CSRF token.
   */
  flowBase(type: FlowType, requestUrl: string, csrfToken: string): FlowBase {
    const now = this.clock.now();
    return {
      id: randomUUID(),
      type,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + this.config.flowLifespan * 1000),
      requestUrl,
      returnTo: new URL(requestUrl).searchParams.get('return_to') ?? undefined,
      messages: [],
      nodeMessages: {},
      csrfToken,
    };
  }

  newSettingsFlow(
    type: 'browser' | 'api',
    identity: IdentityRecord,
    requestUrl: string,
    csrfToken: string,
  ): SettingsFlowRecord {
    const flow: SettingsFlowRecord = {
      ...this.flowBase(type, requestUrl, csrfToken),
      kind: 'settings',
      identityId: identity.id,
      state: 'show_form',
      nodeValues: {},
    };
    this.state.settingsFlows.set(flow.id, flow);
    return flow;
  }

  newLoginFlow(
    type: 'browser' | 'api',
    requestUrl: string,
    csrfToken: string,
    options: { refresh: boolean; aal: 'aal1' | 'aal2'; session?: SessionRecord },
  ): LoginFlowRecord {
    const flow: LoginFlowRecord = {
      ...this.flowBase(type, requestUrl, csrfToken),
      kind: 'login',
      refresh: options.refresh,
      requestedAal: options.aal,
      sessionId: options.session?.id,
      state: 'choose_method',
    };
    this.state.loginFlows.set(flow.id, flow);
    return flow;
  }

  /**
   * The identity as Kratos shows it; `{ updated: true }` as v1.3.1 shows it in a flow that changed it; `{ admin:
   * 'created' }` as the admin API's create answers it (with the credentials' types and identifiers), `{ admin: 'listed' }`
   * as its list does (with `metadata_admin`), `{ admin: 'read' }` as its read does (both).
   */
  identityJson(
    identity: IdentityRecord,
    { updated = false, admin }: { updated?: boolean; admin?: 'created' | 'listed' | 'read' } = {},
  ): Record<string, unknown> {
    const address = {
      id: uuidFrom(`${identity.id}:address`),
      value: identity.traits.email,
      created_at: identity.createdAt,
      updated_at: identity.updatedAt,
    };
    const verified = identity.addressVerified === true;
    const credential = (type: string, identifiers: string[]) => ({
      type,
      identifiers,
      version: 0,
      created_at: '0001-01-01T00:00:00Z',
      updated_at: '0001-01-01T00:00:00Z',
    });
    return {
      id: identity.id,
      ...(admin === 'created' || admin === 'read'
        ? {
            credentials: {
              password: credential('password', [identity.traits.email]),
              webauthn: credential('webauthn', [identity.traits.email]),
              ...Object.fromEntries(
                Object.entries(identity.oidcSubjects ?? {}).length
                  ? [
                      [
                        'oidc',
                        credential(
                          'oidc',
                          Object.entries(identity.oidcSubjects ?? {}).map(([p, s]) => `${p}:${s}`),
                        ),
                      ],
                    ]
                  : [],
              ),
            },
          }
        : {}),
      schema_id: 'default',
      schema_url: this.url('/schemas/ZGVmYXVsdA'),
      state: 'active',
      ...(updated || identity.stateChangedAtCleared ? {} : { state_changed_at: identity.createdAt }),
      traits: identity.traits,
      verifiable_addresses: [
        {
          ...address,
          verified,
          via: 'email',
          status: verified ? 'completed' : identity.addressStatus,
          ...(verified ? { verified_at: identity.verifiedAt ?? identity.createdAt } : {}),
        },
      ],
      recovery_addresses: [{ ...address, via: 'email' }],
      metadata_public: null,
      ...(admin === 'listed' || admin === 'read' ? { metadata_admin: null } : {}),
      created_at: identity.createdAt,
      updated_at: identity.updatedAt,
      organization_id: null,
    };
  }

  sessionJson(session: SessionRecord): Record<string, unknown> {
    return {
      id: session.id,
      active: session.active,
      expires_at: session.expiresAt.toISOString(),
      authenticated_at: session.authenticatedAt.toISOString(),
      authenticator_assurance_level: session.aal,
      authentication_methods: session.methods,
      issued_at: session.issuedAt.toISOString(),
      identity: this.identityJson(this.identity(session)),
      devices: session.devices.map((device) => ({
        id: device.id,
        ip_address: device.ipAddress,
        user_agent: device.userAgent,
        location: device.location,
      })),
    };
  }

  /** Minutes, as Kratos prints them in expiry messages ("3.21"). */
  minutesSince(date: Date): string {
    return ((this.clock.now().getTime() - date.getTime()) / 60000).toFixed(2);
  }
}

interface GoUrl {
  protocol: string;
  host: string;
  path: string;
  shown: string;
}

/** Go's url.Parse of a return_to, with the default's scheme and host filled in; undefined where Go refuses it. */
function goReturnTo(raw: string, defaultUrl: string): GoUrl | undefined {
  if (/%(?![0-9a-f]{2})/i.test(raw)) return undefined;
  const fallback = new URL(defaultUrl);
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) {
    try {
      const url = new URL(raw.startsWith('//') ? `${fallback.protocol}${raw}` : raw);
      return {
        protocol: url.protocol,
        host: url.host || fallback.host,
        path: decodePath(url.pathname),
        shown: url.href,
      };
    } catch {
      return undefined;
    }
  }
  const path = raw.split(/[?#]/)[0];
  const rest = raw.slice(path.length);
  const shown = `${fallback.protocol}//${fallback.host}${path.startsWith('/') ? '' : '/'}${encodeURI(path)}${rest}`;
  return { protocol: fallback.protocol, host: fallback.host, path: safeDecode(path), shown };
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
const decodePath = safeDecode;

function matchesAllowed(url: GoUrl, entry: string): boolean {
  let allowed: URL;
  try {
    allowed = new URL(entry.replace('://*.', '://wildcard-placeholder.'));
  } catch {
    return false;
  }
  const wildcard = entry.includes('://*.');
  const hostMatches = wildcard
    ? url.host.toLowerCase().endsWith(allowed.host.replace(/^wildcard-placeholder/, ''))
    : url.host.toLowerCase() === allowed.host;
  return url.protocol === allowed.protocol && hostMatches && (url.path || '/').startsWith(allowed.pathname || '/');
}

/** A stable, random-looking uuid for derived records. */
function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
