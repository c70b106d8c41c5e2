import * as Sentry from '@sentry/node';

import type { Logger } from '../logging/createLogger';

export interface SelfMonitor {
  /** Reports one of the service's own errors. */
  captureError(error: unknown, context?: Record<string, unknown>): void;
  close(): Promise<void>;
}

/**
 * The service's own errors to `SENTRY_DSN` through the global SDK with its
 * usual integrations (uncaught exceptions, unhandled rejections, ...). Kept
 * apart from incident events, which have their own client and project.
 */
export function initSelfMonitoring(dsn: string | null, logger: Logger): SelfMonitor {
  if (dsn === null)
    return { captureError: () => undefined, close: async () => undefined };

  // Errors only: no tracing, so no module hooks for spans either.
  Sentry.init({ dsn, tracesSampleRate: 0, enableRuntimeChannelInjection: false });
  logger.child({ part: 'self-monitoring' }).debug('errors are reported to SENTRY_DSN');
  return {
    captureError(error, context) {
      Sentry.captureException(error, context ? { extra: context } : undefined);
    },
    async close() {
      await Sentry.close(2000);
    },
  };
}
