/** RFC 3339 date-time, as it travels on the wire (kept as a string: no time-zone surprises, no parsing cost). */
export type DateTimeString = string;

export interface VerifiableIdentityAddress {
  id?: string;
  value: string;
  verified: boolean;
  via: 'email' | 'sms' | (string & {});
  status: string;
  created_at?: DateTimeString;
  updated_at?: DateTimeString;
  verified_at?: DateTimeString;
}

export interface RecoveryIdentityAddress {
  id?: string;
  value: string;
  via: string;
  created_at?: DateTimeString;
  updated_at?: DateTimeString;
  break_glass_for_organization?: string | null;
}

/**
 * An identity as flows and sessions show it (docs/kratos-protocol.md §3.1: default expansion, so no credentials).
 * `TTraits` lets an app type its own identity schema: `Identity<{ email: string; name: { first: string } }>`.
 */
export interface Identity<TTraits = Record<string, unknown>> {
  id: string;
  schema_id: string;
  schema_url: string;
  traits: TTraits;
  state?: 'active' | 'inactive';
  state_changed_at?: DateTimeString;
  verifiable_addresses?: VerifiableIdentityAddress[];
  recovery_addresses?: RecoveryIdentityAddress[];
  metadata_public?: Record<string, unknown> | null;
  metadata_admin?: Record<string, unknown> | null;
  created_at?: DateTimeString;
  updated_at?: DateTimeString;
  organization_id?: string | null;
  external_id?: string;
  region?: string;
  credentials?: Record<string, unknown>;
}
