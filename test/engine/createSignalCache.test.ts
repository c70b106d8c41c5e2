import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateStream, renderStream } from '../../bench/generateStream';
import { analysisSettingsSchema } from '../../src/config/analysisSettingsSchema';
import { analyzeStoredRecords } from '../../src/engine/analyzeStoredRecords';
import { createSignalCache } from '../../src/engine/createSignalCache';
import type { LogRecord } from '../../src/model/LogRecord';
import { readInputs } from '../../src/readers/readInputs';
import { parseSignal } from '../../src/signals/parseSignal';
import { logRecord } from '../helpers/logRecord';
import { makeTempDir, removeTempDirs } from '../webhook/tempDirs';

const settings = analysisSettingsSchema.parse({});

afterAll(() => removeTempDirs());

/** Records of a generated stream as the store gives them back: JSON round-tripped. */
async function storedRecords(): Promise<LogRecord[]> {
  const { records: generated } = generateStream({ seed: 21, hours: 3, stories: 40 });
  const file = join(makeTempDir(), 'heroku.log');
  writeFileSync(file, renderStream(generated, 'heroku'));
  const records: LogRecord[] = [];
  for await (const record of readInputs([file]).records) {
    records.push(JSON.parse(JSON.stringify(record)) as LogRecord);
  }
  return records;
}

describe('createSignalCache', () => {
  test('reads a record that may be a signal once; one that cannot be is never read', () => {
    const reads = jest.fn(parseSignal);
    const parse = createSignalCache(settings, reads);
    const tagged = logRecord(
      '2026-01-03T10:00:00Z',
      '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: abc123, user_id: +573001234567',
    );
    const filler = logRecord('2026-01-03T10:00:01Z', 'GET /api/health 200');

    const first = parse(tagged);
    expect(first?.kind).toBe('refresh_failed');
    expect(parse(tagged)).toBe(first);
    expect(reads).toHaveBeenCalledTimes(1);

    expect(parse(filler)).toBeNull();
    expect(reads).toHaveBeenCalledTimes(1);

    // Another record with the same text is read on its own.
    const copy = { ...tagged };
    expect(parse(copy)).not.toBe(first);
    expect(parse(copy)).toEqual({ ...first, record: copy });
    expect(reads).toHaveBeenCalledTimes(2);
  });

  test('runs over the same stored records give what an uncached run gives, run after run', async () => {
    const records = await storedRecords();
    const parse = createSignalCache(settings);

    const uncached = await analyzeStoredRecords(records, settings);
    const firstRun = await analyzeStoredRecords(records, settings, parse);
    const secondRun = await analyzeStoredRecords(records, settings, parse);

    expect(uncached.incidents.length).toBeGreaterThan(10);
    expect(firstRun).toEqual(uncached);
    expect(secondRun).toEqual(uncached);
  });
});
