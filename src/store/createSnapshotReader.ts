import Database from 'better-sqlite3';

import type { Incident } from '../model/Incident';
import type { LogRecord } from '../model/LogRecord';
import type { RecordSnapshot } from './Store';
import { mergeInOrder } from './mergeInOrder';
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
 * (`record_updates`), instead of parsing the whole table again. Incidents
 * are read whole each time, but parsed again only where their JSON changed.
 * What a read returns shares these parsed objects: callers must not change
 * them.
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
  const incidents = sqlite.prepare('select id, json, superseded_by from incidents');

  const byId = new Map<number, StoredEntry>();
  // Bundles are never replaced: an event's untagged records come the same each time.
  const bundled: StoredEntry[] = [];
  let ordered: StoredEntry[] = [];
  let lastId = 0;
  let lastBundleId = 0;
  let lastUpdate = 0;
  let parsedIncidents = new Map<string, ParsedIncident>();

  const read = sqlite.transaction(() => {
    const recordsVersion = version.get() as number;
    const fresh: StoredEntry[] = [];
    for (const row of added.all(lastId) as Row[]) {
      const entry = toEntry(row);
      byId.set(row.id, entry);
      fresh.push(entry);
      lastId = row.id;
    }
    for (const row of addedBundles.all(lastBundleId) as BundleRow[]) {
      for (const entry of bundleEntries(row)) {
        bundled.push(entry);
        fresh.push(entry);
      }
      lastBundleId = row.id;
    }
    let replaced = false;
    for (const row of updates.all(lastUpdate) as (Row & { seq: number })[]) {
      byId.set(row.id, toEntry(row));
      lastUpdate = row.seq;
      replaced = true;
    }
    // A replaced row may move (its copy can carry another time): sort all
    // again. New rows alone, the usual case, are sorted among themselves and
    // merged in, which costs a pass instead of a sort of the whole store.
    if (replaced) ordered = [...byId.values(), ...bundled].sort(byTimeThenArrival);
    else if (fresh.length > 0)
      ordered = mergeInOrder(ordered, fresh.sort(byTimeThenArrival));

    // Most incidents are as the last read left them: the same JSON text is
    // not parsed again.
    const parsed = new Map<string, ParsedIncident>();
    const stored = (incidents.all() as IncidentRow[]).map((row) => {
      const known = parsedIncidents.get(row.id);
      const entry =
        known !== undefined && known.json === row.json
          ? known
          : { json: row.json, incident: JSON.parse(row.json) as Incident };
      parsed.set(row.id, entry);
      return { ...entry.incident, superseded_by: row.superseded_by };
    });
    parsedIncidents = parsed;
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

interface IncidentRow {
  id: string;
  json: string;
  superseded_by: string | null;
}

/** A stored incident as last parsed, with the text it was parsed from. */
interface ParsedIncident {
  json: string;
  incident: Incident;
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
