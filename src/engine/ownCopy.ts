// Text JSON can hold between quotes without an escape.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\x00-\x1f]/;

/**
 * A copy of `text` that shares no memory with the string it was cut from.
 * V8 keeps a substring of 13 characters or more as a view of its parent (and
 * a concatenation as a pair of pointers), so a JTI or a user id cut from a
 * log line and kept for a day of lookback would hold the whole line, and a
 * line cut from a reader's chunk the whole chunk.
 *
 * JSON.parse builds a string of its own, with no view in between; text it
 * could not read back unescaped gets a copy with a leading character forced
 * flat, and a view past that character (32 bytes more).
 */
export function ownCopy(text: string): string;
export function ownCopy(text: string | null): string | null;
export function ownCopy(text: string | undefined): string | undefined;
export function ownCopy(text: string | null | undefined): string | null | undefined {
  // Records built by hand (tests, stored rows) may miss a field: leave it be.
  if (typeof text !== 'string' || text.length < 13) return text;
  if (!NEEDS_ESCAPE.test(text)) return JSON.parse(`"${text}"`) as string;
  return ` ${text}`.slice(1);
}
