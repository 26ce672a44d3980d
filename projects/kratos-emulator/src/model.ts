/* The emulator's state and wire shapes. Kept apart from the library on purpose (two independent readings of the protocol). */

export interface Text {
  id: number;
  text: string;
  type: 'info' | 'error' | 'success';
  context?: Record<string, unknown>;
}

export interface Node {
  type: 'input' | 'text' | 'img' | 'a' | 'script' | 'div';
  group: string;
  attributes: Record<string, unknown> & { node_type: string };
  messages: Text[];
  meta: { label?: Text };
}

/** The identity schema's traits. Kratos replaces them whole on a profile change: `name` may be absent. */
export interface Traits {
  email: string;
  name?: { first?: string; last?: string };
}

export interface Credential {
  id: string;
  displayName: string;
  createdAt: string;
}

export interface IdentityRecord {
  id: string;
  traits: Traits;
  password: string;
  totpSecret?: string;
  lookupCodes?: { code: string; usedAt?: string }[];
  oidcProviders: string[];
  webauthn: Credential[];
  passkeys: Credential[];
  /**
   * The email's verification status: `pending` until Kratos's verification hook has sent a code (the first settings
   * success or an email change), then `sent`.
   */
  addressStatus: 'pending' | 'sent';
  createdAt: string;
  updatedAt: string;
}

/** A device a session was used from (Kratos adds one at every login). */
export interface DeviceRecord {
  id: string;
  ipAddress: string;
  userAgent: string | null;
  location: string;
}

export interface SessionRecord {
  id: string;
  token: string;
  /** The session cookie's value: not the token (Kratos's cookie is an encrypted session of its own). */
  cookie: string;
  identityId: string;
  aal: 'aal1' | 'aal2';
  methods: { method: string; aal: 'aal1' | 'aal2'; completed_at: string }[];
  authenticatedAt: Date;
  issuedAt: Date;
  expiresAt: Date;
  active: boolean;
  devices: DeviceRecord[];
  /** The session's logout token, the same for every logout URL asked for (Kratos keeps one per session). */
  logoutToken: string;
}

export type FlowType = 'browser' | 'api';

export interface SettingsFlowRecord {
  kind: 'settings';
  id: string;
  type: FlowType;
  identityId: string;
  issuedAt: Date;
  expiresAt: Date;
  requestUrl: string;
  returnTo?: string;
  state: 'show_form' | 'success';
  /** The strategy of the last submit (kept for the emulator's own use: v1.3.1's settings flows do not show it). */
  active?: string;
  /** Set by a successful change: v1.3.1 then shows the updated identity without `state_changed_at`. */
  identityUpdated?: boolean;
  /** v1.3.1 shows `transient_payload: {}` on a flow answered without a change (recovery codes shown). */
  transientPayload?: boolean;
  /** Flow-wide messages. */
  messages: Text[];
  /** Per node name: the value the user sent (echoed back) and its messages, after a failed submit. */
  nodeValues: Record<string, unknown>;
  nodeMessages: Record<string, Text[]>;
  /** TOTP secret offered for setup in this flow (Kratos keeps it in the flow's internal context). */
  totpSetupSecret?: string;
  totpSetupQr?: string;
  /** Lookup codes generated in this flow but not yet confirmed. */
  pendingLookupCodes?: string[];
  revealLookupCodes?: boolean;
  csrfToken: string;
}

export interface LoginFlowRecord {
  kind: 'login';
  id: string;
  type: FlowType;
  issuedAt: Date;
  expiresAt: Date;
  requestUrl: string;
  returnTo?: string;
  refresh: boolean;
  requestedAal: 'aal1' | 'aal2';
  /** The session that asked for refresh or aal2, if any. */
  sessionId?: string;
  messages: Text[];
  identifier?: string;
  csrfToken: string;
}
