import { utcDayMs } from './utcDayMs';
import { zonedToEpochMs } from './zonedToEpochMs';

/** A date-time found at a position of a line, and where its text ends. */
export interface ScannedDateTime {
  /** Epoch milliseconds, fractions of a millisecond kept (to the microsecond). */
  ms: number;
  /** Index just past the date-time (and its zone, if any). */
  end: number;
  /** False when the text carried no zone and `timezone` was applied. */
  zoned: boolean;
}

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function isDigit(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
}

/** Minutes east of UTC for `+HH:MM`, `+HHMM` or `+HH` at `at`, and the end index. */
function scanOffset(text: string, at: number): { minutes: number; end: number } | null {
  const sign = text.charCodeAt(at);
  if (sign !== 43 && sign !== 45 && sign !== 0x2212) return null;
  const hours = digits(text, at + 1, 2);
  if (hours < 0 || hours > 23) return null;
  let end = at + 3;
  let minutes = 0;
  if (text.charCodeAt(end) === 58 && isDigit(text, end + 1)) end++;
  if (isDigit(text, end)) {
    minutes = digits(text, end, 2);
    if (minutes < 0 || minutes > 59) return null;
    end += 2;
  }
  if (isDigit(text, end)) return null;
  const total = hours * 60 + minutes;
  return { minutes: sign === 43 ? total : -total, end };
}

/**
 * Reads `YYYY-MM-DD[T ]HH:MM[:SS][.,fraction][zone]` starting at `start`.
 * Zone: `Z`, `+HH:MM`, `+HHMM`, `+HH`, also after one space (`10:00:00 +0000`,
 * as gunicorn writes it). Without a zone the wall time is read in `timezone`.
 * Hand-written rather than a regex: it runs once per line of large files.
 */
export function scanDateTime(
  text: string,
  start: number,
  timezone: string,
): ScannedDateTime | null {
  // Consecutive lines often carry the very same time text (a stack logged
  // at once): compare it whole before reading it digit by digit.
  if (last !== null && lastZone === timezone && text.startsWith(last.text, start)) {
    const end = start + last.text.length;
    if (readsAsCached(last, text, end)) return { ms: last.ms, end, zoned: last.zoned };
  }
  const scanned = scan(text, start, timezone);
  if (scanned !== null) {
    const cached = text.slice(start, scanned.end);
    // Past the date's separator, a space in the text is before a zone.
    const spaced = scanned.zoned && cached.lastIndexOf(' ') > 10;
    last = { text: cached, ms: scanned.ms, zoned: scanned.zoned, spaced };
    lastZone = timezone;
  }
  return scanned;
}

interface Cached {
  text: string;
  ms: number;
  zoned: boolean;
  /** The zone came after a space (`10:00:00 +0000`). */
  spaced: boolean;
}

let last: Cached | null = null;
let lastZone = '';

/**
 * True when `scan` would stop at `end` of `text`, which starts with the
 * cached text, and so read what it read there: what follows adds no
 * fraction, seconds or zone, and a spaced zone still stands alone.
 */
function readsAsCached(cached: Cached, text: string, end: number): boolean {
  const next = text.charCodeAt(end);
  if (cached.spaced) return Number.isNaN(next) || next === 32 || next === 93;
  if (continuesTime(next)) return false;
  return cached.zoned || next !== 32 || !continuesTime(text.charCodeAt(end + 1));
}

/** A character that would make a longer date-time than the cached one (a zone too). */
function continuesTime(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 44 ||
    c === 58 ||
    c === 43 ||
    c === 45 ||
    c === 0x2212 ||
    c === 90 ||
    c === 122
  );
}

function scan(text: string, start: number, timezone: string): ScannedDateTime | null {
  const year = digits(text, start, 4);
  if (year < 0 || text.charCodeAt(start + 4) !== 45) return null;
  const month = digits(text, start + 5, 2);
  if (month < 1 || month > 12 || text.charCodeAt(start + 7) !== 45) return null;
  const day = digits(text, start + 8, 2);
  if (day < 1 || day > 31) return null;
  const sep = text.charCodeAt(start + 10);
  if (sep !== 84 && sep !== 32 && sep !== 116) return null;
  const hour = digits(text, start + 11, 2);
  if (hour < 0 || hour > 24 || text.charCodeAt(start + 13) !== 58) return null;
  const minute = digits(text, start + 14, 2);
  if (minute < 0 || minute > 59) return null;
  let end = start + 16;
  let second = 0;
  if (text.charCodeAt(end) === 58) {
    second = digits(text, end + 1, 2);
    if (second < 0 || second > 60) return null;
    end += 3;
  }

  // Fraction: keep microseconds, drop the rest (docker writes nanoseconds).
  let micros = 0;
  const point = text.charCodeAt(end);
  if ((point === 46 || point === 44) && isDigit(text, end + 1)) {
    end++;
    let kept = 0;
    while (isDigit(text, end)) {
      if (kept < 6) {
        micros = micros * 10 + text.charCodeAt(end) - 48;
        kept++;
      }
      end++;
    }
    while (kept < 6) {
      micros *= 10;
      kept++;
    }
  }

  let offsetMinutes: number | null = null;
  const z = text.charCodeAt(end);
  if (z === 90 || z === 122) {
    offsetMinutes = 0;
    end++;
  } else {
    const at = z === 32 ? end + 1 : end;
    const offset = scanOffset(text, at);
    const after = offset === null ? 0 : text.charCodeAt(offset.end);
    // A spaced offset only counts when it stands alone (`+0000]`, `+0000 `).
    if (
      offset !== null &&
      (z !== 32 || Number.isNaN(after) || after === 32 || after === 93)
    ) {
      offsetMinutes = offset.minutes;
      end = offset.end;
    }
  }

  const wholeSecond = second === 60 ? 59 : second;
  const base =
    offsetMinutes === null
      ? zonedToEpochMs(year, month, day, hour, minute, wholeSecond, timezone)
      : utcDayMs(year, month, day) +
        hour * 3_600_000 +
        minute * 60_000 +
        wholeSecond * 1000 -
        offsetMinutes * 60_000;
  if (Number.isNaN(base)) return null;
  return { ms: (base * 1000 + micros) / 1000, end, zoned: offsetMinutes !== null };
}
