import { dedupeKey } from '../src/engine/dedupeKey';
import type { Incident } from '../src/model/Incident';
import type { LogRecord } from '../src/model/LogRecord';
import type { DeliveryStore } from '../src/store/Store';
import { keyRecords } from './keyRecords';

/** What one import stored, and how to find the incidents it bears on. */
export interface ImportedRecords {
  records: number;
  tagged: number;
  /** `time ms|first line` of every tagged record, as incident signals can be matched. */
  keys: Set<string>;
  eventIds: Set<string>;
}

export function emptyImport(): ImportedRecords {
  return { records: 0, tagged: 0, keys: new Set(), eventIds: new Set() };
}

/**
 * Stores the records of one fetched event or uploaded file as a delivery
 * (its content key makes a second import of the same thing a no-op), keyed
 * like webhook records so copies meet.
 */
export async function storeImportedRecords(
  store: DeliveryStore,
  into: ImportedRecords,
  batch: {
    records: LogRecord[];
    carrierId: string;
    timeMs: number | null;
    contentKey: string;
    resource: string;
    receivedAt: string;
  },
): Promise<number> {
  const { keyed, tagged } = keyRecords(batch.records, {
    eventId: batch.carrierId,
    timeMs: batch.timeMs,
  });
  into.records += batch.records.length;
  into.tagged += tagged;
  for (const record of batch.records) {
    const key = dedupeKey(record);
    if (key !== null) into.keys.add(key);
    if (record.origin.eventId) into.eventIds.add(record.origin.eventId);
  }
  if (tagged === 0) return 0;

  const saved = await store.saveDelivery(
    {
      receivedAt: batch.receivedAt,
      resource: batch.resource,
      action: 'imported',
      requestId: null,
      contentKey: batch.contentKey,
      outcome: 'stored',
    },
    keyed,
  );
  return saved.status === 'saved' ? saved.recordsChanged : 0;
}

/** Whether an incident rests on any of the imported records. */
export function bearsOn(incident: Incident, imported: ImportedRecords): boolean {
  return incident.signals.some((signal) => {
    if (signal.eventId && imported.eventIds.has(signal.eventId)) return true;
    if (signal.at === null) return false;
    return imported.keys.has(`${Date.parse(signal.at)}|${signal.message}`);
  });
}
