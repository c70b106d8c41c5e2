const NULL_WORDS = new Set(['', 'none', 'null', 'nil', 'undefined', 'n/a', '-']);

// The guide abbreviates values (`+57301...`) and the app ends sentences right
// after them (`para +573001234567.`): neither belongs to the value.
const TRAILING_NOISE = /(?:\.{2,}|…|[.,:;])+$/;
const QUOTED = /^(['"`])(.*)\1$/s;
const QUOTES = new Set(["'", '"', '`'].map((quote) => quote.charCodeAt(0)));
const NOISE_ENDS = new Set(['.', '…', ',', ':', ';'].map((end) => end.charCodeAt(0)));
const LONGEST_NULL_WORD = Math.max(...[...NULL_WORDS].map((word) => word.length));

/**
 * A logged value (user id, IP, payment method) without quotes, trailing
 * ellipsis or sentence punctuation; null for `None`, `null` and empty values.
 *
 * @example cleanValue('+57301...') // '+57301'
 * @example cleanValue('None') // null
 */
export function cleanValue(raw: string | null | undefined): string | null {
  if (raw == null) return null;

  // Each step runs only when the character it looks for is there: most
  // values are plain, and this runs several times per signal.
  let value = raw.trim();
  if (QUOTES.has(value.charCodeAt(0))) {
    const quoted = QUOTED.exec(value);
    if (quoted) value = (quoted[2] ?? '').trim();
  }
  if (NOISE_ENDS.has(value.charCodeAt(value.length - 1))) {
    value = value.replace(TRAILING_NOISE, '').trim();
  }

  if (value.length > LONGEST_NULL_WORD) return value;
  return NULL_WORDS.has(value.toLowerCase()) ? null : value;
}
