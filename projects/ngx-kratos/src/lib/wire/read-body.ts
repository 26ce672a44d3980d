/*
 * Reading Kratos's answers: bodies as text parsed to JSON, and the shapes every flow and every error share, checked
 * only in what the library relies on, by a small table of checks (`shape.ts`). Flow-neutral: each flow's descriptor
 * adds what is its own.
 */
import { ErrorEnvelope } from '../models/generic-error';
import { HasUi } from '../models/ui-helpers';
import { isRecord, listOf, object, optional, Check, isString, isUrlSafe } from './shape';

export { isRecord, isUrlSafe } from './shape';

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

/** What every self-service flow has: an `id`, a `type`, a `state` and its `ui` form. */
export interface FlowShape extends HasUi {
  /** The flow's id. */
  id: string;
  /** `browser` or `api`. */
  type: string;
  /** Where the flow is: each flow kind names its own states. */
  state: string;
}

/** Absent, or a list of message objects: a `null` in it would be a TypeError in whatever shows the messages. */
const messages = optional(listOf(isRecord));

/**
 * A self-service flow, checked only in what the library relies on (string `id`, `type`, `state`; `ui.nodes` an array
 * of nodes whose `attributes.node_type` is a string; messages, where present, lists of objects; `identity`, where
 * present, an object). Everything else is passed on untouched, so unknown fields, new node types and absent optional
 * fields from newer Kratos or Ory Network still work.
 */
export const isFlow: Check = object({
  id: isUrlSafe,
  type: isString,
  state: isString,
  identity: optional(isRecord),
  ui: object({
    messages,
    nodes: listOf(
      object({
        attributes: object({ node_type: isString }),
        messages: (value) => value === null || messages(value),
      }),
    ),
  }),
});

/** `value` as a flow of type `T`, or `undefined` when it is not one (see `isFlow`). */
export function asFlow<T extends FlowShape>(value: unknown): T | undefined {
  return isFlow(value) ? (value as T) : undefined;
}

const isEnvelope = object({
  error: object({
    message: isString,
    id: optional(isString),
    reason: optional(isString),
    details: (value) => value == null || isRecord(value),
  }),
});

/** Kratos's error envelope `{ error: { message, … } }` (docs/kratos-protocol.md §1.3); `undefined` for any other shape. */
export function asErrorEnvelope(value: unknown): ErrorEnvelope | undefined {
  return isEnvelope(value) ? (value as ErrorEnvelope) : undefined;
}
