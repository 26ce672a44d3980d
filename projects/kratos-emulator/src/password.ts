/*
 * Kratos v1.3.1's password policy (selfservice/strategy/password/validator.go, its defaults, haveibeenpwned off as
 * tools/kratos/config.mjs sets it): at least 8 characters, and not too similar to the identifier (a Levenshtein
 * distance below 5, or a longest common substring over half the password, both case-insensitive).
 */
import { Text } from './model';
import { messages } from './ui';

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function longestCommonSubstring(a: string, b: string): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        current[j] = previous[j - 1] + 1;
        best = Math.max(best, current[j]);
      }
    }
    previous = current;
  }
  return best;
}

/** Why Kratos refuses `password` for an identity with `identifier`, or undefined when it takes it. */
export function passwordProblem(identifier: string, password: string): Text | undefined {
  // Go's len() counts bytes.
  const length = Buffer.byteLength(password);
  if (length < 8) return messages.passwordTooShort(8, length);
  if (identifier) {
    const id = identifier.toLowerCase();
    const pw = password.toLowerCase();
    if (levenshtein(id, pw) < 5 || longestCommonSubstring(id, pw) / pw.length > 0.5)
      return messages.passwordTooSimilar();
  }
  return undefined;
}
