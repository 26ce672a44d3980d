/** RFC 3339 date-time, as it travels on the wire (kept as a string: no time-zone surprises, no parsing cost). */
export type DateTimeString = string;

/** An address of the identity that Kratos can verify (an email address, a phone number), and how far it got. */
export interface VerifiableIdentityAddress {
  /** The address's id. */
  id?: string;
  /** The address itself, as the identity's traits hold it. */
  value: string;
  /** Whether the user has proven they receive what is sent to it. */
  verified: boolean;
  /** How Kratos reaches it: `email` or `sms`. */
  via: 'email' | 'sms' | (string & {});
  /** `pending`, `sent` (a code or link is on its way) or `completed`. */
  status: string;
  /** When the address was added. */
  created_at?: DateTimeString;
  /** When the address last changed. */
  updated_at?: DateTimeString;
  /** When the address was verified; absent until it is. */
  verified_at?: DateTimeString;
}

/** An address of the identity that Kratos sends the codes or links to recover the account to. */
export interface RecoveryIdentityAddress {
  /** The address's id. */
  id?: string;
  /** The address itself, as the identity's traits hold it. */
  value: string;
  /** How Kratos reaches it: `email` (or `sms`). */
  via: string;
  /** When the address was added. */
  created_at?: DateTimeString;
  /** When the address last changed. */
  updated_at?: DateTimeString;
  /** Ory Network's: the organization this address may still sign in to without SSO. Kratos v1.3.1 never sends it. */
  break_glass_for_organization?: string | null;
}

/**
 * An identity as flows and sessions show it (docs/kratos-protocol.md §3.1: default expansion, so no credentials).
 * `TTraits` lets an app type its own identity schema: `Identity<{ email: string; name: { first: string } }>`.
 */
export interface Identity<TTraits = Record<string, unknown>> {
  /** The identity's id (a UUID). */
  id: string;
  /** The id of the identity schema its traits follow. */
  schema_id: string;
  /** Where Kratos serves that schema. */
  schema_url: string;
  /** The identity's traits (email, name…), shaped by its schema. */
  traits: TTraits;
  /** `active`, or `inactive` for an identity an admin disabled. */
  state?: 'active' | 'inactive';
  /** When `state` last changed. */
  state_changed_at?: DateTimeString;
  /** The addresses Kratos can verify. */
  verifiable_addresses?: VerifiableIdentityAddress[];
  /** The addresses Kratos sends the codes or links to recover the account to. */
  recovery_addresses?: RecoveryIdentityAddress[];
  /** Metadata the identity itself may read (set through the admin API); `null` when unset. */
  metadata_public?: Record<string, unknown> | null;
  /** Metadata only the admin API shows; never in a flow or a session. */
  metadata_admin?: Record<string, unknown> | null;
  /** When the identity was created. */
  created_at?: DateTimeString;
  /** When the identity last changed. */
  updated_at?: DateTimeString;
  /** The organization (Ory Network's SSO) the identity belongs to; `null` or absent in Kratos. */
  organization_id?: string | null;
  /** Ory Network's: an id the app gave the identity. Kratos v1.3.1 never sends it. */
  external_id?: string;
  /** Ory Network's: the region that stores the identity. Kratos v1.3.1 never sends it. */
  region?: string;
  /** The identity's credentials; only the admin API includes them, so a flow or a session never does. */
  credentials?: Record<string, unknown>;
}
