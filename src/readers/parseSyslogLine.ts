import type { ParsedLine } from './ParsedLine';
import { lineFromMessage } from './lineFromMessage';
import { routerLine } from './routerLine';
import { scanDateTime } from './scanDateTime';

/** Index of the next space at or after `at`, or -1. */
function nextSpace(line: string, at: number): number {
  return line.indexOf(' ', at);
}

/** Index just past `<PRI>VERSION ` when the frame header is there, else -1. */
function afterHeader(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  if (i > 0) {
    if (line.charCodeAt(i) !== 32) return -1;
    i++;
  }
  if (line.charCodeAt(i) !== 60) return -1;
  const close = line.indexOf('>', i);
  if (close < 0 || close - i > 4) return -1;
  let j = close + 1;
  while (line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
  if (j === close + 1 || line.charCodeAt(j) !== 32) return -1;
  return j + 1;
}

/**
 * RFC 5424 structured data before the message: `-` when empty (Heroku
 * leaves it out altogether) or `[id k="v"]`, which is never a `[TAG]`.
 */
function skipStructuredData(line: string, at: number): number {
  if (line.charCodeAt(at) === 45 && line.charCodeAt(at + 1) === 32) return at + 2;
  if (line.charCodeAt(at) !== 91) return at;
  const close = line.indexOf(']', at);
  if (close < 0) return at;
  const inner = line.slice(at + 1, close);
  if (!inner.includes('="') && !/^[^\s=\]]+@\d+/.test(inner)) return at;
  return line.charCodeAt(close + 1) === 32 ? close + 2 : close + 1;
}

/**
 * Heroku's log-drain framing (RFC 5424 over syslog, octet-counted):
 * `83 <40>1 2026-01-03T10:00:00+00:00 host app web.1 - message`.
 * The source is the process id (`web.1`); `heroku router` frames are router
 * lines. Null when the line is not in that shape.
 */
export function parseSyslogLine(line: string, timezone: string): ParsedLine | null {
  const start = afterHeader(line);
  if (start < 0) return null;

  const timeEnd = nextSpace(line, start);
  if (timeEnd < 0) return null;
  let time: number | null = null;
  if (!(timeEnd === start + 1 && line.charCodeAt(start) === 45)) {
    const scanned = scanDateTime(line, start, timezone);
    if (scanned === null || scanned.end !== timeEnd) return null;
    time = scanned.ms;
  }

  const hostEnd = nextSpace(line, timeEnd + 1);
  const appEnd = hostEnd < 0 ? -1 : nextSpace(line, hostEnd + 1);
  const procEnd = appEnd < 0 ? -1 : nextSpace(line, appEnd + 1);
  if (procEnd < 0) return null;
  const app = line.slice(hostEnd + 1, appEnd);
  const proc = line.slice(appEnd + 1, procEnd);
  const msgIdEnd = nextSpace(line, procEnd + 1);
  const restAt = msgIdEnd < 0 ? line.length : skipStructuredData(line, msgIdEnd + 1);
  const rest = line.slice(restAt);

  if (app === 'heroku' && proc === 'router') return routerLine(time, rest);
  const source = proc === '-' ? (app === '-' ? null : app) : proc;
  if (app === 'heroku') {
    return {
      time,
      source,
      level: null,
      logger: 'heroku',
      message: rest,
      starts: true,
      standalone: true,
      kind: 'log',
    };
  }
  return lineFromMessage(time, source, rest, timezone);
}
