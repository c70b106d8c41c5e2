import { type Kysely, type Selectable, sql } from 'kysely';

import {
  type Writeback,
  type WritebackState,
  type WritebackTarget,
  writebackStates,
} from '../writeback/Writeback';
import type { WritebackStore } from './Store';
import { sqliteSlackFeedStore } from './sqliteSlackFeedStore';
import type { StoreSchema, WritebacksTable } from './StoreSchema';

/** The outbox (and, through `sqliteSlackFeedStore`, the Slack feed's state) over SQLite. */
export function sqliteWritebackStore(
  db: Kysely<StoreSchema>,
  now: () => Date,
): WritebackStore {
  return {
    async claimWriteback(nowMs, blocked) {
      return db.transaction().execute(async (trx) => {
        let select = trx
          .selectFrom('writebacks')
          .selectAll()
          .where('state', '=', 'pending')
          .where('next_attempt_at', '<=', nowMs)
          .orderBy('next_attempt_at', 'asc')
          .orderBy('id', 'asc')
          .limit(1);
        if (blocked.length > 0) select = select.where('target', 'not in', blocked);
        const row = await select.executeTakeFirst();
        if (!row) return null;

        const claimed = await trx
          .updateTable('writebacks')
          .set({
            state: 'sending',
            attempts: row.attempts + 1,
            updated_at: now().toISOString(),
          })
          .where('id', '=', row.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toWriteback(claimed, await incidentIdsOf(trx, [claimed.id]));
      });
    },

    async settleWriteback(id, settlement) {
      await db
        .updateTable('writebacks')
        .set({
          state: settlement.state,
          last_status: settlement.lastStatus,
          last_error: settlement.lastError,
          next_attempt_at: settlement.nextAttemptAtMs,
          interrupted: 0,
          updated_at: now().toISOString(),
          ...(settlement.targetFailure ? { failures: sql<number>`failures + 1` } : {}),
          ...(settlement.result === undefined
            ? {}
            : { result: JSON.stringify(settlement.result) }),
        })
        .where('id', '=', id)
        .execute();
    },

    async recoverInterruptedWritebacks() {
      const result = await db
        .updateTable('writebacks')
        .set({
          state: 'pending',
          interrupted: 1,
          next_attempt_at: now().getTime(),
          updated_at: now().toISOString(),
        })
        .where('state', '=', 'sending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async nextWritebackDueMs() {
      const row = await db
        .selectFrom('writebacks')
        .select((eb) => eb.fn.min<number | null>('next_attempt_at').as('due'))
        .where('state', '=', 'pending')
        .executeTakeFirst();
      return row?.due ?? null;
    },

    async listWritebacks(incidentId) {
      const rows = await db
        .selectFrom('writebacks')
        .innerJoin(
          'writeback_incidents',
          'writeback_incidents.writeback_id',
          'writebacks.id',
        )
        .selectAll('writebacks')
        .where('writeback_incidents.incident_id', '=', incidentId)
        .orderBy('writebacks.id', 'asc')
        .execute();
      const ids = await incidentIdsOf(
        db,
        rows.map((row) => row.id),
      );
      return rows.map((row) => toWriteback(row, ids));
    },

    async countWritebacks() {
      const rows = await db
        .selectFrom('writebacks')
        .select((eb) => ['state', eb.fn.countAll<number>().as('count')])
        .groupBy('state')
        .execute();
      const counts = Object.fromEntries(writebackStates.map((state) => [state, 0]));
      for (const row of rows) counts[row.state] = Number(row.count);
      return counts as Record<WritebackState, number>;
    },

    ...sqliteSlackFeedStore(db, now),

    async secret(name, create) {
      return db.transaction().execute(async (trx) => {
        const found = await trx
          .selectFrom('service_secrets')
          .select('value')
          .where('name', '=', name)
          .executeTakeFirst();
        if (found) return found.value;

        const value = create();
        await trx
          .insertInto('service_secrets')
          .values({ name, value, created_at: now().toISOString() })
          .execute();
        return value;
      });
    },
  };
}

async function incidentIdsOf(
  db: Kysely<StoreSchema>,
  writebackIds: number[],
): Promise<Map<number, string[]>> {
  const ids = new Map<number, string[]>();
  if (writebackIds.length === 0) return ids;
  const rows = await db
    .selectFrom('writeback_incidents')
    .select(['writeback_id', 'incident_id'])
    .where('writeback_id', 'in', writebackIds)
    .orderBy('incident_id')
    .execute();
  for (const row of rows) {
    const list = ids.get(row.writeback_id) ?? [];
    list.push(row.incident_id);
    ids.set(row.writeback_id, list);
  }
  return ids;
}

function toWriteback(
  row: Selectable<WritebacksTable>,
  incidentIds: Map<number, string[]>,
): Writeback {
  return {
    id: row.id,
    target: row.target as WritebackTarget,
    key: row.key,
    incidentIds: incidentIds.get(row.id) ?? [],
    state: row.state as WritebackState,
    attempts: row.attempts,
    failures: row.failures,
    lastStatus: row.last_status,
    lastError: row.last_error,
    nextAttemptAt:
      row.state === 'pending' && row.next_attempt_at !== null
        ? new Date(row.next_attempt_at).toISOString()
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    interrupted: row.interrupted === 1,
    payload: JSON.parse(row.payload) as unknown,
  };
}
