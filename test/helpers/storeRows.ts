import type { LogRecord } from '../../src/model/LogRecord';
import type { KeyedRecord, NewDelivery } from '../../src/store/Store';

/** A stored Sentry delivery whose identity is only its content key. */
export function newDelivery(contentKey: string): NewDelivery {
  return {
    receivedAt: '2026-01-03T10:00:00.000Z',
    resource: 'event_alert',
    action: 'triggered',
    requestId: null,
    contentKey,
    outcome: 'stored',
  };
}

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
