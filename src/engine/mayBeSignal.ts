import type { LogRecord } from '../model/LogRecord';

/**
 * False when `parseSignal` would surely return null, decided without
 * normalising the message: most records are filler, and the signal readers'
 * normalising and regular expressions cost far more than a few `indexOf`s.
 *
 * A signal needs a router line with status 401, `Unauthorized:`, or a
 * `[TAG]`, which opens with `[` and an upper-case letter. A `[` followed by
 * an escape (ANSI colour removed later) or a non-ASCII character (NFC maps
 * some, like the Kelvin sign, to ASCII letters) is kept to be safe.
 */
export function mayBeSignal(record: LogRecord): boolean {
  const origin = record.origin;
  const message = record.message;
  if (origin.kind === 'router') {
    // Without a status field the 401 can only be read from the text: an
    // empty one (a router line the readers skimmed) holds none.
    if (origin.httpStatus === undefined) return message !== '';
    return origin.httpStatus === 401;
  }

  if (typeof message !== 'string') return true;
  for (let at = message.indexOf('['); at >= 0; at = message.indexOf('[', at + 1)) {
    const next = message.charCodeAt(at + 1);
    if ((next >= 65 && next <= 90) || next === 27 || next >= 128) return true;
  }
  return message.includes('Unauthorized:');
}
