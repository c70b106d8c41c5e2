import type { LogRecord } from '../../src/model/LogRecord';
import { packRecords, unpackRecords } from '../../src/store/packRecords';

const record: LogRecord = {
  time: 1_767_434_400_123.5,
  source: 'sentry:abc',
  logger: 'users.signals',
  level: 'INFO',
  message: 'Sesión revocada "x" 😀',
  origin: { kind: 'sentry-breadcrumb', input: 'webhook', eventId: 'abc' },
};

describe('packRecords and unpackRecords', () => {
  it("give back each record's columns and JSON, in the records' order", () => {
    const untimed = { ...record, time: null, source: null, message: 'm' };
    const packed = packRecords([
      { key: 't:k', preference: '0|p', record },
      { key: 'u:e:1', preference: '1|p', record: untimed },
      { key: '', preference: '', record: { ...record, source: '' } },
    ]);

    expect(unpackRecords(packed)).toEqual([
      {
        key: 't:k',
        preference: '0|p',
        time: record.time,
        source: 'sentry:abc',
        messageLength: record.message.length,
        json: JSON.stringify(record),
      },
      {
        key: 'u:e:1',
        preference: '1|p',
        time: null,
        source: null,
        messageLength: 1,
        json: JSON.stringify(untimed),
      },
      {
        key: '',
        preference: '',
        time: record.time,
        source: '',
        messageLength: record.message.length,
        json: JSON.stringify({ ...record, source: '' }),
      },
    ]);
  });

  it('pack into one string and typed arrays, which survive a structured clone', () => {
    const packed = packRecords([{ key: 't:k', preference: 'p', record }]);

    expect(typeof packed.text).toBe('string');
    expect(unpackRecords(structuredClone(packed))).toEqual(unpackRecords(packed));
  });

  it('give nothing for no records', () => {
    expect(unpackRecords(packRecords([]))).toEqual([]);
  });
});
