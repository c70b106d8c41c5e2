import type { PyDict, PyValue } from './PyValue';

/**
 * The plain value of a constructor call in a `repr`: `UUID('x')` is `'x'`,
 * `datetime.datetime(...)` an ISO 8601 string, `datetime.timedelta(...)` its
 * total seconds, `datetime.timezone(...)` an offset such as `-05:00`. Any
 * other call is its arguments: the single argument itself, else the
 * positional arguments followed by an object of the keyword arguments.
 */
export function pythonCallToValue(
  name: string,
  args: PyValue[],
  kwargs: PyDict,
): PyValue {
  const callee = name.split('.').pop() ?? name;

  switch (callee) {
    case 'datetime':
      return isoDateTime(args, kwargs) ?? genericCall(args, kwargs);
    case 'date':
      return isoDate(args) ?? genericCall(args, kwargs);
    case 'timedelta':
      return totalSeconds(args, kwargs) ?? genericCall(args, kwargs);
    case 'timezone':
    case 'tzoffset':
      return (
        offsetFromSeconds(callee === 'tzoffset' ? args[1] : args[0]) ??
        genericCall(args, kwargs)
      );
    case 'FixedOffset':
      return typeof args[0] === 'number' ? offsetFromSeconds(args[0] * 60) : null;
    case 'tzutc':
      return 'UTC';
    default:
      return genericCall(args, kwargs);
  }
}

function genericCall(args: PyValue[], kwargs: PyDict): PyValue {
  const keywords = Object.keys(kwargs);
  if (keywords.length === 0) return args.length === 1 ? (args[0] ?? null) : args;
  if (args.length === 0 && keywords.length === 1)
    return kwargs[keywords[0] ?? ''] ?? null;
  return [...args, kwargs];
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function isoDate(args: PyValue[]): string | null {
  const [year, month, day] = args;
  if (typeof year !== 'number' || typeof month !== 'number' || typeof day !== 'number') {
    return null;
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const DATETIME_FIELDS = ['hour', 'minute', 'second', 'microsecond'] as const;

function isoDateTime(args: PyValue[], kwargs: PyDict): string | null {
  const date = isoDate(args);
  if (date === null) return null;

  const [hour, minute, second, micro] = DATETIME_FIELDS.map((field, index) => {
    const value = args[index + 3] ?? kwargs[field] ?? 0;
    return typeof value === 'number' ? value : NaN;
  }) as [number, number, number, number];
  if ([hour, minute, second, micro].some(Number.isNaN)) return null;

  const fraction = micro > 0 ? `.${pad(micro, 6)}` : '';
  const zone = zoneSuffix(args[7] ?? kwargs.tzinfo ?? null);
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}${zone}`;
}

// A named zone (`ZoneInfo('America/Bogota')`, pytz's `<DstTzInfo ...>`)
// cannot be turned into an offset without a zone database: the time stays
// without one rather than gaining a wrong one.
function zoneSuffix(tzinfo: PyValue): string {
  if (typeof tzinfo !== 'string') return '';
  if (/^[+-]\d{2}:\d{2}$/.test(tzinfo)) return tzinfo === '+00:00' ? 'Z' : tzinfo;
  return /(^|[./\s'])utc'?$/i.test(tzinfo.trim()) ? 'Z' : '';
}

const SECONDS_PER = {
  weeks: 604800,
  days: 86400,
  hours: 3600,
  minutes: 60,
  seconds: 1,
  milliseconds: 0.001,
  microseconds: 0.000001,
} as const;

function totalSeconds(args: PyValue[], kwargs: PyDict): number | null {
  // Positional order of `timedelta(days, seconds, microseconds, ...)`.
  const positional = [
    'days',
    'seconds',
    'microseconds',
    'milliseconds',
    'minutes',
    'hours',
  ];
  let total = 0;
  for (const [index, value] of args.entries()) {
    const unit = positional[index] as keyof typeof SECONDS_PER | undefined;
    if (unit === undefined || typeof value !== 'number') return null;
    total += value * SECONDS_PER[unit];
  }
  for (const [key, value] of Object.entries(kwargs)) {
    if (!(key in SECONDS_PER) || typeof value !== 'number') return null;
    total += value * SECONDS_PER[key as keyof typeof SECONDS_PER];
  }
  return total;
}

function offsetFromSeconds(value: PyValue | undefined): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const sign = value < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(value) / 60);
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
