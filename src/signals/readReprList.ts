import { isPyDict, type PyValue } from './PyValue';
import { parsePythonRepr } from './parsePythonRepr';

export interface ReprList {
  items: PyValue[];
  /** False when the list was cut short or unreadable after some elements. */
  complete: boolean;
}

/**
 * The elements of a logged Python list (a lone dict counts as a list of
 * one), keeping the complete ones when it was cut short. Null when nothing
 * list-like could be read.
 *
 * A line longer than the platform's limit (Heroku: 10 000 bytes) reaches us
 * split, with a line break in the middle of a token; when the text does not
 * read as it is, it is read again with its line breaks removed, which only
 * joins what pretty-printing had already separated by blanks.
 */
export function readReprList(text: string): ReprList | null {
  const first = asList(text);
  if (first?.complete || !/[\r\n]/.test(text)) return first;

  const joined = asList(text.replace(/\r?\n/g, ''));
  if (!joined) return first;
  if (!first || joined.complete || joined.items.length > first.items.length)
    return joined;
  return first;
}

function asList(text: string): ReprList | null {
  const result = parsePythonRepr(text.trim());
  const value = result.ok ? result.value : result.partial;
  const items = Array.isArray(value) ? value : isPyDict(value) ? [value] : null;
  return items === null ? null : { items, complete: result.ok };
}
