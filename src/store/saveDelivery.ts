import type { Transaction } from 'kysely';

import { chunks, ROWS_PER_INSERT } from './chunks';
import type { KeyedRecord, NewDelivery, SaveDeliveryResult } from './Store';
import type { StoreSchema } from './StoreSchema';

/**
 * Stores one delivery and its records in `trx`. A content key stored before
 * makes it a duplicate; a record whose key is stored keeps the longer copy
 * (a breadcrumb cut short never replaces the whole line), and any change
 * bumps `records_version` so the analysis knows to run.
 */
export async function saveDelivery(
  trx: Transaction<StoreSchema>,
  delivery: NewDelivery,
  records: KeyedRecord[],
): Promise<SaveDeliveryResult> {
  const inserted = await trx
    .insertInto('deliveries')
    .values({
      received_at: delivery.receivedAt,
      resource: delivery.resource,
      action: delivery.action,
      request_id: delivery.requestId,
      content_key: delivery.contentKey,
      outcome: delivery.outcome,
      record_count: records.length,
    })
    .onConflict((oc) => oc.column('content_key').doNothing())
    .returning('id')
    .executeTakeFirst();

  if (!inserted) {
    const existing = await trx
      .selectFrom('deliveries')
      .select('id')
      .where('content_key', '=', delivery.contentKey)
      .executeTakeFirstOrThrow();
    return { status: 'duplicate', deliveryId: existing.id };
  }

  let recordsChanged = 0;
  for (const chunk of chunks(longestPerKey(records), ROWS_PER_INSERT)) {
    const result = await trx
      .insertInto('records')
      .values(
        chunk.map(({ key, record, preference }) => ({
          dedupe_key: key,
          time: record.time,
          source: record.source,
          message_length: record.message.length,
          preference,
          json: JSON.stringify(record),
          delivery_id: inserted.id,
        })),
      )
      // A copy cut short (a breadcrumb) never replaces a longer one.
      .onConflict((oc) =>
        oc
          .column('dedupe_key')
          .doUpdateSet((eb) => ({
            time: eb.ref('excluded.time'),
            source: eb.ref('excluded.source'),
            message_length: eb.ref('excluded.message_length'),
            preference: eb.ref('excluded.preference'),
            json: eb.ref('excluded.json'),
          }))
          .where((eb) =>
            eb.or([
              eb(
                eb.ref('excluded.message_length'),
                '>',
                eb.ref('records.message_length'),
              ),
              eb.and([
                eb(
                  eb.ref('excluded.message_length'),
                  '=',
                  eb.ref('records.message_length'),
                ),
                eb(eb.ref('excluded.preference'), '<', eb.ref('records.preference')),
              ]),
            ]),
          ),
      )
      .executeTakeFirst();
    recordsChanged += Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  if (recordsChanged > 0) {
    await trx
      .updateTable('store_state')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('key', '=', 'records_version')
      .execute();
  }
  return { status: 'saved', deliveryId: inserted.id, recordsChanged };
}

/** Within one delivery, copies sharing a key keep the one the table would keep. */
function longestPerKey(records: KeyedRecord[]): KeyedRecord[] {
  const byKey = new Map<string, KeyedRecord>();
  for (const keyed of records) {
    const kept = byKey.get(keyed.key);
    if (!kept || isPreferred(keyed, kept)) byKey.set(keyed.key, keyed);
  }
  return [...byKey.values()];
}

function isPreferred(candidate: KeyedRecord, kept: KeyedRecord): boolean {
  const lengths = candidate.record.message.length - kept.record.message.length;
  return lengths > 0 || (lengths === 0 && candidate.preference < kept.preference);
}
