import type { Kysely } from 'kysely';

import type { SlackFeedState } from '../slack/SlackNote';
import { insertWriteback } from './insertWritebacks';
import type { WritebackStore } from './Store';
import type { StoreSchema } from './StoreSchema';

type SlackFeedStore = Pick<
  WritebackStore,
  'pendingSlackNotes' | 'slackFeeds' | 'recordSlackMessage' | 'dropSlackNotes'
>;

/** The Slack feed's notes and per-fingerprint state over the SQLite database. */
export function sqliteSlackFeedStore(
  db: Kysely<StoreSchema>,
  now: () => Date,
): SlackFeedStore {
  return {
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

    async dropSlackNotes(notes) {
      await db.transaction().execute(async (trx) => {
        for (const note of notes) {
          await trx
            .deleteFrom('slack_notes')
            .where('incident_id', '=', note.incidentId)
            .where('version', '=', note.version)
            .where('writeback_id', 'is', null)
            .execute();
        }
      });
    },
  };
}
