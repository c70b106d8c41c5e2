/** The fields of a Heroku router line that matter here. */
export interface RouterFields {
  /** `at=info` / `at=error`, upper-cased. */
  level: string | null;
  dyno: string | null;
  status: number | null;
  path: string | null;
}

/**
 * Reads `at=info method=POST path="/api/..." dyno=web.2 status=401 ...`.
 * Values are bare or double-quoted; a single left-to-right scan, no regex.
 */
export function parseRouterMessage(text: string): RouterFields {
  const fields: RouterFields = { level: null, dyno: null, status: null, path: null };
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    const space = text.indexOf(' ', i);
    if (space >= 0 && space < eq) {
      // A word without `=` (should not happen in router lines): skip it.
      i = space + 1;
      continue;
    }
    const key = text.slice(i, eq);
    let value: string;
    if (text.charCodeAt(eq + 1) === 34) {
      const close = text.indexOf('"', eq + 2);
      const end = close < 0 ? n : close;
      value = text.slice(eq + 2, end);
      i = end + 1;
    } else {
      const end = text.indexOf(' ', eq + 1);
      value = text.slice(eq + 1, end < 0 ? n : end);
      i = end < 0 ? n : end + 1;
    }
    if (key === 'at') fields.level = value.toUpperCase();
    else if (key === 'dyno') fields.dyno = value === '' ? null : value;
    else if (key === 'path') fields.path = value;
    else if (key === 'status') {
      const status = Number.parseInt(value, 10);
      fields.status = Number.isNaN(status) ? null : status;
    }
  }
  return fields;
}
