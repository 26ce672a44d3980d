/* In-memory state: identities (seeded), sessions, flows, the request log. */
import { randomBytes, randomUUID } from 'node:crypto';
import { Clock } from './clock';
import {
  CourierMessage,
  DeviceRecord,
  IdentityRecord,
  LoginFlowRecord,
  RecoveryFlowRecord,
  RegistrationFlowRecord,
  SessionRecord,
  SettingsFlowRecord,
  VerificationFlowRecord,
} from './model';

export interface SeedLogin {
  email: string;
  password: string;
  totpSecret?: string;
  first: string;
  last: string;
  note: string;
}

export const SEED: readonly SeedLogin[] = [
  { email: 'ada@example.com', password: 'Lovelace-1815!', first: 'Ada', last: 'Lovelace', note: 'no second factor' },
  {
    email: 'grace@example.com',
    password: 'Hopper-1906!',
    totpSecret: 'JBSWY3DPEHPK3PXP',
    first: 'Grace',
    last: 'Hopper',
    note: 'TOTP linked (secret JBSWY3DPEHPK3PXP): steps up to AAL2 before settings',
  },
];

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  status?: number;
}

export class State {
  identities = new Map<string, IdentityRecord>();
  sessions = new Map<string, SessionRecord>();
  settingsFlows = new Map<string, SettingsFlowRecord>();
  loginFlows = new Map<string, LoginFlowRecord>();
  registrationFlows = new Map<string, RegistrationFlowRecord>();
  recoveryFlows = new Map<string, RecoveryFlowRecord>();
  verificationFlows = new Map<string, VerificationFlowRecord>();
  /** Messages the courier queued (never sent), oldest first. */
  messages: CourierMessage[] = [];
  /**
   * OIDC attempts in progress at the emulated provider: state → the flow (settings: a link; login or registration: a
   * sign-in) and the provider.
   */
  oidcStates = new Map<
    string,
    { flowId: string; provider: string; kind: 'settings' | 'login' | 'registration'; continuity?: string }
  >();
  /** Authorization codes the emulated provider handed out: code → the user it signed in. */
  oidcCodes = new Map<string, { subject: string; email: string }>();
  /** Session token exchangers (docs/kratos-protocol.md §9), filled in by an OIDC sign-in on their api flow. */
  exchanges: { flowId: string; initCode: string; returnToCode: string; sessionId?: string }[] = [];
  requests: LoggedRequest[] = [];
  /** Errors shown to browsers through the error UI (`GET /self-service/errors?id=`, docs/kratos-protocol.md §1.4). */
  flowErrors = new Map<string, { id: string; error: unknown; created_at: string; updated_at: string }>();

  /** Runs after the built-in logins are seeded, at a reset (the server imports `seed` and `seedFile` with it). */
  onSeed?: () => void;

  constructor(readonly clock: Clock) {
    this.seed();
  }

  reset(): void {
    this.identities.clear();
    this.sessions.clear();
    this.settingsFlows.clear();
    this.loginFlows.clear();
    this.registrationFlows.clear();
    this.recoveryFlows.clear();
    this.verificationFlows.clear();
    this.messages = [];
    this.exchanges = [];
    this.oidcStates.clear();
    this.oidcCodes.clear();
    this.flowErrors.clear();
    this.requests = [];
    this.clock.reset();
    this.seed();
    this.onSeed?.();
  }

  private seed(): void {
    const now = this.clock.now().toISOString();
    for (const login of SEED) {
      const id = randomUUID();
      this.identities.set(id, {
        id,
        traits: { email: login.email, name: { first: login.first, last: login.last } },
        password: login.password,
        totpSecret: login.totpSecret,
        oidcProviders: [],
        webauthn: [],
        passkeys: [],
        addressStatus: 'pending',
        createdAt: now,
        updatedAt: now,
      });
    }
  }

  /** A new identity (its traits as given: callers decode them by the schema first). */
  createIdentity(traits: IdentityRecord['traits'], password?: string): IdentityRecord {
    const now = this.clock.now().toISOString();
    const identity: IdentityRecord = {
      id: randomUUID(),
      traits,
      password,
      oidcProviders: [],
      webauthn: [],
      passkeys: [],
      addressStatus: 'pending',
      createdAt: now,
      updatedAt: now,
    };
    this.identities.set(identity.id, identity);
    return identity;
  }

  /** The identity a provider's subject signs in. */
  identityByOidc(provider: string, subject: string): IdentityRecord | undefined {
    return [...this.identities.values()].find((identity) => identity.oidcSubjects?.[provider] === subject);
  }

  identityByEmail(email: string): IdentityRecord | undefined {
    const wanted = email.trim().toLowerCase();
    return [...this.identities.values()].find((identity) => identity.traits.email.toLowerCase() === wanted);
  }

  /** The identity's highest available AAL: aal2 when it has a second factor (`required_aal: highest_available`). */
  availableAal(identity: IdentityRecord): 'aal1' | 'aal2' {
    return identity.totpSecret || identity.webauthn.length > 0 || (identity.lookupCodes?.length ?? 0) > 0
      ? 'aal2'
      : 'aal1';
  }

  newSession(
    identity: IdentityRecord,
    method: string,
    aal: 'aal1' | 'aal2',
    lifespanSeconds: number,
    device: DeviceRecord,
  ): SessionRecord {
    const now = this.clock.now();
    const session: SessionRecord = {
      id: randomUUID(),
      token: `ory_st_${randomBytes(24).toString('base64url')}`,
      cookie: randomBytes(48).toString('base64url'),
      identityId: identity.id,
      aal,
      methods: [{ method, aal, completed_at: now.toISOString() }],
      authenticatedAt: now,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + lifespanSeconds * 1000),
      active: true,
      devices: [device],
      logoutToken: randomBytes(24).toString('base64url'),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  sessionByCookie(cookie: string): SessionRecord | undefined {
    return [...this.sessions.values()].find((session) => session.cookie === cookie);
  }

  sessionByToken(token: string): SessionRecord | undefined {
    return [...this.sessions.values()].find((session) => session.token === token);
  }

  /** Active and not expired. */
  isLive(session: SessionRecord | undefined): session is SessionRecord {
    return !!session && session.active && session.expiresAt > this.clock.now();
  }
}
