import type { LogRecord } from '../../src/model/LogRecord';
import type { KeyedRecord } from '../../src/store/Store';

/** A plain log record under a store key, as the webhook hands it to the store. */
export function keyedRecord(
  key: string,
  time: number | null,
  message: string,
  preference = 'm',
): KeyedRecord {
  const record: LogRecord = {
    time,
    source: 'web.1',
    logger: null,
    level: null,
    message,
    origin: { kind: 'log' },
  };
  return { key, record, preference };
}
