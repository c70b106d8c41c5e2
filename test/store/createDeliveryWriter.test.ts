import { join } from 'node:path';

import Database from 'better-sqlite3';

import { createLogger } from '../../src/logging/createLogger';
import { createSqliteStore } from '../../src/store/createSqliteStore';
import type { Store } from '../../src/store/Store';
import { keyedRecord } from '../helpers/keyedRecord';
import { newDelivery as delivery } from '../helpers/newDelivery';
import { LogLines } from '../webhook/LogLines';
import { makeTempDir, removeTempDirs } from '../webhook/tempDirs';

const logger = createLogger({ level: 'silent', destination: new LogLines() });
const keyed = (key: string, time: number) =>
  keyedRecord(key, time, `[SESSION_REFRESH] ${key}`);

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
