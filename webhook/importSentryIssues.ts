import type { Logger } from '../src/logging/createLogger';
import { recordsFromSentryBody } from '../src/readers/recordsFromSentryBody';
import type { EventRange, SentryApi } from '../src/sentry/createSentryApi';
import type { DeliveryStore } from '../src/store/Store';
import {
  emptyImport,
  type ImportedRecords,
  storeImportedRecords,
} from './importedRecords';

export interface ImportSentryIssuesDeps {
  api: SentryApi;
  store: DeliveryStore;
  logger: Logger;
  now: () => Date;
  timezone: string;
}

/**
 * Fetches the events of each issue from the REST API (whole, every page) and
 * stores their records as deliveries keyed by event id, so an event the
 * webhooks already brought changes nothing.
 */
export async function importSentryIssues(
  deps: ImportSentryIssuesDeps,
  issueIds: string[],
  range: EventRange = {},
): Promise<ImportedRecords & { events: number; changed: number }> {
  const log = deps.logger.child({ part: 'sentry-import' });
  const imported = { ...emptyImport(), events: 0, changed: 0 };

  for (const issueId of issueIds) {
    const events = await deps.api.issueEvents(issueId, range);
    for (const event of events) {
      const { records, problems } = recordsFromSentryBody(
        event,
        `sentry-rest:${issueId}`,
        {
          timezone: deps.timezone,
        },
      );
      const eventId = eventIdOf(event) ?? `issue-${issueId}-${imported.events}`;
      if (problems.length > 0)
        log.warn({ issueId, eventId, problems }, 'parts of an event could not be read');

      imported.events += 1;
      imported.changed += await storeImportedRecords(deps.store, imported, {
        records,
        carrierId: eventId,
        timeMs: eventTimeMs(event),
        contentKey: `rest:${eventId}`,
        resource: 'rest_event',
        receivedAt: deps.now().toISOString(),
      });
    }
    log.debug({ issueId, events: events.length }, 'issue imported');
  }
  return imported;
}

function eventIdOf(event: unknown): string | null {
  const { eventID, id } = (event ?? {}) as { eventID?: unknown; id?: unknown };
  const value = eventID ?? id;
  return typeof value === 'string' && value !== '' ? value : null;
}

function eventTimeMs(event: unknown): number | null {
  const { dateCreated } = (event ?? {}) as { dateCreated?: unknown };
  const ms = typeof dateCreated === 'string' ? Date.parse(dateCreated) : NaN;
  return Number.isFinite(ms) ? ms : null;
}
