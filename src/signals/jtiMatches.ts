import { cleanJti } from './cleanJti';

/**
 * Below this many characters a prefix says too little: the guide's `uuid-`
 * or `abc` would match unrelated JTIs.
 */
export const MIN_JTI_PREFIX = 6;

/**
 * True when two logged JTIs name the same token: equal, or one is an
 * abbreviation (a prefix of at least six characters) of the other. Values
 * are cleaned first, so `abc123...` and `abc123def` match; case is ignored
 * because some loggers upper-case hex.
 *
 * @example jtiMatches('abc123...', 'abc123def456') // true
 * @example jtiMatches('abc', 'abcdef') // false
 */
export function jtiMatches(
  a: string | null | undefined,
  b: string | null | undefined,
): boolean {
  const left = cleanJti(a)?.toLowerCase();
  const right = cleanJti(b)?.toLowerCase();
  if (!left || !right) return false;
  if (left === right) return true;

  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  return shorter.length >= MIN_JTI_PREFIX && longer.startsWith(shorter);
}
