import type { Logger } from '../src/logging/createLogger';
import type { AnalysisSettings } from '../src/model/Settings';
import type { SentryApi } from '../src/sentry/createSentryApi';
import type { DeliveryStore } from '../src/store/Store';
import { importSentryIssues } from './importSentryIssues';
import type { SessionIssue } from './sentryWebhookRoute';

export interface SessionIssueFetcher {
  /** Starts fetching the issue's recent events; returns at once. */
  fetch(issue: SessionIssue): void;
  /** Resolves when every fetch started so far has ended. */
  idle(): Promise<void>;
}

export interface SessionIssueFetcherOptions {
  api: SentryApi;
  store: DeliveryStore;
  settings: Pick<AnalysisSettings, 'lookbackHours' | 'timezone'>;
  logger: Logger;
  now: () => Date;
  /** Records changed: the analysis should run. */
  onImported: () => void;
}

/**
 * Issue webhooks (`issue.created`, `issue.unresolved`) carry no events: this
 * fetches the issue's recent ones (the lookback window before its last
 * event) after the webhook was answered, and stores them like any delivery.
 */
export function createSessionIssueFetcher(
  options: SessionIssueFetcherOptions,
): SessionIssueFetcher {
  const log = options.logger.child({ part: 'issue-webhook' });
  const running = new Set<Promise<void>>();

  return {
    fetch(issue) {
      const last = Date.parse(issue.lastSeen ?? '');
      const anchor = Number.isFinite(last) ? last : options.now().getTime();
      const start = new Date(anchor - options.settings.lookbackHours * 3_600_000);

      const job: Promise<void> = importSentryIssues(
        { ...options, timezone: options.settings.timezone },
        [issue.id],
        { start: start.toISOString() },
      )
        .then((imported) => {
          log.debug(
            { issueId: issue.id, events: imported.events },
            'issue events fetched',
          );
          if (imported.changed > 0) options.onImported();
        })
        .catch((error: unknown) => {
          log.warn(
            { err: error, issueId: issue.id },
            'events of a session issue could not be fetched',
          );
        })
        .finally(() => running.delete(job));
      running.add(job);
    },
    async idle() {
      await Promise.all(running);
    },
  };
}
