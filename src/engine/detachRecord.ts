import type { LogRecord } from '../model/LogRecord';

/**
 * A copy of `text` that shares no memory with the string it was cut from.
 * V8 keeps a substring of 13 characters or more as a view of its parent, and
 * the readers cut lines from decoded 1 MB chunks: a view kept for a day of
 * lookback, or in an incident until the end, would hold its whole chunk.
 * Joining forces a flat copy, and slicing that copy keeps only the copy.
 */
function detached(text: string): string;
function detached(text: string | null): string | null;
function detached(text: string | null): string | null {
  // Records built by hand (tests, stored rows) may miss a field: leave it be.
  if (typeof text !== 'string' || text.length < 13) return text;
  return ` ${text}`.slice(1);
}

/**
 * Gives a record the engine may keep its own copies of the strings the
 * readers cut from their input chunks, so that memory follows the signals
 * kept and not the input read. Returns the same record.
 */
export function detachRecord(record: LogRecord): LogRecord {
  record.message = detached(record.message);
  record.source = detached(record.source);
  record.logger = detached(record.logger);
  record.level = detached(record.level);
  const origin = record.origin;
  if (origin.path !== undefined) origin.path = detached(origin.path);
  return record;
}
