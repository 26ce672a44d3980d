/*
 * Checks of a body's shape, composed as a table (`object({ id: isString, ui: object({ … }) })`): one small mechanism
 * for every answer the library reads, instead of a hand-written test per field.
 */

/** Whether a value has the shape a check stands for. */
export type Check = (value: unknown) => boolean;

export const isString: Check = (value) => typeof value === 'string';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string that can go into a URL: ids end up in router URLs and query strings, where a lone surrogate throws. */
export function isUrlSafe(value: unknown): value is string {
  try {
    return typeof value === 'string' && value !== '' && !!encodeURIComponent(value);
  } catch {
    return false;
  }
}

/** Absent, or as `check` says. */
export const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);

/** An array whose every item passes `check`. */
export const listOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);

/** An object whose named keys pass their checks; other keys are not looked at. */
export const object =
  (fields: Record<string, Check>): Check =>
  (value) =>
    isRecord(value) && Object.keys(fields).every((key) => fields[key](value[key]));
