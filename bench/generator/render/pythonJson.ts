/** A number Python would serialise as a float (`1767427618.0`, never `1767427618`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

export interface PythonJsonOptions {
  /** `separators=(',', ':')` instead of Python's default `(', ', ': ')`. */
  compact: boolean;
  /** `ensure_ascii=True`: every character outside space..`~` as `\uxxxx` (lowercase hex). */
  ensureAscii: boolean;
}

function pyString(value: string, ensureAscii: boolean): string {
  const json = JSON.stringify(value);
  if (!ensureAscii) return json;
  return json.replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * `json.dumps(value)` as Python writes it: key order kept, floats with a
 * fraction, optionally compact and ASCII-only (how Sentry's webhook bodies
 * arrive, which is why they must be verified as raw bytes).
 */
export function pythonJson(value: unknown, options: PythonJsonOptions): string {
  const comma = options.compact ? ',' : ', ';
  const colon = options.compact ? ':' : ': ';
  const write = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (v instanceof PyFloat) {
      return Number.isInteger(v.value) ? `${v.value}.0` : String(v.value);
    }
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v === 'string') return pyString(v, options.ensureAscii);
    if (Array.isArray(v)) return `[${v.map(write).join(comma)}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(
      ([, x]) => x !== undefined,
    );
    return `{${entries.map(([k, x]) => `${pyString(k, options.ensureAscii)}${colon}${write(x)}`).join(comma)}}`;
  };
  return write(value);
}
