// Lines come in time order, so the day rarely changes: Date.UTC once per day.
let cachedDay = -1;
let cachedDayMs = 0;

/** Epoch milliseconds of a UTC calendar day's midnight (`month` 1–12). */
export function utcDayMs(year: number, month: number, day: number): number {
  const key = year * 416 + month * 32 + day;
  if (key !== cachedDay) {
    cachedDayMs = Date.UTC(year, month - 1, day);
    cachedDay = key;
  }
  return cachedDayMs;
}
