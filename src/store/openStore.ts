import { resolve } from 'node:path';

import type { DatabaseLocation } from '../config/serviceConfig';
import type { Logger } from '../logging/createLogger';
import { createSqliteStore } from './createSqliteStore';
import type { Store } from './Store';

export interface OpenStoreOptions {
  /** Relative SQLite paths resolve against it. */
  cwd: string;
  logger: Logger;
  now?: () => Date;
}

/**
 * Opens the store `DATABASE_URL` names, migrated to the latest schema. The
 * one place that knows the kinds of store: PostgreSQL slots in here. `file`
 * is the SQLite file another connection (the analysis thread) can open.
 */
export async function openStore(
  location: DatabaseLocation,
  options: OpenStoreOptions,
): Promise<{ store: Store; description: string; file: string | null }> {
  switch (location.kind) {
    case 'sqlite': {
      const path =
        location.path === ':memory:' ? ':memory:' : resolve(options.cwd, location.path);
      const store = await createSqliteStore({
        path,
        logger: options.logger,
        now: options.now,
      });
      return {
        store,
        description: `sqlite:${path}`,
        file: path === ':memory:' ? null : path,
      };
    }
  }
}
