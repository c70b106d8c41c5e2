const NULL_WORDS = new Set(['', 'none', 'null', 'nil', 'undefined', 'n/a', '-']);

// The guide abbreviates values (`+57301...`) and the app ends sentences right
// after them (`para +573001234567.`): neither belongs to the value.
const TRAILING_NOISE = /(?:\.{2,}|…|[.,:;])+$/;
const QUOTED = /^(['"`])(.*)\1$/s;

/**
 * A logged value (user id, IP, payment method) without quotes, trailing
 * ellipsis or sentence punctuation; null for `None`, `null` and empty values.
 *
 * @example cleanValue('+57301...') // '+57301'
 * @example cleanValue('None') // null
 */
export function cleanValue(raw: string | null | undefined): string | null {
  if (raw == null) return null;

  let value = raw.trim();
  const quoted = QUOTED.exec(value);
  if (quoted) value = (quoted[2] ?? '').trim();
  value = value.replace(TRAILING_NOISE, '').trim();

  return NULL_WORDS.has(value.toLowerCase()) ? null : value;
}
