import type { Kysely, Selectable, Transaction } from 'kysely';

import type { SlackFeedState, SlackNote } from '../slack/SlackNote';
import {
  type NewWriteback,
  type Writeback,
  type WritebackState,
  type WritebackTarget,
  writebackStates,
} from '../writeback/Writeback';
import type { WritebackStore } from './Store';
import type { StoreSchema, WritebacksTable } from './StoreSchema';

/**
 * Stores write-backs and notes planned by an analysis, in the analysis'
 * transaction. A key already stored is skipped (once per version and
 * target); a newer Sentry event of an incident supersedes an older one that
 * was never sent, so a burst of analyses sends the latest version, not each.
 */
export async function insertWritebacks(
  trx: Transaction<StoreSchema>,
  writebacks: NewWriteback[],
  notes: SlackNote[],
  nowIso: string,
): Promise<void> {
  for (const writeback of writebacks) {
    const inserted = await insertWriteback(trx, writeback, nowIso);
    if (!inserted || writeback.target !== 'sentry_event') continue;

    const older = trx
      .selectFrom('writeback_incidents')
      .select('writeback_id')
      .where('incident_id', 'in', writeback.incidentIds);
    await trx
      .updateTable('writebacks')
      .set({ state: 'superseded', next_attempt_at: null, updated_at: nowIso })
      .where('target', '=', 'sentry_event')
      .where('state', '=', 'pending')
      .where('attempts', '=', 0)
      .where('id', '!=', inserted)
      .where('id', 'in', older)
      .execute();
  }

  for (const note of notes) {
    await trx
      .insertInto('slack_notes')
      .values({
        incident_id: note.incidentId,
        version: note.version,
        fingerprint: note.fingerprint,
        user: note.user,
        noted_at: note.notedAtMs,
        writeback_id: null,
      })
      .onConflict((oc) => oc.columns(['incident_id', 'version']).doNothing())
      .execute();
  }
}

async function insertWriteback(
  trx: Transaction<StoreSchema>,
  writeback: NewWriteback,
  nowIso: string,
): Promise<number | null> {
  const row = await trx
    .insertInto('writebacks')
    .values({
      target: writeback.target,
      key: writeback.key,
      state: 'pending',
      attempts: 0,
      next_attempt_at: writeback.notBeforeMs,
      last_status: null,
      last_error: null,
      interrupted: 0,
      payload: JSON.stringify(writeback.payload),
      result: null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return null;

  for (const incidentId of new Set(writeback.incidentIds)) {
    await trx
      .insertInto('writeback_incidents')
      .values({ writeback_id: row.id, incident_id: incidentId })
      .execute();
  }
  return row.id;
}

/** The outbox and the Slack feed's state over the SQLite database. */
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

    async pendingSlackNotes() {
      const rows = await db
        .selectFrom('slack_notes as note')
        .selectAll('note')
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('slack_notes as told')
                .select('told.incident_id')
                .whereRef('told.incident_id', '=', 'note.incident_id')
                .where('told.writeback_id', 'is not', null),
            )
            .as('announced'),
        )
        .where('note.writeback_id', 'is', null)
        .orderBy('note.noted_at', 'asc')
        .execute();
      return rows.map((row) => ({
        incidentId: row.incident_id,
        version: row.version,
        fingerprint: row.fingerprint,
        user: row.user,
        notedAtMs: row.noted_at,
        announcedBefore: Boolean(row.announced),
      }));
    },

    async slackFeeds() {
      const rows = await db.selectFrom('slack_feeds').selectAll().execute();
      return new Map<string, SlackFeedState>(
        rows.map((row) => [
          row.fingerprint,
          {
            fingerprint: row.fingerprint,
            firstNotedAtMs: row.first_noted_at,
            lastMessageAtMs: row.last_message_at,
            messages: row.messages,
          },
        ]),
      );
    },

    async recordSlackMessage(plan) {
      const nowIso = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const id = await insertWriteback(trx, plan.writeback, nowIso);
        if (id === null) return;

        for (const note of plan.notes) {
          await trx
            .updateTable('slack_notes')
            .set({ writeback_id: id })
            .where('incident_id', '=', note.incidentId)
            .where('version', '=', note.version)
            .execute();
        }
        await trx
          .insertInto('slack_feeds')
          .values({
            fingerprint: plan.fingerprint,
            first_noted_at: plan.atMs,
            last_message_at: plan.atMs,
            messages: 1,
          })
          .onConflict((oc) =>
            oc.column('fingerprint').doUpdateSet((eb) => ({
              last_message_at: plan.atMs,
              messages: eb('slack_feeds.messages', '+', 1),
            })),
          )
          .execute();
      });
    },

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
