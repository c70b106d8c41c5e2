import Database from 'better-sqlite3';

export interface Checkpointer {
  close(): void;
}

/**
 * Copies the WAL back into the database file every `everyMs`, from its own
 * connection, so that the thread committing deliveries does not do it
 * inside a commit. Passive: it never waits for, nor blocks, a writer or a
 * reader; what it cannot copy yet waits for the next round.
 */
export function createCheckpointer(path: string, everyMs: number): Checkpointer {
  const sqlite = new Database(path, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 0');
  const timer = setInterval(() => {
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or interrupted: the next round tries again; the writers'
      // automatic checkpoint is the backstop.
    }
  }, everyMs);
  return {
    close() {
      clearInterval(timer);
      sqlite.close();
    },
  };
}
