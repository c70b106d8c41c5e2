import { join } from 'node:path';

import Database from 'better-sqlite3';

import { createLogger } from '../../src/logging/createLogger';
import type { LogRecord } from '../../src/model/LogRecord';
import { createSqliteStore } from '../../src/store/createSqliteStore';
import type { KeyedRecord, NewDelivery, Store } from '../../src/store/Store';
import { LogLines } from '../webhook/LogLines';
import { makeTempDir, removeTempDirs } from '../webhook/tempDirs';

const logger = createLogger({ level: 'silent', destination: new LogLines() });

function delivery(contentKey: string): NewDelivery {
  return {
    receivedAt: '2026-01-03T10:00:00.000Z',
    resource: 'event_alert',
    action: 'triggered',
    requestId: null,
    contentKey,
    outcome: 'stored',
  };
}

function keyed(key: string, time: number): KeyedRecord {
  const record: LogRecord = {
    time,
    source: 'web.1',
    logger: null,
    level: null,
    message: `[SESSION_REFRESH] ${key}`,
    origin: { kind: 'log' },
  };
  return { key, record, preference: 'm' };
}

describe('deliveries saved through the writer thread of a file store', () => {
  let path: string;
  let store: Store;
  let other: Database.Database;

  beforeEach(async () => {
    path = join(makeTempDir(), 'store.sqlite');
    store = await createSqliteStore({ path, logger });
    other = new Database(path, { readonly: true });
  });

  afterEach(async () => {
    other.close();
    await store.close();
    removeTempDirs();
  });

  const committed = () =>
    (other.prepare('select count(*) as n from deliveries').get() as { n: number }).n;

  it('resolves each save only once another connection can read it', async () => {
    const seen: number[] = [];
    const saves = ['a', 'b', 'c', 'd'].map((name, index) =>
      store
        .saveDelivery(delivery(`event:triggered:${name}`), [keyed(`t:${name}`, index)])
        .then((result) => {
          seen.push(committed());
          return result;
        }),
    );

    const results = await Promise.all(saves);
    expect(results.map((result) => result.status)).toEqual([
      'saved',
      'saved',
      'saved',
      'saved',
    ]);
    for (const [index, count] of seen.entries()) expect(count).toBeGreaterThan(index);
    expect(await store.isStoredDelivery('event:triggered:c')).toBe(true);
    expect(await store.isStoredDelivery('event:triggered:z')).toBe(false);
  });

  it('stores one of two copies sent together; the other is a duplicate', async () => {
    const [first, second] = await Promise.all([
      store.saveDelivery(delivery('event:triggered:same'), [keyed('t:same', 1)]),
      store.saveDelivery(delivery('event:triggered:same'), [keyed('t:same', 1)]),
    ]);

    expect([first?.status, second?.status]).toEqual(['saved', 'duplicate']);
    expect(committed()).toBe(1);
    expect((await store.loadRecords({ kind: 'all' })).records).toHaveLength(1);
  });

  it('finishes the saves in flight when the store closes', async () => {
    const save = store.saveDelivery(delivery('event:triggered:late'), [
      keyed('t:late', 1),
    ]);
    const closed = store.close();

    expect((await save).status).toBe('saved');
    await closed;
    expect(committed()).toBe(1);
  });
});
