import Database from 'better-sqlite3';

import type { Incident } from '../model/Incident';
import type { LogRecord } from '../model/LogRecord';
import type { RecordSnapshot } from './Store';

export interface SnapshotReader {
  /** The stored records and incidents as of one moment (one read transaction). */
  read(): { snapshot: RecordSnapshot; incidents: Incident[] };
  close(): void;
}

/**
 * A second, read-only connection to the store's SQLite file, for the analysis
 * thread: in WAL mode it reads a consistent snapshot while the service's own
 * connection keeps committing deliveries. Same order and shapes as the
 * store's `loadRecords` and `loadIncidents`.
 */
export function createSnapshotReader(path: string): SnapshotReader {
  const sqlite = new Database(path, { fileMustExist: true });
  sqlite.pragma('query_only = ON');
  sqlite.pragma('busy_timeout = 5000');

  const version = sqlite.prepare(
    `select value from store_state where key = 'records_version'`,
  );
  const records = sqlite
    .prepare('select json from records order by time asc, id asc')
    .pluck();
  const incidents = sqlite.prepare('select json, superseded_by from incidents');

  const read = sqlite.transaction(() => {
    const recordsVersion = (version.get() as { value: number }).value;
    const parsed = (records.all() as string[]).map(
      (json) => JSON.parse(json) as LogRecord,
    );
    const stored = (
      incidents.all() as { json: string; superseded_by: string | null }[]
    ).map((row) => ({
      ...(JSON.parse(row.json) as Incident),
      superseded_by: row.superseded_by,
    }));
    return { snapshot: { records: parsed, version: recordsVersion }, incidents: stored };
  });

  return {
    // `deferred` by default; a read-only transaction sees one snapshot.
    read: () => read(),
    close: () => sqlite.close(),
  };
}
