/**
 * How many bytes at the end of `bytes[0, end)` begin a UTF-8 character that
 * is not complete yet: what Node's `StringDecoder` holds back for the next
 * write (checked against it over random bytes, invalid ones included), so
 * that text cut there decodes as the decoder would have decoded it.
 */
export function incompleteUtf8Tail(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let at = end - 1; at >= 0; at--) {
    const c = bytes[at] as number;
    if (c < 0x80) return 0;
    count++;
    if ((c & 0xc0) === 0x80) {
      // A continuation byte: its lead is further back, unless too far to be one.
      if (count >= 4 || at === 0) return 0;
      continue;
    }
    const length =
      (c & 0xe0) === 0xc0 ? 2 : (c & 0xf0) === 0xe0 ? 3 : (c & 0xf8) === 0xf0 ? 4 : 0;
    return length > count ? count : 0;
  }
  return 0;
}
