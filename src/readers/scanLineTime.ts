// Lines come in time order, so the day rarely changes: Date.UTC once per day.
let cachedDay = -1;
let cachedDayMs = 0;

function utcDayMs(year: number, month: number, day: number): number {
  const key = year * 416 + month * 32 + day;
  if (key !== cachedDay) {
    cachedDayMs = Date.UTC(year, month - 1, day);
    cachedDay = key;
  }
  return cachedDayMs;
}

function digit(text: string, at: number): number {
  const c = text.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : -100;
}

function two(text: string, at: number): number {
  return digit(text, at) * 10 + digit(text, at + 1);
}

let lastMinute = '\u0000';
let lastMinuteMs = 0;
let lastStamp = '\u0000';
let lastStampMs = 0;

/** `2026-01-03T10:00:` at `at` as epoch milliseconds (UTC), or NaN. */
function readMinute(text: string, at: number): number {
  const century = two(text, at);
  const yy = two(text, at + 2);
  if (century < 0 || yy < 0) return NaN;
  const year = century * 100 + yy;
  if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return NaN;
  const month = two(text, at + 5);
  const day = two(text, at + 8);
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  const t = text.charCodeAt(at + 10);
  if (t !== 84 && t !== 116) return NaN;
  const hour = two(text, at + 11);
  const minute = two(text, at + 14);
  if (
    hour < 0 ||
    hour > 24 ||
    minute < 0 ||
    minute > 59 ||
    text.charCodeAt(at + 13) !== 58 ||
    text.charCodeAt(at + 16) !== 58
  ) {
    return NaN;
  }
  return utcDayMs(year, month, day) + hour * 3_600_000 + minute * 60_000;
}

/**
 * The platform time that opens a Heroku or docker line, in the one strict
 * shape those platforms write: `2026-01-03T10:00:00[.fraction](Z|+HH:MM)`
 * followed by a space. Returns epoch milliseconds exactly as `scanDateTime`
 * computes them (microseconds kept); NaN for any other shape, which the full
 * parser reads. The time holds no space: the first one after it ends it.
 */
export function scanLineTime(text: string, at: number): number {
  // A stack's lines repeat their record's time to the microsecond.
  if (text.startsWith(lastStamp, at) && text.charCodeAt(at + lastStamp.length) === 32)
    return lastStampMs;

  // Lines of the same minute share their first 17 characters.
  let minuteMs: number;
  if (text.startsWith(lastMinute, at)) {
    minuteMs = lastMinuteMs;
  } else {
    minuteMs = readMinute(text, at);
    if (Number.isNaN(minuteMs)) return NaN;
    lastMinute = ` ${text.slice(at, at + 17)}`.slice(1);
    lastMinuteMs = minuteMs;
  }
  const second = two(text, at + 17);
  if (second < 0 || second > 60) return NaN;

  let end = at + 19;
  let micros = 0;
  const point = text.charCodeAt(end);
  if ((point === 46 || point === 44) && digit(text, end + 1) >= 0) {
    end++;
    let kept = 0;
    for (let d = digit(text, end); d >= 0; d = digit(text, ++end)) {
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
  const zone = text.charCodeAt(end);
  if (zone === 90 || zone === 122) {
    end++;
  } else if (zone === 43 || zone === 45) {
    const hours = two(text, end + 1);
    const minutes = two(text, end + 4);
    if (
      hours < 0 ||
      hours > 23 ||
      text.charCodeAt(end + 3) !== 58 ||
      minutes < 0 ||
      minutes > 59 ||
      digit(text, end + 6) >= 0
    ) {
      return NaN;
    }
    offsetMinutes = zone === 43 ? hours * 60 + minutes : -(hours * 60 + minutes);
    end += 6;
  } else {
    return NaN;
  }
  if (text.charCodeAt(end) !== 32) return NaN;

  const base = minuteMs + (second === 60 ? 59 : second) * 1000 - offsetMinutes * 60_000;
  lastStamp = ` ${text.slice(at, end)}`.slice(1);
  lastStampMs = (base * 1000 + micros) / 1000;
  return lastStampMs;
}
