import { DateTime } from 'luxon';

// Offsets of a zone only change on minute boundaries, so one luxon lookup per
// local minute is enough; luxon costs microseconds per call, far too slow for
// every line of a large file.
const offsetCache = new Map<string, Map<number, number>>();
const CACHE_LIMIT = 50_000;

/** True for the zone names that need no lookup. */
function isUtcZone(zone: string): boolean {
  return (
    zone === 'UTC' ||
    zone === 'utc' ||
    zone === 'Etc/UTC' ||
    zone === 'Z' ||
    zone === 'GMT'
  );
}

/**
 * Epoch milliseconds of a wall-clock time in an IANA zone (whole seconds;
 * the caller adds the fraction). NaN for an unknown zone.
 */
export function zonedToEpochMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (isUtcZone(zone)) return wall;

  let perZone = offsetCache.get(zone);
  if (perZone === undefined) {
    perZone = new Map();
    offsetCache.set(zone, perZone);
  }
  const minuteKey = Math.floor(wall / 60_000);
  let offset = perZone.get(minuteKey);
  if (offset === undefined) {
    const local = DateTime.fromObject(
      { year, month, day, hour, minute, second: 0 },
      { zone },
    );
    if (!local.isValid) return NaN;
    offset = minuteKey * 60_000 - local.toMillis();
    if (perZone.size >= CACHE_LIMIT) perZone.clear();
    perZone.set(minuteKey, offset);
  }
  return wall - offset;
}

/** True when luxon knows the zone (UTC aliases included). */
export function isKnownZone(zone: string): boolean {
  return isUtcZone(zone) || DateTime.now().setZone(zone).isValid;
}
