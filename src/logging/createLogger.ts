import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** A pino level name; `LOG_LEVEL` in the service. Default `info`. */
  level?: string;
  /** Where the JSON lines go; stdout unless a test hands in a stream to read. */
  destination?: DestinationStream;
}

/**
 * The root JSON logger. Parts take a child (`logger.child({ part: 'webhook' })`)
 * and add the delivery or incident id they work on.
 *
 * @example
 *   const logger = createLogger({ level: config.logLevel });
 *   logger.child({ part: 'store' }).debug('migrated');
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'logout-lens' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Access logs carry request headers: keep credentials out of the log.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["sentry-hook-signature"]',
        ],
        censor: '[redacted]',
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
