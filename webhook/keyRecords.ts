import { dedupeKey } from '../src/engine/dedupeKey';
import type { LogRecord } from '../src/model/LogRecord';
import type { KeyedRecord } from '../src/store/Store';

/** The event that carried the records. */
export interface CarrierEvent {
  eventId: string;
  /** Epoch ms of the event, or null when it gave none. */
  timeMs: number | null;
}

/**
 * Keys the records of one event for storage: a tagged record by the engine's
 * dedupe key (its copies in other events and deliveries meet), an untagged
 * one by its place in the event (stored once per event, as `analyze` reads it).
 *
 * Copies of equal length prefer the event's own record, then the copy carried
 * by the earliest event (as `analyze` meets them in a time-ordered file), so
 * the kept copy does not depend on delivery order.
 */
export function keyRecords(
  records: LogRecord[],
  carrier: CarrierEvent,
): { keyed: KeyedRecord[]; tagged: number } {
  const eventTime = String(Math.max(0, Math.round(carrier.timeMs ?? 9e15))).padStart(
    16,
    '0',
  );

  let tagged = 0;
  const keyed = records.map((record, index) => {
    const own = record.origin.kind === 'sentry-event' ? 0 : 1;
    const preference = `${own}|${eventTime}|${carrier.eventId}|${String(index).padStart(6, '0')}`;

    const key = dedupeKey(record);
    if (key === null) return { key: `u:${carrier.eventId}:${index}`, record, preference };

    tagged += 1;
    return { key: `t:${key}`, record, preference };
  });
  return { keyed, tagged };
}
