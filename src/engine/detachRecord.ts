import type { LogRecord } from '../model/LogRecord';
import { ownCopy as detached } from './ownCopy';

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
