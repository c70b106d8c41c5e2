import { utcDayMs } from './utcDayMs';

function digit(bytes: Uint8Array, at: number): number {
  const c = (bytes[at] as number) - 48;
  return c >= 0 && c <= 9 ? c : -100;
}

function two(bytes: Uint8Array, at: number): number {
  return digit(bytes, at) * 10 + digit(bytes, at + 1);
}

/** `2026-01-03T10:00:` at `at` as epoch milliseconds (UTC), or NaN. */
function readMinute(bytes: Uint8Array, at: number): number {
  const century = two(bytes, at);
  const yy = two(bytes, at + 2);
  if (century < 0 || yy < 0) return NaN;
  const year = century * 100 + yy;
  if (bytes[at + 4] !== 45 || bytes[at + 7] !== 45) return NaN;
  const month = two(bytes, at + 5);
  const day = two(bytes, at + 8);
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  const t = bytes[at + 10];
  if (t !== 84 && t !== 116) return NaN;
  const hour = two(bytes, at + 11);
  const minute = two(bytes, at + 14);
  if (
    hour < 0 ||
    hour > 24 ||
    minute < 0 ||
    minute > 59 ||
    bytes[at + 13] !== 58 ||
    bytes[at + 16] !== 58
  ) {
    return NaN;
  }
  return utcDayMs(year, month, day) + hour * 3_600_000 + minute * 60_000;
}

/** Index (in the bytes) of the space after the time the last successful call read. */
export const lineTimeEnd = { at: 0 };

/**
 * The platform time that opens a Heroku or docker line, in the one strict
 * shape those platforms write: `2026-01-03T10:00:00[.fraction](Z|+HH:MM)`
 * followed by a space. Returns epoch milliseconds exactly as `scanDateTime`
 * computes them (microseconds kept); NaN for any other shape, which the full
 * parser reads. Read from the bytes (ASCII); `lineTimeEnd.at` is then the
 * index of the space after the time.
 */
export function scanLineTime(bytes: Uint8Array, at: number): number {
  const minuteMs = readMinute(bytes, at);
  if (Number.isNaN(minuteMs)) return NaN;
  const second = two(bytes, at + 17);
  if (second < 0 || second > 60) return NaN;

  let end = at + 19;
  let micros = 0;
  const point = bytes[end];
  if ((point === 46 || point === 44) && digit(bytes, end + 1) >= 0) {
    end++;
    let kept = 0;
    for (let d = digit(bytes, end); d >= 0; d = digit(bytes, ++end)) {
      if (kept < 6) {
        micros = micros * 10 + d;
        kept++;
      }
    }
    while (kept < 6) {
      micros *= 10;
      kept++;
    }
  }

  let offsetMinutes = 0;
  const zone = bytes[end];
  if (zone === 90 || zone === 122) {
    end++;
  } else if (zone === 43 || zone === 45) {
    const hours = two(bytes, end + 1);
    const minutes = two(bytes, end + 4);
    if (
      hours < 0 ||
      hours > 23 ||
      bytes[end + 3] !== 58 ||
      minutes < 0 ||
      minutes > 59 ||
      digit(bytes, end + 6) >= 0
    ) {
      return NaN;
    }
    offsetMinutes = zone === 43 ? hours * 60 + minutes : -(hours * 60 + minutes);
    end += 6;
  } else {
    return NaN;
  }
  if (bytes[end] !== 32) return NaN;
  lineTimeEnd.at = end;

  const base = minuteMs + (second === 60 ? 59 : second) * 1000 - offsetMinutes * 60_000;
  return (base * 1000 + micros) / 1000;
}
