import type { LogRecord } from '../model/LogRecord';

/**
 * A copy of `text` that shares no memory with the reader's chunk it was cut
 * from: prepending a character forces a flat copy, and slicing it off keeps
 * only that copy. Much cheaper than `ownCopy` on whole messages, which every
 * signal's record needs; the view it leaves costs 32 bytes, which a record
 * the engine holds for seconds can afford (what it keeps longer, `ownCopy`
 * copies again).
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
