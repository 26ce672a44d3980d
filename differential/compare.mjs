// The differences between the emulator's and real Kratos's views of the same step, and the table that explains the
// ones that are known.
import { NODES } from './view.mjs';

const ABSENT = '∅';
const show = (value) => (value === undefined ? ABSENT : typeof value === 'string' ? value : JSON.stringify(value));

/**
 * `[{ field, emulator, real }]`: a field per scalar that differs or exists on one side only; ui nodes one by one (a
 * node only one server shows); message lists as a whole.
 */
export function differences(emulator, real, field = '') {
  if (emulator === real) return [];
  const bothObjects = typeof emulator === 'object' && emulator !== null && typeof real === 'object' && real !== null;
  if (bothObjects && Array.isArray(emulator[NODES]) && Array.isArray(real[NODES])) {
    const only = (mine, theirs) => {
      const left = [...theirs];
      return mine.filter((node) => {
        const at = left.indexOf(node);
        if (at === -1) return true;
        left.splice(at, 1);
        return false;
      });
    };
    return [
      ...only(emulator[NODES], real[NODES]).map((node) => ({ field: `${field}[]`, emulator: node, real: ABSENT })),
      ...only(real[NODES], emulator[NODES]).map((node) => ({ field: `${field}[]`, emulator: ABSENT, real: node })),
    ];
  }
  if (bothObjects && !Array.isArray(emulator) && !Array.isArray(real)) {
    const keys = [...new Set([...Object.keys(emulator), ...Object.keys(real)])].sort();
    return keys.flatMap((key) => {
      const path = field ? `${field}.${key}` : key;
      if (!(key in emulator)) return [{ field: path, emulator: ABSENT, real: show(real[key]) }];
      if (!(key in real)) return [{ field: path, emulator: show(emulator[key]), real: ABSENT }];
      return differences(emulator[key], real[key], path);
    });
  }
  if (JSON.stringify(emulator) === JSON.stringify(real)) return [];
  return [{ field, emulator: show(emulator), real: show(real) }];
}

/**
 * Matches differences against the table of known ones. An entry names `field` and the `emulator` and `real` values
 * exactly; `script` and `step` are exact, `*`, or `/regex/`. Returns `{ known, unexplained, stale }`: stale entries
 * explain nothing in this run (fixed, or the table is wrong).
 */
export function explain(found, table) {
  const matches = (pattern, value) => {
    if (pattern === undefined || pattern === '*') return true;
    if (pattern.startsWith('/') && pattern.endsWith('/')) return new RegExp(pattern.slice(1, -1)).test(value);
    return pattern === value;
  };
  const used = new Set();
  const known = [];
  const unexplained = [];
  for (const difference of found) {
    const entry = table.find(
      (e) =>
        matches(e.script, difference.script) &&
        matches(e.step, difference.step) &&
        matches(e.field, difference.field) &&
        matches(e.emulator, difference.emulator) &&
        matches(e.real, difference.real),
    );
    if (entry) {
      used.add(entry);
      known.push({ ...difference, reason: entry.reason });
    } else {
      unexplained.push(difference);
    }
  }
  return { known, unexplained, stale: table.filter((entry) => !used.has(entry)) };
}
