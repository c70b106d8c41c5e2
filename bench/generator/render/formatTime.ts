/** `2026-01-03T10:00:00.123456+00:00` with `digits` fraction digits (0, 3, 6 or 9) and the offset. */
export function isoTime(
  us: number,
  digits: number,
  offsetMinutes: number,
  nanos = 0,
): string {
  const local = new Date(Math.floor(us / 1000) + offsetMinutes * 60_000).toISOString();
  const micro = String(((us % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, '0');
  const fraction = (micro + String(nanos).padStart(3, '0')).slice(0, digits);
  const zone =
    offsetMinutes === 0
      ? '+00:00'
      : `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0')}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`;
  return `${local.slice(0, 19)}${digits > 0 ? `.${fraction}` : ''}${zone}`;
}

/** The same in UTC with `Z`. */
export function isoZ(us: number, digits: number, nanos = 0): string {
  return `${isoTime(us, digits, 0, nanos).slice(0, -6)}Z`;
}

/** Python's `asctime`: `2026-01-03 10:00:00,123` (local time is UTC here). */
export function asctime(us: number, separator: ',' | '.'): string {
  const iso = new Date(Math.floor(us / 1000)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${separator}${iso.slice(20, 23)}`;
}
