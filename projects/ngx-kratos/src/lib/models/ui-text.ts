/** How Kratos classifies a message (docs/kratos-protocol.md §3.4; `success` exists since Kratos v0.11). */
export type UiTextType = 'info' | 'error' | 'success';

/**
 * A message from Kratos: a label, a validation error, a notice.
 * `id` is stable across Kratos versions, so translations key on it (docs/kratos-protocol.md §3.4 lists the useful ones).
 */
export interface UiText {
  /** The message's id (`text/id.go`): what a translation keys on. */
  id: number;
  /** The message in English, with `context`'s values already filled in. */
  text: string;
  /** Whether it informs, reports an error, or confirms a success. */
  type: UiTextType;
  /** Values interpolated into `text`, e.g. `{ reason }` for 4000001 or `{ min_length, actual_length }` for 4000032. */
  context?: Record<string, unknown>;
}
