import { existsSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { createLogger } from '../../src/logging/createLogger';
import type { LogRecord } from '../../src/model/LogRecord';
import { createSqliteStore } from '../../src/store/createSqliteStore';
import type { KeyedRecord, Store } from '../../src/store/Store';
import { incident } from '../helpers/incident';
import { newDelivery as delivery } from '../helpers/newDelivery';
import { LogLines } from '../webhook/LogLines';
import { makeTempDir, removeTempDirs } from '../webhook/tempDirs';

const logger = createLogger({ level: 'silent', destination: new LogLines() });
const all = { kind: 'all' } as const;

function record(time: number | null, message: string): LogRecord {
  return {
    time,
    source: 'web.1',
    logger: 'users.signals',
    level: 'info',
    message,
    origin: { kind: 'sentry-event', eventId: 'e'.repeat(32) },
  };
}

function keyed(
  key: string,
  time: number | null,
  message: string,
  preference = 'm',
): KeyedRecord {
  return { key, record: record(time, message), preference };
}

describe('createSqliteStore on a real file', () => {
  let dir: string;
  let path: string;
  let store: Store;

  beforeEach(async () => {
    dir = makeTempDir();
    path = join(dir, 'nested', 'dirs', 'store.sqlite');
    store = await createSqliteStore({ path, logger });
  });

  afterEach(async () => {
    await store.close();
    removeTempDirs();
  });

  it('creates the directories and the file, in WAL mode', () => {
    expect(existsSync(path)).toBe(true);
    const peek = new Database(path, { readonly: true });
    expect(peek.pragma('journal_mode', { simple: true })).toBe('wal');
    peek.close();
  });

  it('commits a delivery with its records and reports the change', async () => {
    const saved = await store.saveDelivery(delivery('event:triggered:a'), [
      keyed('t:1|[SESSION_CREATED] x', 1_000, '[SESSION_CREATED] x'),
      keyed('u:a:1', 2_000, 'Booting worker'),
    ]);

    expect(saved).toEqual({
      status: 'saved',
      deliveryId: expect.any(Number),
      recordsChanged: 2,
    });
    const snapshot = await store.loadRecords(all);
    expect(snapshot.records.map((r) => r.message)).toEqual([
      '[SESSION_CREATED] x',
      'Booting worker',
    ]);
    expect(await store.analysisPending()).toBe(true);
  });

  it('treats a second delivery with the same content key as a duplicate that changes nothing', async () => {
    await store.saveDelivery(delivery('event:triggered:a'), [
      keyed('t:1|[A] x', 1, '[A] x'),
    ]);
    const before = await store.loadRecords(all);

    const again = await store.saveDelivery(delivery('event:triggered:a'), [
      keyed('t:2|[B] y', 2, '[B] y'),
    ]);

    expect(again.status).toBe('duplicate');
    expect(await store.loadRecords(all)).toEqual(before);
  });

  it('keeps the longest copy of a record whichever copy arrives first', async () => {
    const short = '[SESSION_DEACTIVATED] S marcada. Llamado desde:';
    const long = `${short}\n  File "/app/a.py", line 1, in f`;

    await store.saveDelivery(delivery('d1'), [keyed('t:k1', 1, short)]);
    await store.saveDelivery(delivery('d2'), [keyed('t:k1', 1, long)]);
    await store.saveDelivery(delivery('d3'), [
      keyed('t:k2', 2, long),
      keyed('t:k2', 2, short),
    ]);
    const versionBefore = (await store.loadRecords(all)).version;
    const shorter = await store.saveDelivery(delivery('d4'), [keyed('t:k2', 2, short)]);

    const { records, version } = await store.loadRecords(all);
    expect(records.map((r) => r.message)).toEqual([long, long]);
    expect(shorter).toMatchObject({ status: 'saved', recordsChanged: 0 });
    expect(version).toBe(versionBefore);
  });

  it('keeps the preferred of two copies of equal length whichever arrives first', async () => {
    const early = {
      ...keyed('t:k', 1, '[A] x', 'a'),
      record: { ...record(1, '[A] x'), source: 'early' },
    };
    const late = {
      ...keyed('t:k', 1, '[A] x', 'b'),
      record: { ...record(1, '[A] x'), source: 'late' },
    };

    await store.saveDelivery(delivery('d1'), [late]);
    await store.saveDelivery(delivery('d2'), [early]);
    await store.saveDelivery(delivery('d3'), [late]);

    const { records } = await store.loadRecords(all);
    expect(records.map((r) => r.source)).toEqual(['early']);
  });

  it('loads records sorted by time, then by arrival', async () => {
    await store.saveDelivery(delivery('d1'), [
      keyed('t:c', 3_000, '[C]'),
      keyed('t:a2', 1_000, '[A2]'),
    ]);
    await store.saveDelivery(delivery('d2'), [
      keyed('t:a1', 1_000, '[A1]'),
      keyed('t:b', 2_000.5, '[B]'),
    ]);

    const { records } = await store.loadRecords(all);
    expect(records.map((r) => r.message)).toEqual(['[A2]', '[A1]', '[B]', '[C]']);
    expect(records[2]?.time).toBe(2_000.5);
  });

  it("keeps an event's untagged records in one row, in their places among its tagged ones", async () => {
    await store.saveDelivery(delivery('d1'), [keyed('t:old', 1_000, '[OLD]')]);
    const saved = await store.saveDelivery(delivery('event:triggered:e1'), [
      keyed('u:e1:0', 1_000, 'u0'),
      keyed('t:x', 1_000, '[X]'),
      keyed('u:e1:2', 1_000, 'u2'),
      keyed('u:e1:3', null, 'u3'),
      keyed('t:old', 1_000, '[OLD] longer copy'),
      keyed('u:e1:5', 500, 'u5'),
    ]);
    expect(saved).toMatchObject({ status: 'saved', recordsChanged: 6 });

    const peek = new Database(path, { readonly: true });
    const keys = peek.prepare('select dedupe_key from records order by id').pluck().all();
    const bundles = peek.prepare('select bundle_key from record_bundles').pluck().all();
    peek.close();
    expect(keys).toEqual(['t:old', 't:x']);
    expect(bundles).toEqual(['u:e1']);

    const { records } = await store.loadRecords(all);
    expect(records.map((r) => r.message)).toEqual([
      'u3',
      'u5',
      '[OLD] longer copy',
      'u0',
      '[X]',
      'u2',
    ]);
  });

  it('writes the JSON of each row and bundle as JSON.stringify writes the records', async () => {
    const odd = keyed('u:e1:1', 1_000, 'quote " backslash \\ é \u2028 😀');
    const records = [keyed('u:e1:0', 1_000.25, 'u0'), odd, keyed('t:x', null, '[X]')];
    await store.saveDelivery(delivery('event:triggered:e1'), records);

    const peek = new Database(path, { readonly: true });
    const row = peek.prepare('select json from records').pluck().get();
    const bundle = peek.prepare('select json from record_bundles').pluck().get();
    peek.close();
    expect(row).toBe(JSON.stringify(records[2]!.record));
    expect(bundle).toBe(
      JSON.stringify([
        [0, records[0]!.record],
        [1, odd.record],
      ]),
    );
  });

  it('stores the untagged records of an event delivered again under another action once', async () => {
    const records = [keyed('u:e1:0', 1_000, 'u0'), keyed('t:x', 2_000, '[X]')];
    await store.saveDelivery(delivery('event:triggered:e1'), records);
    const again = await store.saveDelivery(delivery('event:created:e1'), records);

    expect(again).toMatchObject({ status: 'saved', recordsChanged: 0 });
    expect((await store.loadRecords(all)).records.map((r) => r.message)).toEqual([
      'u0',
      '[X]',
    ]);
  });

  it('keeps one row per untagged record for an event stored so before bundles', async () => {
    await store.saveDelivery(delivery('d1'), [keyed('t:x', 2_000, '[X]')]);
    const legacy = new Database(path);
    legacy
      .prepare(
        `insert into records (dedupe_key, time, source, message_length, preference, json, delivery_id)
         values ('u:e1:0', 1000, 'web.1', 2, 'm', ?, 1)`,
      )
      .run(JSON.stringify(record(1_000, 'u0')));
    legacy.close();

    const saved = await store.saveDelivery(delivery('event:created:e1'), [
      keyed('u:e1:0', 1_000, 'u0'),
      keyed('u:e1:1', 3_000, 'u1'),
    ]);

    expect(saved).toMatchObject({ status: 'saved', recordsChanged: 1 });
    expect((await store.loadRecords(all)).records.map((r) => r.message)).toEqual([
      'u0',
      '[X]',
      'u1',
    ]);
  });

  it('clears the pending analysis only up to the record version it analysed', async () => {
    await store.saveDelivery(delivery('d1'), [keyed('t:a', 1, '[A]')]);
    const seen = await store.loadRecords(all);
    await store.saveDelivery(delivery('d2'), [keyed('t:b', 2, '[B]')]);

    await store.applyAnalysis({
      upserts: [],
      removals: [],
      analyzedVersion: seen.version,
    });
    expect(await store.analysisPending()).toBe(true);

    const latest = await store.loadRecords(all);
    await store.applyAnalysis({
      upserts: [],
      removals: [],
      analyzedVersion: latest.version,
    });
    expect(await store.analysisPending()).toBe(false);
  });

  it('upserts and removes incidents, and reads them back whole', async () => {
    const first = incident('a', '2026-01-03T10:00:00.000Z', { signals: [] });
    await store.applyAnalysis({
      upserts: [first, incident('b', null)],
      removals: [],
      analyzedVersion: 0,
    });

    const changed = { ...first, status: 'suspected' as const, failed_jtis: ['j1'] };
    await store.applyAnalysis({
      upserts: [changed],
      removals: ['b'],
      analyzedVersion: 0,
    });

    expect(await store.getIncident('a')).toEqual({ ...changed, superseded_by: null });
    expect(await store.getIncident('b')).toBeNull();
  });

  it('lists newest last_seen first, pages with a cursor and puts unknown times last', async () => {
    const incidents = [
      incident('a', '2026-01-03T10:00:00.000Z'),
      incident('b', '2026-01-03T12:00:00.000Z'),
      incident('c', null),
      incident('d', '2026-01-03T11:00:00.000Z'),
      incident('e', '2026-01-03T11:00:00.000Z'),
    ];
    await store.applyAnalysis({ upserts: incidents, removals: [], analyzedVersion: 0 });

    const seen: string[] = [];
    let after = null;
    do {
      const page = await store.listIncidents({
        limit: 2,
        after,
        includeSuperseded: false,
      });
      seen.push(...page.incidents.map((i) => i.id));
      after = page.next;
    } while (after !== null);

    expect(seen).toEqual(['b', 'e', 'd', 'a', 'c']);
  });

  it('filters by cause, status, user and since, and hides superseded incidents unless asked', async () => {
    await store.applyAnalysis({
      upserts: [
        incident('a', '2026-01-03T10:00:00.000Z', { user: '+573000000001' }),
        incident('b', '2026-01-03T12:00:00.000Z', {
          user: '+573000000002',
          cause: 'rotation_race',
        }),
        incident('c', '2026-01-03T13:00:00.000Z', { status: 'suspected' }),
        incident('d', '2026-01-03T14:00:00.000Z', { superseded_by: 'a' }),
      ],
      removals: [],
      analyzedVersion: 0,
    });
    const ids = async (query: object) =>
      (
        await store.listIncidents({
          limit: 100,
          after: null,
          includeSuperseded: false,
          ...query,
        })
      ).incidents.map((i) => i.id);

    expect(await ids({})).toEqual(['c', 'b', 'a']);
    expect(await ids({ includeSuperseded: true })).toEqual(['d', 'c', 'b', 'a']);
    expect(await ids({ cause: 'rotation_race' })).toEqual(['b']);
    expect(await ids({ status: 'suspected' })).toEqual(['c']);
    expect(await ids({ user: '+573000000002' })).toEqual(['b']);
    expect(await ids({ since: Date.parse('2026-01-03T12:00:00Z') })).toEqual(['c', 'b']);
    expect((await store.getIncident('d'))?.superseded_by).toBe('a');
  });

  it('counts current incidents by cause, superseded ones left out', async () => {
    await store.applyAnalysis({
      upserts: [
        incident('a', null),
        incident('b', null),
        incident('c', null, { cause: 'stale_token' }),
        incident('d', null, { superseded_by: 'a' }),
      ],
      removals: [],
      analyzedVersion: 0,
    });

    expect(await store.countIncidentsByCause()).toEqual(
      new Map([
        ['unexplained', 2],
        ['stale_token', 1],
      ]),
    );
  });

  it('keeps everything across a close and a reopen of the same file', async () => {
    await store.saveDelivery(delivery('d1'), [keyed('t:a', 1, '[A]')]);
    await store.applyAnalysis({
      upserts: [incident('a', '2026-01-03T10:00:00.000Z')],
      removals: [],
      analyzedVersion: 1,
    });
    await store.close();

    store = await createSqliteStore({ path, logger });
    expect((await store.loadRecords(all)).records).toHaveLength(1);
    expect((await store.getIncident('a'))?.id).toBe('a');
    expect(await store.analysisPending()).toBe(false);
    expect((await store.saveDelivery(delivery('d1'), [])).status).toBe('duplicate');
  });

  it('closes idempotently', async () => {
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
