import { join } from 'node:path';

import { createLogger } from '../../src/logging/createLogger';
import type { Incident } from '../../src/model/Incident';
import { createSnapshotReader } from '../../src/store/createSnapshotReader';
import { createSqliteStore } from '../../src/store/createSqliteStore';
import { incident } from '../helpers/incident';
import { keyedRecord as keyed } from '../helpers/keyedRecord';
import { newDelivery as delivery } from '../helpers/newDelivery';
import { LogLines } from '../webhook/LogLines';
import { makeTempDir, removeTempDirs } from '../webhook/tempDirs';

const logger = createLogger({ level: 'silent', destination: new LogLines() });
const all = { kind: 'all' } as const;
const T = '2026-01-03T10:00:00.000Z';

afterAll(() => removeTempDirs());

describe('createSnapshotReader', () => {
  it('reads what loadRecords reads, in the same order, as records arrive and are replaced', async () => {
    const path = join(makeTempDir(), 'store.sqlite');
    const store = await createSqliteStore({ path, logger });
    const reader = createSnapshotReader(path);
    const same = async () => {
      const expected = await store.loadRecords(all);
      expect(reader.read().snapshot).toEqual(expected);
    };

    await store.saveDelivery(delivery('d1'), [
      keyed('t:b', 2000, '[SESSION_REFRESH] b cut'),
      keyed('u:e1:0', null, 'no time'),
      keyed('t:a', 1000, '[SESSION_REFRESH] a'),
    ]);
    await same();

    // Later rows with earlier and equal times; a null time after the first one.
    await store.saveDelivery(delivery('d2'), [
      keyed('t:c', 1000, '[SESSION_REFRESH] c, same time as a'),
      keyed('u:e2:0', 500, 'early'),
      keyed('u:e2:1', null, 'no time either'),
    ]);
    await same();

    // A longer copy replaces the stored one in place; a shorter one changes nothing.
    await store.saveDelivery(delivery('d3'), [
      keyed('t:b', 2000, '[SESSION_REFRESH] b cut, now whole'),
      keyed('t:a', 1000, '[SESS'),
    ]);
    const { snapshot } = reader.read();
    expect(snapshot).toEqual(await store.loadRecords(all));
    expect(snapshot.records.map((record) => record.message)).toContain(
      '[SESSION_REFRESH] b cut, now whole',
    );
    await same();

    reader.close();
    await store.close();
  });

  it('a new reader over the same file reads the same as one that followed along', async () => {
    const path = join(makeTempDir(), 'store.sqlite');
    const store = await createSqliteStore({ path, logger });
    const following = createSnapshotReader(path);
    for (let i = 0; i < 5; i += 1) {
      await store.saveDelivery(delivery(`d${i}`), [
        keyed(`t:${i % 2}`, 1000 * (i % 2), `[SESSION_REFRESH] ${'x'.repeat(i)}`),
        keyed(`u:${i}:0`, 3000 - i, `filler ${i}`),
      ]);
      following.read();
    }
    const fresh = createSnapshotReader(path);

    expect(following.read()).toEqual(fresh.read());
    expect(fresh.read().snapshot).toEqual(await store.loadRecords(all));
    following.close();
    fresh.close();
    await store.close();
  });

  it('reads the incidents as stored after each change: changed, superseded, dropped, new', async () => {
    const path = join(makeTempDir(), 'store.sqlite');
    const store = await createSqliteStore({ path, logger });
    const reader = createSnapshotReader(path);
    const same = async () => {
      const { incidents } = reader.read();
      const expected = await store.loadIncidents(all);
      const byId = (a: Incident, b: Incident) => a.id.localeCompare(b.id);
      expect([...incidents].sort(byId)).toEqual([...expected].sort(byId));
    };

    await store.applyAnalysis({
      upserts: [incident('a', T, { title: 'first title' }), incident('b', T)],
      removals: [],
      analyzedVersion: 0,
    });
    await same();

    await store.applyAnalysis({
      upserts: [
        incident('a', T, { title: 'second title' }),
        { ...incident('b', T), superseded_by: 'a' },
        incident('c', T),
      ],
      removals: [],
      analyzedVersion: 0,
    });
    await same();
    expect(reader.read().incidents.find((i) => i.id === 'a')?.title).toBe('second title');

    await store.applyAnalysis({ upserts: [], removals: ['a'], analyzedVersion: 0 });
    await same();
    expect(
      reader
        .read()
        .incidents.map((i) => i.id)
        .sort(),
    ).toEqual(['b', 'c']);

    reader.close();
    await store.close();
  });

  it('parses an incident again only when its JSON changed', async () => {
    const path = join(makeTempDir(), 'store.sqlite');
    const store = await createSqliteStore({ path, logger });
    const reader = createSnapshotReader(path);
    const write = (upserts: Incident[]) =>
      store.applyAnalysis({ upserts, removals: [], analyzedVersion: 0 });
    // Nested values are shared with the parsed copy: the same array, read
    // after read, means the JSON was not parsed again.
    const sessionsOf = (id: string) =>
      reader.read().incidents.find((i) => i.id === id)?.sessions;

    await write([incident('a', T), incident('b', T)]);
    const [a, b] = [sessionsOf('a'), sessionsOf('b')];
    expect(a).toBeDefined();
    expect(sessionsOf('a')).toBe(a);

    await write([incident('a', T, { title: 'changed' })]);
    expect(sessionsOf('a')).not.toBe(a);
    expect(sessionsOf('b')).toBe(b);

    reader.close();
    await store.close();
  });
});
