import { scanDateTime } from './scanDateTime';
import { tagLength } from './tagLength';
import { zonedToEpochMs } from './zonedToEpochMs';

/** The app's own logging prefix, read off the front of a message. */
export interface AppPrefix {
  level: string | null;
  logger: string | null;
  /** The prefix's own time (null when it has none), read in the settings' zone. */
  time: number | null;
  /** The text after the prefix. */
  message: string;
}

const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR', 'CRITICAL', 'FATAL'];
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** The level word at `at` when a space, colon, `]` or the end follows it. */
function levelAt(text: string, at: number): string | null {
  const c = text.charCodeAt(at);
  // D I W E C F: a cheap reject before any string comparison.
  if (c !== 68 && c !== 73 && c !== 87 && c !== 69 && c !== 67 && c !== 70) return null;
  for (const level of LEVELS) {
    if (!text.startsWith(level, at)) continue;
    const after = text.charCodeAt(at + level.length);
    if (after === 32 || after === 58 || after === 93 || Number.isNaN(after)) return level;
  }
  return null;
}

function skipSpaces(text: string, at: number): number {
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  return at;
}

/** Skips a ` - ` style separator (`- `), as in `%(name)s - %(message)s`. */
function skipDash(text: string, at: number): number {
  return text.charCodeAt(at) === 45 && text.charCodeAt(at + 1) === 32
    ? skipSpaces(text, at + 2)
    : at;
}

function isLoggerStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isLoggerChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45
  );
}

/** End index of a logger name (`users.signals`) at `at`, or -1. */
function loggerEnd(text: string, at: number): number {
  if (!isLoggerStart(text.charCodeAt(at))) return -1;
  let i = at + 1;
  while (isLoggerChar(text.charCodeAt(i))) i++;
  return i;
}

function isDigitsToken(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Reads `logger message` (or `logger: message`, `logger - message`) at `at`.
 * Django's verbose format puts process and thread ids after the module;
 * they are dropped so that the message starts at the app's text.
 */
function loggerAndMessage(
  text: string,
  at: number,
  level: string | null,
  time: number | null,
): AppPrefix | null {
  if (at >= text.length) return { level, logger: null, time, message: '' };
  if (text.charCodeAt(at) === 91) {
    return { level, logger: null, time, message: text.slice(at) };
  }
  const end = loggerEnd(text, at);
  if (end < 0) return null;
  const after = text.charCodeAt(end);
  let i = end;
  if (after === 58) i++;
  else if (after !== 32 && !Number.isNaN(after)) return null;
  const logger = text.slice(at, end);
  i = skipDash(text, skipSpaces(text, i));

  const first = text.indexOf(' ', i);
  if (first > i && isDigitsToken(text, i, first)) {
    const second = text.indexOf(' ', first + 1);
    if (second > first + 1 && isDigitsToken(text, first + 1, second)) {
      i = second + 1;
    } else if (text.charCodeAt(first + 1) === 91) {
      i = first + 1;
    }
  }
  return { level, logger, time, message: text.slice(i) };
}

/**
 * After a leading date-time: `LEVEL logger msg`, `[pid] [LEVEL] msg` or
 * `logger - LEVEL - msg`.
 */
function afterTime(text: string, at: number, time: number): AppPrefix | null {
  let i = skipDash(text, skipSpaces(text, at));

  // `%(asctime)s %(message)s`: the tag follows the time directly.
  if (tagLength(text, i) > 0)
    return { level: null, logger: null, time, message: text.slice(i) };

  // gunicorn: `[2026-01-03 10:00:00 +0000] [117] [INFO] Booting worker`
  if (text.charCodeAt(i) === 91) {
    const close = text.indexOf(']', i);
    if (close > i + 1 && isDigitsToken(text, i + 1, close)) {
      i = skipSpaces(text, close + 1);
      if (text.charCodeAt(i) === 91) {
        const level = levelAt(text, i + 1);
        if (level !== null && text.charCodeAt(i + 1 + level.length) === 93) {
          const start = skipSpaces(text, i + 2 + level.length);
          return { level, logger: 'gunicorn', time, message: text.slice(start) };
        }
      }
      return null;
    }
  }

  let level = levelAt(text, i);
  if (level === null && text.charCodeAt(i) === 91) {
    const inner = levelAt(text, i + 1);
    if (inner !== null && text.charCodeAt(i + 1 + inner.length) === 93) {
      level = inner;
      i++;
    }
  }
  if (level !== null) {
    i += level.length;
    if (text.charCodeAt(i) === 93) i++;
    if (text.charCodeAt(i) === 58) i++;
    return loggerAndMessage(text, skipDash(text, skipSpaces(text, i)), level, time);
  }

  // `%(asctime)s - %(name)s - %(levelname)s - %(message)s`
  const end = loggerEnd(text, i);
  if (end < 0) return null;
  const j = skipDash(text, skipSpaces(text, end));
  const named = levelAt(text, j);
  if (named === null || j === end) return null;
  const start = skipDash(text, skipSpaces(text, j + named.length));
  return { level: named, logger: text.slice(i, end), time, message: text.slice(start) };
}

/** `[03/Jan/2026 10:00:00]` as Django's runserver writes it. */
function runserverTime(text: string, timezone: string): number | null {
  if (
    text.charCodeAt(3) !== 47 ||
    text.charCodeAt(7) !== 47 ||
    text.charCodeAt(21) !== 93
  ) {
    return null;
  }
  const month = MONTHS.indexOf(text.slice(4, 7));
  const nums = [1, 8, 13, 16, 19].map((at, k) => {
    const width = k === 1 ? 4 : 2;
    return isDigitsToken(text, at, at + width) ? Number(text.slice(at, at + width)) : -1;
  });
  const [day, year, hour, minute, second] = nums as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 0 || month % 3 !== 0 || nums.some((n) => n < 0)) return null;
  const ms = zonedToEpochMs(year, month / 3 + 1, day, hour, minute, second, timezone);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Reads the app's Python logging prefix at the start of `text`:
 * `LEVEL logger message`; `LEVEL 2026-01-03 10:00:00,123 module message`;
 * `2026-01-03 10:00:00,123 LEVEL logger message`;
 * `[2026-01-03 10:00:00,123] LEVEL logger: message`; `LEVEL:logger:message`;
 * and the near relatives (`%(asctime)s - %(name)s - %(levelname)s - ...`,
 * gunicorn's `[date] [pid] [LEVEL]`, runserver's `[03/Jan/2026 10:00:00]`).
 * Null when the text has none of them (a stack line, a bare message).
 *
 * @example
 * parseAppPrefix('INFO users.signals [SESSION_CREATED] ...', 'UTC');
 * // level 'INFO', logger 'users.signals', time null, message '[SESSION_CREATED] ...'
 */
export function parseAppPrefix(text: string, timezone: string): AppPrefix | null {
  const c = text.charCodeAt(0);

  if (c >= 48 && c <= 57) {
    const scanned = scanDateTime(text, 0, timezone);
    if (scanned === null) return null;
    return afterTime(text, scanned.end, scanned.ms);
  }

  if (c === 91) {
    const scanned = scanDateTime(text, 1, timezone);
    if (scanned !== null) {
      if (text.charCodeAt(scanned.end) !== 93) return null;
      return afterTime(text, scanned.end + 1, scanned.ms);
    }
    const served = runserverTime(text, timezone);
    if (served === null) return null;
    return {
      level: null,
      logger: 'django.server',
      time: served,
      message: text.slice(skipSpaces(text, 22)),
    };
  }

  const level = levelAt(text, 0);
  if (level === null) return null;
  let i = level.length;

  if (text.charCodeAt(i) === 58) {
    // BASIC_FORMAT: `LEVEL:logger:message`
    const colon = text.indexOf(':', i + 1);
    if (colon < 0) return null;
    const end = loggerEnd(text, i + 1);
    if (end !== colon) return null;
    return {
      level,
      logger: text.slice(i + 1, colon),
      time: null,
      message: text.slice(colon + 1),
    };
  }
  if (text.charCodeAt(i) === 93) return null;

  i = skipDash(text, skipSpaces(text, i));
  const d = text.charCodeAt(i);
  if (d >= 48 && d <= 57) {
    const scanned = scanDateTime(text, i, timezone);
    if (scanned === null) return null;
    const at = skipDash(text, skipSpaces(text, scanned.end));
    return loggerAndMessage(text, at, level, scanned.ms);
  }
  return loggerAndMessage(text, i, level, null);
}
