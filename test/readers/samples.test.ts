import path from 'node:path';

import type { LogRecord } from '../../src/model/LogRecord';
import { readInputs } from '../../src/readers/readInputs';
import { isTagged } from '../../src/readers/tagLength';

const SAMPLES = path.join(__dirname, '../../../shared/samples/generated');
const FILES = [
  'heroku.log',
  'docker.log',
  'django.log',
  'django2.log',
  'syslog.log',
  'jsonl.jsonl',
  'sentry-webhooks.ndjson',
  'sentry-rest-events.json',
];

async function read(files: string[]) {
  const { records, stats } = readInputs(files.map((file) => path.join(SAMPLES, file)));
  const out: LogRecord[] = [];
  for await (const record of records) out.push(record);
  return { records: out, stats };
}

/** Tagged records as `ms|first line` → whole message. */
function tagged(records: LogRecord[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const record of records) {
    if (!isTagged(record.message) || record.time === null) continue;
    map.set(
      `${Math.floor(record.time)}|${record.message.split('\n')[0]}`,
      record.message,
    );
  }
  return map;
}

describe('the generated samples (one stream in eight shapes)', () => {
  let reference: Map<string, string>;

  beforeAll(async () => {
    reference = tagged((await read(['heroku.log'])).records);
  });

  it('has tagged records to compare', () => {
    expect(reference.size).toBeGreaterThan(200);
  });

  it.each(FILES)(
    '%s yields the same tagged records, to the ms and whole message',
    async (file) => {
      const { records, stats } = await read([file]);
      expect(stats.skippedLines).toBe(0);
      expect(stats.inputs[0]?.problems).toEqual([]);
      expect(tagged(records)).toEqual(reference);
    },
  );

  it.each(FILES)('%s comes out sorted, with every record timed', async (file) => {
    const { records } = await read([file]);
    const times = records.map((r) => r.time);
    expect(times.every((t) => t !== null)).toBe(true);
    expect(times).toEqual([...(times as number[])].sort((a, b) => a - b));
  });

  it('all eight together give each record once', async () => {
    const alone = await read(['heroku.log']);
    const together = await read(FILES);
    expect(together.records).toHaveLength(alone.records.length);
    expect(tagged(together.records)).toEqual(reference);
    // The first input's copy of each line wins: dynos as sources.
    expect(together.records.every((r) => r.source?.startsWith('web.'))).toBe(true);
  });

  it('Sentry breadcrumb copies do not add records', async () => {
    const { records, stats } = await read(['sentry-webhooks.ndjson']);
    expect(records).toHaveLength((await read(['heroku.log'])).records.length);
    expect(stats.duplicates).toBeGreaterThan(1000);
  });
});
