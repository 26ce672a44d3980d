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
  /** The password, or none (an identity made by OIDC, by code, or imported without one). */
  password?: string;
  totpSecret?: string;
  lookupCodes?: { code: string; usedAt?: string }[];
  oidcProviders: string[];
  /** The provider's subject per linked provider (what an OIDC sign-in finds the identity by). */
  oidcSubjects?: Record<string, string>;
  webauthn: Credential[];
  passkeys: Credential[];
  /**
   * The email's verification status: `pending` until Kratos's verification hook has sent a code (the first settings
   * success or an email change), then `sent`.
   */
  addressStatus: 'pending' | 'sent' | 'completed';
  /** The email was verified (a registration by code, a verification or a recovery proves it). */
  addressVerified?: boolean;
  /** When it was verified. */
  verifiedAt?: string;
  /** A profile change stored the identity without `state_changed_at` (v1.3.1). */
  stateChangedAtCleared?: boolean;
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
  methods: { method: string; aal: 'aal1' | 'aal2'; completed_at: string; provider?: string }[];
  authenticatedAt: Date;
  issuedAt: Date;
  expiresAt: Date;
  active: boolean;
  devices: DeviceRecord[];
  /** The session's logout token, the same for every logout URL asked for (Kratos keeps one per session). */
  logoutToken: string;
}

export type FlowType = 'browser' | 'api';

/** The fields every self-service flow record has (`Emulator.flowBase` makes them). */
export interface FlowBase {
  id: string;
  type: FlowType;
  issuedAt: Date;
  expiresAt: Date;
  requestUrl: string;
  returnTo?: string;
  /** Flow-wide messages. */
  messages: Text[];
  /** Per node name: its messages after a failed submit (4000002 for a missing field). */
  nodeMessages: Record<string, Text[]>;
  csrfToken: string;
}

export interface SettingsFlowRecord extends FlowBase {
  kind: 'settings';
  identityId: string;
  state: 'show_form' | 'success';
  /** The strategy of the last submit (kept for the emulator's own use: v1.3.1's settings flows do not show it). */
  active?: string;
  /** Set by a successful change: v1.3.1 then shows the updated identity without `state_changed_at`. */
  identityUpdated?: boolean;
  /** v1.3.1 shows `transient_payload: {}` on a flow answered without a change (recovery codes shown). */
  transientPayload?: boolean;
  /** Per node name: the value the user sent (echoed back) and its messages, after a failed submit. */
  nodeValues: Record<string, unknown>;
  /** TOTP secret offered for setup in this flow (Kratos keeps it in the flow's internal context). */
  totpSetupSecret?: string;
  totpSetupQr?: string;
  /** Lookup codes generated in this flow but not yet confirmed. */
  pendingLookupCodes?: string[];
  revealLookupCodes?: boolean;
}

export interface LoginFlowRecord extends FlowBase {
  kind: 'login';
  /** The strategy that last did something with the flow (`password` after a login, `code` once a code was sent…). */
  active?: string;
  state: 'choose_method' | 'sent_email' | 'passed_challenge';
  /** The answer returns the in-memory flow (a code sent, the identifier-first step): `transient_payload: {}`. */
  transientPayload?: boolean;
  /** The identifier is shown hidden (after a code was asked for an unknown account). */
  identifierHidden?: boolean;
  /** Identifier-first: the identifier was given and the account's methods are shown. */
  identifierFirstDone?: boolean;
  /** The login code sent for this flow, and to whom. */
  code?: { code: string; address: string; identityId: string; first: boolean };
  /**
   * Account linking (docs/kratos-protocol.md §7.4, "Email of an existing identity"): the OIDC credential waiting to
   * be added to the identity that signs in on this flow.
   */
  linking?: { provider: string; subject: string; email: string };
  refresh: boolean;
  requestedAal: 'aal1' | 'aal2';
  /** The session that asked for refresh or aal2, if any. */
  sessionId?: string;
  identifier?: string;
}

/** A registration flow (docs/kratos-protocol.md §8.5), with the two-step screens of §8.4. */
export interface RegistrationFlowRecord extends FlowBase {
  kind: 'registration';
  active?: string;
  state: 'choose_method' | 'sent_email' | 'passed_challenge';
  /** Two-step: `profile` (the traits) or `credentials` (the methods, traits hidden); one-step: always `profile`. */
  screen: 'profile' | 'credentials';
  /** The traits last submitted, by node name (`traits.email`), shown in the trait nodes. */
  values: Record<string, unknown>;
  transientPayload?: boolean;
  /** Nodes an error message created for a field the screen had no node for; the stored flow keeps them. */
  extraNodes: string[];
  /** The code sent, for which traits, and from which screen (the first screen's trait nodes stay, hidden). */
  code?: { code: string; traits: Record<string, unknown>; fromScreen: 'profile' | 'credentials' };
}

/** A message of the courier, as `GET /admin/courier/messages` lists it (docs/kratos-protocol.md §10). */
export interface CourierMessage {
  id: string;
  status: 'queued';
  type: 'email';
  recipient: string;
  body: string;
  subject: string;
  template_type: string;
  channel: 'email';
  send_count: number;
  created_at: string;
  updated_at: string;
}

/** A code a recovery or verification flow sent (docs/kratos-protocol.md §11.4, §12.4). */
export interface OneTimeCode {
  code: string;
  address: string;
  /** The identity whose address it is (none for an unknown address: nothing was sent). */
  identityId?: string;
  issuedAt: Date;
  usedAt?: Date;
}

/** A recovery flow (§11), method `code`. */
export interface RecoveryFlowRecord extends FlowBase {
  kind: 'recovery';
  state: 'choose_method' | 'sent_email' | 'passed_challenge';
  active: 'code' | 'default';
  /** The address the last email step was for (the resend node's value). */
  email?: string;
  codes: OneTimeCode[];
  /** Code submissions so far (more than 5: the flow is replaced). */
  submitCount: number;
  transientPayload?: boolean;
}

/** A verification flow (§12), method `code`. */
export interface VerificationFlowRecord extends FlowBase {
  kind: 'verification';
  state: 'choose_method' | 'sent_email' | 'passed_challenge';
  active: 'code' | 'default';
  /** The address the email step was for; a flow made by the verification hook has none (no resend node). */
  email?: string;
  /** The address the flow verifies (the hook's, or the email step's). */
  address?: string;
  /** A code pre-filled by the mail's link. */
  prefilledCode?: string;
  codes: OneTimeCode[];
  submitCount: number;
  transientPayload?: boolean;
}
