/*
 * The identity schema of the emulator (the same as real Kratos's in tools/kratos/config.mjs): `email` (required, an
 * email of at least 3 characters), `name.first` and `name.last` (strings), nothing else. Decoding keeps the known
 * traits and reports what the schema refuses, with Kratos's messages, by node name.
 */
import { Text, Traits } from './model';
import { messages } from './ui';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface DecodedTraits {
  traits: Traits;
  /** The submitted values by node name (`traits.email`), for the nodes that show them. */
  values: Record<string, unknown>;
  errors: { node: string; message: Text }[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Decodes `traits` by the schema. `name` is always there (Kratos fills the schema's objects), empty when not sent. */
export function decodeTraits(raw: unknown): DecodedTraits {
  const input = isObject(raw) ? raw : {};
  const name = isObject(input['name']) ? input['name'] : {};
  const values: Record<string, unknown> = {};
  const errors: DecodedTraits['errors'] = [];
  const email = input['email'];
  if (email !== undefined) values['traits.email'] = email;
  if (email === undefined || email === null || email === '') {
    errors.push({ node: 'traits.email', message: messages.missing('email') });
  } else if (typeof email !== 'string') {
    errors.push({ node: 'traits.email', message: messages.wrongType(typeof email, 'string') });
  } else if (!EMAIL.test(email)) {
    errors.push({ node: 'traits.email', message: messages.invalidFormat(email, 'email') });
  }
  const kept: { first?: string; last?: string } = {};
  for (const key of ['first', 'last'] as const) {
    const value = name[key];
    if (value === undefined) continue;
    values[`traits.name.${key}`] = value;
    if (typeof value !== 'string')
      errors.push({ node: `traits.name.${key}`, message: messages.wrongType(typeof value, 'string') });
    else kept[key] = value;
  }
  return { traits: { email: typeof email === 'string' ? email : '', name: kept }, values, errors };
}

/** The same check as the admin API phrases it: JSON Schema's report in one reason (first error only). */
export function adminSchemaReason(raw: unknown): string | undefined {
  const { errors } = decodeTraits(raw);
  const first = errors[0];
  if (!first) return undefined;
  const pointer = first.node.replace(/^traits\./, '').split('.');
  const at = `#/traits/${pointer.join('/')}`;
  const schema = `#/properties/traits/properties/${pointer.join('/properties/')}`;
  if (first.message.id === 4000002)
    return `I[#/traits] S[#/properties/traits/required] missing properties: "${pointer.at(-1)}"`;
  const detail = first.message.id === 4000001 ? 'format' : 'type';
  // (v1.3.1 reports a format error twice.)
  const line = `\n  I[${at}] S[${schema}/${detail}] ${first.message.text}`;
  return `I[${at}] S[${schema}] validation failed${line}${detail === 'format' ? line : ''}`;
}
