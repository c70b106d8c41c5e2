import * as Sentry from '@sentry/node';

import type { Logger } from '../logging/createLogger';
import { createSecretScrubber } from './createSecretScrubber';

export interface SelfMonitor {
  /** Reports one of the service's own errors. */
  captureError(error: unknown, context?: Record<string, unknown>): void;
  close(): Promise<void>;
}

/**
 * The service's own errors to `SENTRY_DSN` through the global SDK with its
 * usual integrations (uncaught exceptions, unhandled rejections, ...). Kept
 * apart from incident events, which have their own client and project. The
 * SDK's HTTP breadcrumbs record every outbound URL (the Slack webhook's is
 * its credential), so breadcrumbs and events pass a scrubber that removes
 * `secrets` and every URL credential it recognises.
 */
export function initSelfMonitoring(
  dsn: string | null,
  logger: Logger,
  secrets: (string | null)[] = [],
): SelfMonitor {
  if (dsn === null)
    return { captureError: () => undefined, close: async () => undefined };

  const scrub = createSecretScrubber([dsn, ...secrets]);
  // Errors only: no tracing, so no module hooks for spans either.
  Sentry.init({
    dsn,
    tracesSampleRate: 0,
    enableRuntimeChannelInjection: false,
    beforeBreadcrumb: (breadcrumb) => scrub.breadcrumb(breadcrumb),
    beforeSend: (event) => scrub.event(event),
  });
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
