import type { StreamRecord } from '../StreamRecord';
import { asctime } from './formatTime';
import type { AppFormat } from './StreamShape';

const COLOURS: Record<string, string> = {
  DEBUG: '\u001b[36m',
  INFO: '\u001b[32m',
  WARNING: '\u001b[33m',
  ERROR: '\u001b[31m',
  CRITICAL: '\u001b[1;31m',
};

/** Django's `{module}`: the logging call's module, not the logger name. */
function moduleOf(logger: string): string {
  if (logger === 'django.request') return 'log';
  if (logger.startsWith('gunicorn')) return 'glogging';
  if (logger.startsWith('celery')) return logger.split('.').pop() ?? logger;
  return logger.split('.').pop() ?? logger;
}

/** The first line of a record with the app's own prefix in front. */
export function withAppPrefix(
  record: StreamRecord,
  first: string,
  format: AppFormat,
  separator: ',' | '.',
  ansi = false,
  offsetMinutes = 0,
): string {
  if (record.kind === 'raw') return first;
  const when = record.timeUs + offsetMinutes * 60_000_000;
  const level = ansi
    ? `${COLOURS[record.level] ?? ''}${record.level}\u001b[0m`
    : record.level;
  switch (format) {
    case 'level-logger':
      return `${level} ${record.logger} ${first}`;
    case 'verbose':
      return `${level} ${asctime(when, separator)} ${moduleOf(record.logger)} ${first}`;
    case 'bracket':
      return `[${asctime(when, separator)}] ${level} ${record.logger}: ${first}`;
    case 'asctime':
      return `${asctime(when, separator)} ${level} ${record.logger} ${first}`;
  }
}
