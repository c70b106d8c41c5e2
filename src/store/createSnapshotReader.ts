import Database from 'better-sqlite3';

import type { Incident } from '../model/Incident';
import type { LogRecord } from '../model/LogRecord';
import type { RecordSnapshot } from './Store';
import { byTimeThenArrival, bundleEntries, type StoredEntry } from './storedRecordOrder';

export interface SnapshotReader {
  /** The stored records and incidents as of one moment (one read transaction). */
  read(): { snapshot: RecordSnapshot; incidents: Incident[] };
  close(): void;
}

interface Row {
  id: number;
  time: number | null;
  delivery_id: number;
  position: number;
  json: string;
}

/**
 * A second, read-only connection to the store's SQLite file, for the analysis
 * thread: in WAL mode it reads a consistent snapshot while the service's
 * connections keep committing deliveries. Same order and shapes as the
 * store's `loadRecords` and `loadIncidents`.
 *
 * Records are parsed once and kept: each read takes only the rows added
 * since the last (ids only grow) and the rows a longer copy replaced
 * (`record_updates`), instead of parsing the whole table again.
 */
export function createSnapshotReader(path: string): SnapshotReader {
  const sqlite = new Database(path, { fileMustExist: true });
  sqlite.pragma('query_only = ON');
  sqlite.pragma('busy_timeout = 5000');

  const version = sqlite
    .prepare(`select value from store_state where key = 'records_version'`)
    .pluck();
  const added = sqlite.prepare(
    'select id, time, delivery_id, position, json from records where id > ? order by id',
  );
  const addedBundles = sqlite.prepare(
    'select id, delivery_id, json from record_bundles where id > ? order by id',
  );
  const updates = sqlite.prepare(
    `select u.seq, r.id, r.time, r.delivery_id, r.position, r.json
       from record_updates u join records r on r.dedupe_key = u.dedupe_key
      where u.seq > ? order by u.seq`,
  );
  const incidents = sqlite.prepare('select json, superseded_by from incidents');

  const byId = new Map<number, StoredEntry>();
  // Bundles are never replaced: an event's untagged records come the same each time.
  const bundled: StoredEntry[] = [];
  let ordered: StoredEntry[] = [];
  let lastId = 0;
  let lastBundleId = 0;
  let lastUpdate = 0;

  const read = sqlite.transaction(() => {
    const recordsVersion = version.get() as number;
    let changed = false;
    for (const row of added.all(lastId) as Row[]) {
      byId.set(row.id, toEntry(row));
      lastId = row.id;
      changed = true;
    }
    for (const row of addedBundles.all(lastBundleId) as BundleRow[]) {
      for (const entry of bundleEntries(row)) bundled.push(entry);
      lastBundleId = row.id;
      changed = true;
    }
    for (const row of updates.all(lastUpdate) as (Row & { seq: number })[]) {
      byId.set(row.id, toEntry(row));
      lastUpdate = row.seq;
      changed = true;
    }
    if (changed) ordered = [...byId.values(), ...bundled].sort(byTimeThenArrival);

    const stored = (
      incidents.all() as { json: string; superseded_by: string | null }[]
    ).map((row) => ({
      ...(JSON.parse(row.json) as Incident),
      superseded_by: row.superseded_by,
    }));
    return {
      snapshot: {
        records: ordered.map((entry) => entry.record),
        version: recordsVersion,
      },
      incidents: stored,
    };
  });

  return {
    read: () => read(),
    close: () => sqlite.close(),
  };
}

interface BundleRow {
  id: number;
  delivery_id: number;
  json: string;
}

function toEntry(row: Row): StoredEntry {
  return {
    time: row.time,
    deliveryId: row.delivery_id,
    position: row.position,
    rowId: row.id,
    record: JSON.parse(row.json) as LogRecord,
  };
}
