import type { Transaction } from 'kysely';

import type { SlackNote } from '../slack/SlackNote';
import type { NewWriteback } from '../writeback/Writeback';
import type { StoreSchema } from './StoreSchema';

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

/** One write-back and its incidents; null when its key is stored already. */
export async function insertWriteback(
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
      failures: 0,
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
