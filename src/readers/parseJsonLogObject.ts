import type { ParsedLine } from './ParsedLine';
import { parseAppPrefix } from './parseAppPrefix';
import { parseLogTime } from './parseLogTime';
import { requestPathOf } from './requestPathOf';
import { tagLength } from './tagLength';

const TIME_KEYS = ['time', 'timestamp', '@timestamp', 'asctime', 'ts'];
const LEVEL_KEYS = ['level', 'levelname', 'severity'];
const LOGGER_KEYS = ['logger', 'name', 'logger_name'];
// `log` is docker's json-file driver; its pieces may continue one another.
const MESSAGE_KEYS = ['message', 'msg', 'event', 'log'];
const SOURCE_KEYS = ['dyno', 'container', 'container_name', 'host', 'hostname', 'pid'];
// python-json-logger and structlog put the traceback in a field of its own.
const STACK_KEYS = [
  'exc_info',
  'exc_text',
  'exception',
  'stack_info',
  'stack_trace',
  'traceback',
];

function firstOf(object: Record<string, unknown>, keys: string[]): unknown {
  for (const key of keys) {
    const value = object[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * One JSON log object (a JSON line) as a parsed line: time in `time`,
 * `timestamp`, `@timestamp`, `asctime` or `ts` (ISO or epoch s / ms), level
 * in `level`, `levelname` or `severity`, logger in `logger`, `name` or
 * `logger_name`, message in `message`, `msg` or `event`, source in `dyno`,
 * `container`, `host`, `hostname` or `pid`. Null when it has no message.
 */
export function parseJsonLogObject(
  object: Record<string, unknown>,
  timezone: string,
): ParsedLine | null {
  const rawMessage = firstOf(object, MESSAGE_KEYS);
  let message = asText(rawMessage);
  if (message === null) return null;
  if (message.endsWith('\n')) message = message.replace(/\r?\n$/, '');

  for (const key of STACK_KEYS) {
    const stack = object[key];
    if (typeof stack === 'string' && stack.length > 0 && !message.includes(stack)) {
      message = `${message}\n${stack.replace(/\r?\n$/, '')}`;
    }
  }

  const rawLevel = asText(firstOf(object, LEVEL_KEYS));
  const rawLogger = asText(firstOf(object, LOGGER_KEYS));
  let level = rawLevel === null ? null : rawLevel.toUpperCase();
  let logger = rawLogger;
  let time = parseLogTime(firstOf(object, TIME_KEYS), timezone);

  // Some setups put the whole formatted line in `message`.
  const prefix = parseAppPrefix(message, timezone);
  if (prefix !== null) {
    message = prefix.message;
    level ??= prefix.level;
    logger ??= prefix.logger;
    time ??= prefix.time;
  }

  const line: ParsedLine = {
    time,
    source: asText(firstOf(object, SOURCE_KEYS)),
    level,
    logger,
    message,
    starts:
      prefix !== null || level !== null || logger !== null || tagLength(message) > 0,
    standalone: false,
    kind: 'log',
  };
  const path = requestPathOf(message);
  if (path !== undefined) line.path = path;
  return line;
}
