import type { ParsedLine } from './ParsedLine';
import { lineFromMessage } from './lineFromMessage';

// NUL and other control characters (tab, CR, LF and ESC aside): bytes that
// were never text.
// eslint-disable-next-line no-control-regex -- control characters are the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]/;

/**
 * Control characters, or mostly undecodable bytes. A few replacement
 * characters are only a Latin-1 file read as UTF-8 (`Sesi\ufffdn`): text.
 */
function isBinary(line: string): boolean {
  if (CONTROL.test(line)) return true;
  let replaced = 0;
  for (let at = line.indexOf('\ufffd'); at >= 0; at = line.indexOf('\ufffd', at + 1))
    replaced++;
  return replaced * 4 > line.length;
}

/**
 * A line with no platform prefix: the app's prefix (a plain Django log
 * file), a bare `[TAG] ...` message (copied from a console or the guide),
 * or a bare line that may continue the open record (a stack line). Null
 * for binary garbage.
 */
export function parsePlainLine(line: string, timezone: string): ParsedLine | null {
  const parsed = lineFromMessage(null, null, line, timezone);
  if (parsed.starts || parsed.level !== null) return parsed;
  if (isBinary(line)) return null;
  parsed.bare = true;
  return parsed;
}
