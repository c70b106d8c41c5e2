import type { LogRecord } from '../model/LogRecord';

/** A stored record with what orders it among the others. */
export interface StoredEntry {
  time: number | null;
  /** The delivery that first stored it. */
  deliveryId: number;
  /** Its place among the records its delivery stored (0 in rows stored before migration 006). */
  position: number;
  /** The row holding it (a record's, or its bundle's). */
  rowId: number;
  record: LogRecord;
}

/** One record of a bundle: its place in the delivery, and the record. */
export type BundledRecord = [position: number, record: LogRecord];

/**
 * Time order (null times first), then arrival: the delivery that first stored
 * the record, then its place in that delivery. This is the order of the
 * records' row ids when every record had a row of its own (a delivery's
 * rows were inserted together, in place order), so bundling the untagged
 * records of an event (migration 006) does not move any record.
 */
export function byTimeThenArrival(a: StoredEntry, b: StoredEntry): number {
  if (a.time !== b.time) {
    if (a.time === null) return -1;
    if (b.time === null) return 1;
    return a.time - b.time;
  }
  return a.deliveryId - b.deliveryId || a.position - b.position || a.rowId - b.rowId;
}

/** The entries of one bundle row. */
export function bundleEntries(row: {
  id: number;
  delivery_id: number;
  json: string;
}): StoredEntry[] {
  return (JSON.parse(row.json) as BundledRecord[]).map(([position, record]) => ({
    time: record.time,
    deliveryId: row.delivery_id,
    position,
    rowId: row.id,
    record,
  }));
}
