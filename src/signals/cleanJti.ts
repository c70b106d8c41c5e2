const NULL_WORDS = new Set(['none', 'null', 'nil', 'undefined']);
const LONGEST_NULL_WORD = Math.max(...[...NULL_WORDS].map((word) => word.length));
const QUOTE = /^['"`]/;
const TOKEN = /^[A-Za-z0-9_-]+/;
const UUID_CALL = /^UUID\(\s*(['"])(.*?)\1\s*\)/i;

/**
 * A JTI (or a session or appointment id) as the run of `[A-Za-z0-9_-]` it
 * starts with: the guide's trailing `...`/`…`, quotes, a `UUID('...')`
 * wrapper and sentence punctuation fall away. Null when no such run exists
 * or the value is `None`.
 *
 * @example cleanJti('abc123....') // 'abc123'
 * @example cleanJti("'xyz789...'") // 'xyz789'
 */
export function cleanJti(raw: string | null | undefined): string | null {
  if (raw == null) return null;

  let value = raw.trim();
  // `UUID(` starts with a U; the exec is skipped for the plain values.
  const first = value.charCodeAt(0);
  if (first === 85 || first === 117) {
    const uuidCall = UUID_CALL.exec(value);
    if (uuidCall) value = uuidCall[2] ?? '';
  }
  if (QUOTE.test(value)) value = value.slice(1);

  const token = TOKEN.exec(value)?.[0] ?? null;
  if (token === null) return null;
  // Only short tokens can be a null word; sparing the lower-casing of every
  // 32-character JTI is worth the length check.
  if (token.length <= LONGEST_NULL_WORD && NULL_WORDS.has(token.toLowerCase()))
    return null;
  return token;
}

/** True when the JTI was written abbreviated (`abc123...` or `abc123…`). */
export function isAbbreviatedJti(raw: string): boolean {
  return /^['"`]?[A-Za-z0-9_-]+(?:\.\.\.|…)/.test(raw.trim());
}
