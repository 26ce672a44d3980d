/*
 * Reading Kratos's answers: bodies as text parsed to JSON, and the shapes every flow and every error share, checked
 * only in what the library relies on. Flow-neutral: each flow's descriptor adds what is its own.
 */
import { ErrorEnvelope, GenericError } from '../models/generic-error';
import { HasUi } from '../models/ui-helpers';

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

/** What every self-service flow has: an `id`, a `type`, a `state` and its `ui` form. */
export interface FlowShape extends HasUi {
  id: string;
  type: string;
  state: string;
}

/**
 * A self-service flow, checked only in what the library relies on (string `id`, `type`, `state`; `ui.nodes` an array
 * of nodes whose `attributes.node_type` is a string; messages, where present, lists of objects; `identity`, where
 * present, an object). Everything else is passed on untouched, so unknown fields, new node types and absent optional
 * fields from newer Kratos or Ory Network still work.
 */
export function asFlow<T extends FlowShape>(value: unknown): T | undefined {
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
  return wellFormed ? (value as unknown as T) : undefined;
}

/** Absent, or a list of message objects: a `null` in it would be a TypeError in whatever shows the messages. */
function isMessageList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every(isRecord));
}

/** Kratos's error envelope `{ error: { message, … } }` (docs/kratos-protocol.md §1.3); `undefined` for any other shape. */
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
