// A key starts the text or follows a comma, ` - ` or a sentence end; a key is
// a short phrase (`JTI`, `user_id`, `Old JTI`). Values cannot hold a comma.
const KEY = /(?:^|,|\s[-–—]\s|\.\s)\s*([A-Za-z][A-Za-z_ ]{0,30}?)\s*[:=](?![:=])\s*/g;

/**
 * The `Key: value` pairs of a message part such as
 * `JTI: abc, user_id: +57300...`, keyed by the lower-cased key with spaces
 * as underscores (`old_jti`). Values are raw; clean them per field.
 */
export function readKeyValues(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const keys = [...text.matchAll(KEY)];

  keys.forEach((match, index) => {
    const key = (match[1] ?? '').trim().toLowerCase().replace(/\s+/g, '_');
    const start = (match.index ?? 0) + match[0].length;
    const end = keys[index + 1]?.index ?? text.length;
    if (!pairs.has(key)) pairs.set(key, text.slice(start, end).trim());
  });
  return pairs;
}

/** The first value present under one of `keys`. */
export function valueOf(pairs: Map<string, string>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = pairs.get(key);
    if (value !== undefined) return value;
  }
  return undefined;
}
