import type { FieldChange } from '../model/Signal';
import { isPyDict, type PyValue } from './PyValue';
import { parsePythonRepr } from './parsePythonRepr';

const CHANGE = /^([A-Za-z_][\w.]*)\s*:\s*([\s\S]*?)\s*(?:->|→|=>)\s*([\s\S]*)$/;
const ASSIGNMENT = /^([A-Za-z_][\w.]*)\s*[:=]\s*([\s\S]*)$/;
const BARE_FIELD = /^[A-Za-z_][\w.]*$/;

/**
 * The changes of a `[USER_SAVE]` line: `role: CLIENT -> VIP, is_active: True
 * -> False`, bare field names (`cancellation_streak, updated_at`), or a
 * Python list or dict of them. Values keep their text (`None` included)
 * without surrounding quotes.
 */
export function readFieldChanges(text: string): FieldChange[] {
  const trimmed = text.trim().replace(/\.$/, '').trim();
  if (trimmed === '') return [];
  if (/^[[({]/.test(trimmed)) {
    const fromRepr = changesFromRepr(trimmed);
    if (fromRepr) return fromRepr;
  }

  return splitChanges(trimmed).map((part) => {
    const change = CHANGE.exec(part);
    if (change) {
      return {
        field: change[1] ?? part,
        from: unquote(change[2]),
        to: unquote(change[3]),
      };
    }
    const assignment = ASSIGNMENT.exec(part);
    if (assignment)
      return { field: assignment[1] ?? part, from: null, to: unquote(assignment[2]) };
    return { field: part, from: null, to: null };
  });
}

/**
 * Splits on commas outside brackets and quotes, then glues back a piece that
 * starts no field (`name: Pérez, Juan -> ...` has a comma in a value).
 */
function splitChanges(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if ('([{'.includes(char)) {
      depth++;
    } else if (')]}'.includes(char)) {
      depth = Math.max(0, depth - 1);
    } else if (char === ',' && depth === 0) {
      pieces.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  pieces.push(current);

  const parts: string[] = [];
  for (const piece of pieces.map((p) => p.trim()).filter((p) => p !== '')) {
    const startsField = BARE_FIELD.test(piece) || ASSIGNMENT.test(piece);
    if (!startsField && parts.length > 0) parts[parts.length - 1] += `, ${piece}`;
    else parts.push(piece);
  }
  return parts;
}

function changesFromRepr(text: string): FieldChange[] | null {
  const result = parsePythonRepr(text);
  const value = result.ok ? result.value : result.partial;
  if (Array.isArray(value)) {
    return value
      .filter((v) => typeof v === 'string')
      .map((field) => bare(field as string));
  }
  if (isPyDict(value)) {
    return Object.entries(value).map(([field, change]) => {
      if (Array.isArray(change) && change.length === 2) {
        return { field, from: show(change[0]), to: show(change[1]) };
      }
      if (isPyDict(change))
        return { field, from: show(change.old), to: show(change.new) };
      return { field, from: null, to: show(change) };
    });
  }
  return null;
}

const bare = (field: string): FieldChange => ({ field, from: null, to: null });

function show(value: PyValue | undefined): string | null {
  if (value === undefined) return null;
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function unquote(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') return null;
  const quoted = /^(['"])([\s\S]*)\1$/.exec(trimmed);
  return quoted ? (quoted[2] ?? '') : trimmed;
}
