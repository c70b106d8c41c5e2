import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';

import type { Logger } from '../logging/createLogger';
import type { Cause, Incident } from '../model/Incident';
import type { LogRecord } from '../model/LogRecord';
import { migrateToLatest } from './migrations';
import { createDeliveryWriter } from './createDeliveryWriter';
import { createGroupCommit } from './createGroupCommit';
import { prepareDeliveryStatements, saveDelivery } from './saveDelivery';
import { packRecords, unpackRecords } from './packRecords';
import { chunks, ROWS_PER_INSERT } from './chunks';
import { insertWritebacks } from './insertWritebacks';
import { sqliteWritebackStore } from './sqliteWritebackStore';
import type {
  AnalysisUpdate,
  IncidentPage,
  IncidentQuery,
  RecordSnapshot,
  Store,
} from './Store';
import type { StoreSchema } from './StoreSchema';
import { byTimeThenArrival, bundleEntries, type StoredEntry } from './storedRecordOrder';
import { tuneConnection } from './tuneConnection';

export interface SqliteStoreOptions {
  /** A file path (its directories are created), or `:memory:`. */
  path: string;
  logger: Logger;
  /** Stamps `updated_at`; injected so tests control time. */
  now?: () => Date;
}

/**
 * Opens (creating when missing) the SQLite store and migrates it to the latest
 * schema. Writes are durable when their promise resolves: WAL journal with
 * `synchronous = FULL`, so an answered delivery survives a crash. Deliveries
 * saved close together share one transaction (group commit), committed by a
 * thread of their own so that the service's thread never waits for the disk.
 *
 * @example
 *   const store = await createSqliteStore({ path: './data/logout-lens.sqlite', logger });
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const log = options.logger.child({ part: 'store' });
  const now = options.now ?? (() => new Date());

  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const sqlite = new Database(options.path);
  tuneConnection(sqlite);

  const db = new Kysely<StoreSchema>({
    dialect: new SqliteDialect({ database: immediateTransactions(sqlite) }),
  });
  try {
    const applied = await migrateToLatest(db);
    log.debug({ path: options.path, applied }, 'store ready');
  } catch (error) {
    await db.destroy();
    throw error;
  }

  let closing: Promise<void> | null = null;
  const deliveryStatements = prepareDeliveryStatements(sqlite);
  // An analysis can change thousands of incidents, all in one transaction
  // that holds the webhook's thread: one prepared statement, not a Kysely
  // query compiled per row.
  const upsertIncident = sqlite.prepare(
    `insert into incidents (${INCIDENT_COLUMNS.map((c) => `"${c}"`).join(', ')})
     values (${INCIDENT_COLUMNS.map((c) => `@${c}`).join(', ')})
     on conflict ("id") do update set ${INCIDENT_COLUMNS.filter((c) => c !== 'id')
       .map((c) => `"${c}" = excluded."${c}"`)
       .join(', ')}`,
  );
  // A file is shared with the writer thread; `:memory:` exists only on this
  // connection, so its deliveries are committed here, in groups all the same.
  const writer = options.path === ':memory:' ? null : createDeliveryWriter(options.path);
  const groupCommit = createGroupCommit(sqlite, (error, writes) =>
    log.error({ err: error, writes }, 'group commit failed'),
  );

  return {
    ...sqliteWritebackStore(db, now),

    saveDelivery(delivery, records) {
      if (writer) return writer.saveDelivery(delivery, records);
      const rows = unpackRecords(packRecords(records));
      return groupCommit.run(() => saveDelivery(deliveryStatements, delivery, rows));
    },

    async isStoredDelivery(contentKey) {
      // Outside any transaction this reads what is committed (WAL snapshot).
      return deliveryStatements.isStored.get(contentKey) !== undefined;
    },

    async loadRecords(): Promise<RecordSnapshot> {
      return db.transaction().execute(async (trx) => {
        const version = await readState(trx, 'records_version');
        const rows = await trx
          .selectFrom('records')
          .select(['id', 'time', 'delivery_id', 'position', 'json'])
          .execute();
        const bundles = await trx
          .selectFrom('record_bundles')
          .select(['id', 'delivery_id', 'json'])
          .execute();
        const entries: StoredEntry[] = rows.map((row) => ({
          time: row.time,
          deliveryId: row.delivery_id,
          position: row.position,
          rowId: row.id,
          record: JSON.parse(row.json) as LogRecord,
        }));
        for (const bundle of bundles) entries.push(...bundleEntries(bundle));
        entries.sort(byTimeThenArrival);
        return { records: entries.map((entry) => entry.record), version };
      });
    },

    async analysisPending() {
      return db.transaction().execute(async (trx) => {
        const records = await readState(trx, 'records_version');
        const analyzed = await readState(trx, 'analyzed_version');
        return records > analyzed;
      });
    },

    async listIncidents(query: IncidentQuery): Promise<IncidentPage> {
      let select = db
        .selectFrom('incidents')
        .select(['id', 'json', 'superseded_by', 'last_seen_ms'])
        .orderBy('last_seen_ms', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1);

      if (!query.includeSuperseded) select = select.where('superseded_by', 'is', null);
      if (query.cause !== undefined) select = select.where('cause', '=', query.cause);
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      if (query.user !== undefined) select = select.where('user', '=', query.user);
      if (query.since !== undefined)
        select = select.where('last_seen_ms', '>=', query.since);
      const after = query.after;
      if (after !== null) {
        select = select.where((eb) =>
          eb.or([
            eb('last_seen_ms', '<', after.lastSeenMs),
            eb.and([eb('last_seen_ms', '=', after.lastSeenMs), eb('id', '<', after.id)]),
          ]),
        );
      }

      const rows = await select.execute();
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        incidents: page.map(toIncident),
        next:
          rows.length > query.limit && last
            ? { lastSeenMs: last.last_seen_ms, id: last.id }
            : null,
      };
    },

    async getIncident(id) {
      const row = await db
        .selectFrom('incidents')
        .select(['json', 'superseded_by'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toIncident(row) : null;
    },

    async loadIncidents() {
      const rows = await db
        .selectFrom('incidents')
        .select(['json', 'superseded_by'])
        .execute();
      return rows.map(toIncident);
    },

    async applyAnalysis(update: AnalysisUpdate) {
      const updatedAt = now().toISOString();
      await db.transaction().execute(async (trx) => {
        for (const incident of update.upserts) {
          upsertIncident.run(toRow(incident, updatedAt));
        }

        for (const ids of chunks(update.removals, ROWS_PER_INSERT)) {
          await trx.deleteFrom('incidents').where('id', 'in', ids).execute();
        }

        await trx
          .updateTable('store_state')
          .set((eb) => ({
            value: eb.fn('max', [eb.ref('value'), eb.val(update.analyzedVersion)]),
          }))
          .where('key', '=', 'analyzed_version')
          .execute();

        await insertWritebacks(
          trx,
          update.writebacks ?? [],
          update.slackNotes ?? [],
          updatedAt,
        );
      });
    },

    async countIncidentsByCause() {
      const rows = await db
        .selectFrom('incidents')
        .select((eb) => ['cause', eb.fn.countAll<number>().as('count')])
        .where('superseded_by', 'is', null)
        .groupBy('cause')
        .execute();
      return new Map(rows.map((row) => [row.cause as Cause, Number(row.count)]));
    },

    close() {
      groupCommit.flush();
      closing ??= (async () => {
        await writer?.close();
        await db.destroy();
        log.debug('store closed');
      })();
      return closing;
    },
  };
}

/**
 * Kysely's transactions on this connection start `begin immediate`: they take
 * the write lock (waiting for the writer thread's commit) before reading, so
 * one that reads then writes never meets a commit of the other connection in
 * between (SQLITE_BUSY_SNAPSHOT, which no wait would cure).
 */
function immediateTransactions(sqlite: Database.Database): Database.Database {
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') {
        return (source: string) =>
          target.prepare(source === 'begin' ? 'begin immediate' : source);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function readState(trx: Transaction<StoreSchema>, key: string): Promise<number> {
  const row = await trx
    .selectFrom('store_state')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}

function toIncident(row: { json: string; superseded_by: string | null }): Incident {
  const incident = JSON.parse(row.json) as Incident;
  return { ...incident, superseded_by: row.superseded_by };
}

const INCIDENT_COLUMNS = [
  'id',
  'user',
  'cause',
  'status',
  'fingerprint',
  'first_seen',
  'last_seen',
  'last_seen_ms',
  'superseded_by',
  'json',
  'updated_at',
] as const;

function toRow(
  incident: Incident,
  updatedAt: string,
): Record<(typeof INCIDENT_COLUMNS)[number], string | number | null> {
  const lastSeenMs = incident.last_seen === null ? NaN : Date.parse(incident.last_seen);
  return {
    id: incident.id,
    user: incident.user,
    cause: incident.cause,
    status: incident.status,
    fingerprint: incident.fingerprint,
    first_seen: incident.first_seen,
    last_seen: incident.last_seen,
    // Unknown times sort after every known one (newest first).
    last_seen_ms: Number.isFinite(lastSeenMs) ? lastSeenMs : -1,
    superseded_by: incident.superseded_by ?? null,
    json: JSON.stringify(incident),
    updated_at: updatedAt,
  };
}
