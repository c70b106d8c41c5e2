import type { Database } from 'better-sqlite3';

export interface GroupCommit {
  /**
   * Runs `write` inside the next group transaction and resolves with its
   * result once that transaction has committed (rejects when `write` throws:
   * its own changes are rolled back, the others' are kept).
   */
  run<T>(write: () => T): Promise<T>;
  /** Commits what is queued now. */
  flush(): void;
}

interface Queued {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A group this large commits without waiting for the turn of the event loop to end. */
const MAX_GROUP = 256;

/**
 * Group commit: writes queued during one turn of the event loop (the
 * deliveries whose bodies arrived together) share one SQLite transaction, so
 * one WAL sync covers them all. Each caller is answered only after the commit
 * that holds its write, so nothing is acknowledged before it is durable. Each
 * write runs in its own savepoint: one that fails is rolled back alone.
 */
export function createGroupCommit(
  sqlite: Database,
  onCommitFailed: (error: unknown, writes: number) => void,
): GroupCommit {
  let queue: Queued[] = [];
  let scheduled: NodeJS.Immediate | null = null;

  // Savepoint per write inside the group's transaction (better-sqlite3 nests).
  const inSavepoint = sqlite.transaction((write: () => unknown) => write());
  const commitGroup = sqlite.transaction((group: Queued[]) => {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    for (const item of group) {
      try {
        outcomes.push({ ok: true, value: inSavepoint(item.write) });
      } catch (error) {
        outcomes.push({ ok: false, value: error });
      }
    }
    return outcomes;
  });

  function flush() {
    if (scheduled) {
      clearImmediate(scheduled);
      scheduled = null;
    }
    if (queue.length === 0) return;
    // Never inside another open transaction (an async Kysely one): its
    // rollback would take these writes with it, and its commit comes later
    // than their answers.
    if (sqlite.inTransaction) {
      schedule();
      return;
    }
    const group = queue;
    queue = [];
    let outcomes: { ok: boolean; value: unknown }[];
    try {
      outcomes = commitGroup(group);
    } catch (error) {
      // The commit itself failed (disk full, I/O): nothing of the group is stored.
      onCommitFailed(error, group.length);
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.value);
    });
  }

  function schedule() {
    scheduled ??= setImmediate(flush);
  }

  return {
    run<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (queue.length >= MAX_GROUP) flush();
        else schedule();
      });
    },
    flush,
  };
}
