function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xfeff) return i;
    i++;
  }
  return -1;
}

/**
 * True when the input is one JSON document to read whole (a JSON array such
 * as a REST listing, or a pretty-printed event) rather than one JSON value
 * per line. `sample` is the input's first bytes as text; `complete` says
 * whether it is the whole input.
 */
export function isJsonDocument(sample: string, complete: boolean): boolean {
  const start = firstNonSpace(sample, 0);
  if (start < 0) return false;
  const c = sample.charCodeAt(start);
  if (c === 91) {
    // `[{` or `[]` is JSON; `[SESSION_...]` and `[2026-...]` are log lines.
    const next = firstNonSpace(sample, start + 1);
    if (next < 0) return complete;
    const d = sample.charCodeAt(next);
    return d === 123 || d === 93;
  }
  if (c !== 123) return false;

  // An object whose first line is not a whole JSON value is pretty-printed.
  const newline = sample.indexOf('\n', start);
  if (newline < 0) return complete ? !parses(sample.slice(start)) : false;
  return !parses(sample.slice(start, newline));
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
