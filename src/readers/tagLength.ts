/**
 * Length of the app's bracketed tag (`[SESSION_REFRESH]`) at `start`, or 0
 * when the text does not start with one. A tag is `[A-Z][A-Z0-9_]+` in
 * brackets; `[2026-...]` and `[web.1]` are not tags.
 */
export function tagLength(text: string, start = 0): number {
  if (text.charCodeAt(start) !== 91) return 0;
  const first = text.charCodeAt(start + 1);
  if (first < 65 || first > 90) return 0;
  let i = start + 2;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 93) return i - start >= 3 ? i - start + 1 : 0;
    const ok = (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
    if (!ok) return 0;
    i++;
  }
}

/** True when the message starts with a `[TAG]`. */
export function isTagged(message: string): boolean {
  return tagLength(message) > 0;
}
