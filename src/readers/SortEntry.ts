import type { LogRecord } from '../model/LogRecord';

/**
 * A record on its way through the reorder buffer and the merge. `key` is
 * the record's time, or for a record without one the last time seen before
 * it in its input (-Infinity before any), so that untimed records stay next
 * to their neighbours; `seq` keeps input order among equal keys.
 */
export interface SortEntry {
  record: LogRecord;
  key: number;
  seq: number;
}
