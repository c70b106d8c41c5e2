import type { ParsedLine } from './ParsedLine';
import { parseAppPrefix } from './parseAppPrefix';
import { requestPathOf } from './requestPathOf';
import { tagLength } from './tagLength';

/**
 * The line after its platform prefix (time and source already read): the
 * app's own prefix, if any, is removed. The platform's time wins over the
 * prefix's: it is more precise and carries a zone.
 */
export function lineFromMessage(
  time: number | null,
  source: string | null,
  rest: string,
  timezone: string,
): ParsedLine {
  const prefix = parseAppPrefix(rest, timezone);
  if (prefix !== null) {
    const path = requestPathOf(prefix.message);
    const line: ParsedLine = {
      time: time ?? prefix.time,
      source,
      level: prefix.level,
      logger: prefix.logger,
      message: prefix.message,
      starts: true,
      standalone: false,
      kind: 'log',
    };
    if (path !== undefined) line.path = path;
    return line;
  }
  return {
    time,
    source,
    level: null,
    logger: null,
    message: rest,
    starts: tagLength(rest) > 0,
    standalone: false,
    kind: 'log',
  };
}
