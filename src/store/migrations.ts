import { type Kysely, type Migration, Migrator, sql } from 'kysely';

/**
 * The schema, in order. Migrations live in code so the built service needs no
 * files beside it; never edit a shipped one, add the next.
 */
export const migrations: Record<string, Migration> = {
  '001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('deliveries')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('content_key', 'text', (c) => c.notNull().unique())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('record_count', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('records')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('time', 'real')
        .addColumn('source', 'text')
        .addColumn('message_length', 'integer', (c) => c.notNull())
        .addColumn('preference', 'text', (c) => c.notNull())
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('delivery_id', 'integer', (c) =>
          c.notNull().references('deliveries.id'),
        )
        .execute();
      await db.schema
        .createIndex('records_by_time')
        .on('records')
        .columns(['time', 'id'])
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user', 'text', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('first_seen', 'text')
        .addColumn('last_seen', 'text')
        .addColumn('last_seen_ms', 'real', (c) => c.notNull())
        .addColumn('superseded_by', 'text')
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('incidents_by_last_seen')
        .on('incidents')
        .columns(['last_seen_ms desc', 'id desc'])
        .execute();
      await db.schema
        .createIndex('incidents_by_user')
        .on('incidents')
        .column('user')
        .execute();

      await db.schema
        .createTable('store_state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();
      await sql`insert into store_state (key, value)
        values ('records_version', 0), ('analyzed_version', 0)`.execute(db);
    },
  },
  '002_writeback': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('writebacks')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'real')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('interrupted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('writebacks_due')
        .on('writebacks')
        .columns(['state', 'next_attempt_at', 'id'])
        .execute();

      await db.schema
        .createTable('writeback_incidents')
        .addColumn('writeback_id', 'integer', (c) =>
          c.notNull().references('writebacks.id'),
        )
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('writeback_incidents_pk', [
          'writeback_id',
          'incident_id',
        ])
        .execute();
      await db.schema
        .createIndex('writeback_incidents_by_incident')
        .on('writeback_incidents')
        .column('incident_id')
        .execute();

      await db.schema
        .createTable('slack_notes')
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('user', 'text', (c) => c.notNull())
        .addColumn('noted_at', 'real', (c) => c.notNull())
        .addColumn('writeback_id', 'integer')
        .addPrimaryKeyConstraint('slack_notes_pk', ['incident_id', 'version'])
        .execute();

      await db.schema
        .createTable('slack_feeds')
        .addColumn('fingerprint', 'text', (c) => c.primaryKey())
        .addColumn('first_noted_at', 'real', (c) => c.notNull())
        .addColumn('last_message_at', 'real')
        .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('service_secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '003_writeback_failures': {
    async up(db: Kysely<unknown>) {
      // Attempts count every try; failures only the target's own (5xx, no
      // answer), which alone use up WRITEBACK_MAX_ATTEMPTS. Rate-limit waits do not.
      await db.schema
        .alterTable('writebacks')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '004_records_without_time_index': {
    async up(db: Kysely<unknown>) {
      // Only the analysis reads records by time, all of them at once, where
      // one sort costs less than keeping this index in order on every
      // delivery's hundred upserts (about a third of a delivery's write).
      await db.schema.dropIndex('records_by_time').execute();
    },
  },
  '005_record_updates': {
    async up(db: Kysely<unknown>) {
      // Keys of stored records whose copy a longer one replaced, in the order
      // it happened: the analysis thread keeps the records it parsed and
      // reads only new rows (by id) and these.
      await db.schema
        .createTable('record_updates')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '006_record_bundles': {
    async up(db: Kysely<unknown>) {
      // The untagged records of an event (most of its breadcrumbs) are kept
      // together in one row instead of one row each: the writer's per-delivery
      // cost was mostly those upserts. Each record's place in its delivery
      // keeps the analysis order what the row ids gave (see byTimeThenArrival).
      await db.schema
        .alterTable('records')
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('record_bundles')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('bundle_key', 'text', (c) => c.notNull().unique())
        .addColumn('delivery_id', 'integer', (c) =>
          c.notNull().references('deliveries.id'),
        )
        .addColumn('json', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

/**
 * Brings the database to the latest schema.
 *
 * @throws Error naming the migration that failed.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });

  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error !== undefined || failed) {
    const name = failed?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${name} failed: ${reason}`);
  }
  return results.map((result) => result.migrationName);
}
