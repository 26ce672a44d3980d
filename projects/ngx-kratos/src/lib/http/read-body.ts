import { ErrorEnvelope, GenericError } from '../models/generic-error';
import { SettingsFlow } from '../models/settings-flow';

/** How much of a foreign body a `KratosError` keeps: enough to recognise a proxy's page in a log. */
const EXCERPT_LENGTH = 200;

export type JsonReading = { ok: true; value: unknown } | { ok: false; excerpt: string };

/** Parses a text body as JSON. Bodies are read as text so that an HTML page or a truncated body is data, not a throw. */
export function readJson(text: string | null | undefined): JsonReading {
  const raw = text ?? '';
  if (raw.trim() !== '') {
    try {
      return { ok: true, value: JSON.parse(raw) };
    } catch {
      // Not JSON: fall through to the excerpt.
    }
  }
  return { ok: false, excerpt: excerptOf(raw) };
}

export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A settings flow, checked only in what the library relies on (string `id`, `type`, `state`; `ui.nodes` an
 * array of nodes whose `attributes.node_type` is a string; messages, where present, lists of objects). Everything else is passed on untouched, so
 * unknown fields, new node types and absent optional fields from newer Kratos or Ory Network still work.
 */
export function asSettingsFlow(value: unknown): SettingsFlow | undefined {
  if (!isRecord(value) || !isRecord(value['ui'])) {
    return undefined;
  }
  const { id, type, state, identity } = value;
  const { nodes, messages } = value['ui'];
  const wellFormed =
    isUrlSafe(id) &&
    isMessageList(messages) &&
    (identity === undefined || isRecord(identity)) &&
    typeof type === 'string' &&
    typeof state === 'string' &&
    Array.isArray(nodes) &&
    nodes.every(
      (node) =>
        isRecord(node) &&
        isRecord(node['attributes']) &&
        typeof node['attributes']['node_type'] === 'string' &&
        (node['messages'] === null || isMessageList(node['messages'])),
    );
  return wellFormed ? (value as unknown as SettingsFlow) : undefined;
}

/** Absent, or a list of message objects: a `null` in it would be a TypeError in whatever shows the messages. */
function isMessageList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every(isRecord));
}

/** Kratos's error envelope `{ error: { message, … } }` (protocol §1.3); `undefined` for any other shape. */
export function asErrorEnvelope(value: unknown): ErrorEnvelope | undefined {
  if (!isRecord(value) || !isRecord(value['error'])) {
    return undefined;
  }
  const error = value['error'];
  const stringOrAbsent = (key: string) => error[key] === undefined || typeof error[key] === 'string';
  const wellFormed =
    typeof error['message'] === 'string' &&
    stringOrAbsent('id') &&
    stringOrAbsent('reason') &&
    (error['details'] === undefined || error['details'] === null || isRecord(error['details']));
  return wellFormed ? { ...(value as unknown as ErrorEnvelope), error: error as unknown as GenericError } : undefined;
}

/** A string that can go into a URL: ids end up in router URLs and query strings, where a lone surrogate throws. */
export function isUrlSafe(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') {
    return false;
  }
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}
