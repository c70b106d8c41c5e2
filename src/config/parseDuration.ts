const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;

/**
 * A duration in the style of Alertmanager and Prometheus (`30s`, `5m`, `4h`,
 * `7d`, `1h30m`, `250ms`), in milliseconds; null when the text is not one.
 * A bare `0` is zero.
 *
 * @example
 *   parseDuration('1h30m'); // 5_400_000
 */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === '0') return 0;
  if (value === '') return null;

  PART.lastIndex = 0;
  let total = 0;
  let at = 0;
  for (let match = PART.exec(value); match; match = PART.exec(value)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? NaN);
    at = PART.lastIndex;
  }
  return at === value.length && Number.isFinite(total) ? Math.round(total) : null;
}
