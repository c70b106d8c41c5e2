import type { Database } from 'better-sqlite3';

/**
 * The settings every connection that writes the store uses: WAL with
 * `synchronous = FULL` (a commit is on disk when it returns, so an answered
 * delivery survives a crash), foreign keys, a wait when another connection
 * holds the write lock, and a page cache that keeps the records' pages (JSON,
 * dedupe and time indexes) between deliveries instead of reading them back
 * for every upsert (the default is 2 MB). Checkpoints are left to the
 * analysis thread, at its lower priority.
 */
export function tuneConnection(sqlite: Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  // The analysis thread checkpoints the WAL (`createCheckpointer`); a writer
  // steps in only if that falls far behind (40 MB of WAL instead of 4 MB).
  sqlite.pragma('wal_autocheckpoint = 10000');
}
