import { detachRecord } from '../../src/engine/detachRecord';
import type { LogRecord } from '../../src/model/LogRecord';

describe('detachRecord', () => {
  test('keeps every field equal and returns the same record', () => {
    const chunk = `${'x'.repeat(100)}\n[SESSION_REFRESH] Token rotated - User: +573001234567\n`;
    const message = chunk.slice(101, chunk.length - 1);
    const record: LogRecord = {
      time: 5,
      source: 'web.1',
      logger: 'users.serializers',
      level: 'INFO',
      message,
      origin: { kind: 'log', path: '/api/v1/auth/token/refresh/' },
    };
    const before = structuredClone(record);

    expect(detachRecord(record)).toBe(record);
    expect(record).toEqual(before);
  });

  test('leaves a missing message alone', () => {
    const record = {
      time: 5,
      source: null,
      logger: null,
      level: null,
      origin: { kind: 'log' },
    };
    expect(() => detachRecord(record as unknown as LogRecord)).not.toThrow();
  });
});
