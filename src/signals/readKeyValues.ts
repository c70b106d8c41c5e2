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

  // An exec loop rather than `[...text.matchAll(KEY)]`: the iterator and its
  // regex clone cost more than the matching on these short lines.
  let previous: RegExpExecArray | null = null;
  KEY.lastIndex = 0;
  for (;;) {
    const match = KEY.exec(text);
    if (previous !== null) addPair(pairs, text, previous, match?.index ?? text.length);
    if (match === null) break;
    previous = match;
  }
  return pairs;
}

function addPair(
  pairs: Map<string, string>,
  text: string,
  match: RegExpExecArray,
  end: number,
): void {
  const key = keyName(match[1] ?? '');
  const start = match.index + match[0].length;
  if (!pairs.has(key)) pairs.set(key, text.slice(start, end).trim());
}

/** The first value present under one of `keys`. */
export function valueOf(pairs: Map<string, string>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = pairs.get(key);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Distinct raw keys remembered before the cache starts over. */
const KEY_CACHE_LIMIT = 256;
const keyNames = new Map<string, string>();

/**
 * `Old JTI` as `old_jti`. The app writes a handful of keys millions of
 * times, so each raw key is normalised once.
 */
function keyName(raw: string): string {
  const known = keyNames.get(raw);
  if (known !== undefined) return known;
  if (keyNames.size >= KEY_CACHE_LIMIT) keyNames.clear();
  const name = raw.trim().toLowerCase().replace(/\s+/g, '_');
  // A key cut from a message would keep the message alive in the cache: key a copy.
  keyNames.set(JSON.parse(JSON.stringify(raw)) as string, name);
  return name;
}
