import { scanDateTime } from './scanDateTime';

const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/**
 * Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by
 * magnitude (any real log time in seconds is below 1e11, i.e. before 5138).
 * Rounded to the microsecond so that the same instant read from a float and
 * from ISO text gives the same number.
 */
function epochToMs(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const abs = Math.abs(value);
  if (abs < 1e11) return Math.round(value * 1e6) / 1e3;
  if (abs < 1e14) return Math.round(value * 1e3) / 1e3;
  if (abs < 1e17) return Math.round(value) / 1e3;
  return Math.floor(value / 1e3) / 1e3;
}

/**
 * A log time as epoch milliseconds (fractions kept), or null when the value
 * is not a time.
 *
 * Accepts ISO 8601 / RFC 3339 (`Z`, `+00:00`, `-07:00`, any number of
 * fraction digits, `T` or a space), Python's `2026-01-03 10:00:00,123`, and
 * epoch seconds / milliseconds as numbers or numeric strings. Times without
 * a zone are read in `timezone` (IANA).
 *
 * @example
 * parseLogTime('2026-01-03T10:00:00.123456+00:00'); // 1767434400123.456
 * parseLogTime('2026-01-03 10:00:00,123', 'America/Bogota');
 * parseLogTime(1767434400.5); // 1767434400500
 */
export function parseLogTime(value: unknown, timezone = 'UTC'): number | null {
  if (typeof value === 'number') return epochToMs(value);
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? null : ms;
  }
  if (typeof value !== 'string') return null;

  const text = value.trim();
  if (text.length === 0) return null;
  if (NUMERIC.test(text)) return epochToMs(Number(text));

  const scanned = scanDateTime(text, 0, timezone);
  if (scanned === null || scanned.end !== text.length) return null;
  return scanned.ms;
}
