import type { ParsedLine } from './ParsedLine';
import { lineFromMessage } from './lineFromMessage';
import { routerLine } from './routerLine';
import { scanDateTime } from './scanDateTime';

/**
 * A Heroku log line: `2026-01-03T10:00:00.123456+00:00 app[web.1]: message`,
 * `... heroku[router]: at=info ... dyno=web.2 status=401 ...` or another
 * platform line (`heroku[web.1]: State changed from up to down`).
 * Null when the line is not in that shape.
 */
export function parseHerokuLine(line: string, timezone: string): ParsedLine | null {
  const scanned = scanDateTime(line, 0, timezone);
  if (scanned === null || line.charCodeAt(scanned.end) !== 32) return null;

  const at = scanned.end + 1;
  const isApp = line.startsWith('app[', at);
  if (!isApp && !line.startsWith('heroku[', at)) return null;
  const open = at + (isApp ? 3 : 6);
  const close = line.indexOf(']', open);
  if (close < 0 || line.charCodeAt(close + 1) !== 58) return null;

  const process = line.slice(open + 1, close);
  const restAt = line.charCodeAt(close + 2) === 32 ? close + 3 : close + 2;
  const rest = line.slice(restAt);

  if (isApp) return lineFromMessage(scanned.ms, process, rest, timezone);
  if (process === 'router') return routerLine(scanned.ms, rest);
  return {
    time: scanned.ms,
    source: process,
    level: null,
    logger: 'heroku',
    message: rest,
    starts: true,
    standalone: true,
    kind: 'log',
  };
}
