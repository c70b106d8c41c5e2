import type { Database, Statement } from 'better-sqlite3';

import type { RecordRow } from './packRecords';
import type { NewDelivery, SaveDeliveryResult } from './Store';

/** The statements `saveDelivery` runs, prepared once per connection. */
export interface DeliveryStatements {
  insertDelivery: Statement;
  deliveryId: Statement;
  isStored: Statement;
  upsertRecord: Statement;
  noteUpdate: Statement;
  insertBundle: Statement;
  hasRecord: Statement;
  bumpRecordsVersion: Statement;
}

/**
 * Prepares the delivery statements on `sqlite`. They bypass Kysely: the
 * webhook's hot path ran a query builder per record, which showed in the
 * profile; these are compiled once.
 */
export function prepareDeliveryStatements(sqlite: Database): DeliveryStatements {
  return {
    insertDelivery: sqlite.prepare(
      `insert into deliveries
         (received_at, resource, action, request_id, content_key, outcome, record_count)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (content_key) do nothing
       returning id`,
    ),
    deliveryId: sqlite.prepare('select id from deliveries where content_key = ?'),
    isStored: sqlite.prepare('select 1 from deliveries where content_key = ?').pluck(),
    // A copy cut short (a breadcrumb) never replaces a longer one.
    upsertRecord: sqlite.prepare(
      `insert into records
         (dedupe_key, time, source, message_length, preference, json, delivery_id, position)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (dedupe_key) do update set
         time = excluded.time,
         source = excluded.source,
         message_length = excluded.message_length,
         preference = excluded.preference,
         json = excluded.json
       where excluded.message_length > records.message_length
          or (excluded.message_length = records.message_length
              and excluded.preference < records.preference)`,
    ),
    noteUpdate: sqlite.prepare('insert into record_updates (dedupe_key) values (?)'),
    // An event's untagged records come the same in every delivery of it: the first stays.
    insertBundle: sqlite.prepare(
      `insert into record_bundles (bundle_key, delivery_id, json) values (?, ?, ?)
       on conflict (bundle_key) do nothing`,
    ),
    hasRecord: sqlite.prepare('select 1 from records where dedupe_key = ?').pluck(),
    bumpRecordsVersion: sqlite.prepare(
      `update store_state set value = value + 1 where key = 'records_version'`,
    ),
  };
}

/**
 * Stores one delivery and its records; the caller holds the transaction. A
 * content key stored before makes it a duplicate; a record whose key is
 * stored keeps the longer copy (a breadcrumb cut short never replaces the
 * whole line), and any change bumps `records_version` so the analysis knows
 * to run.
 */
export function saveDelivery(
  statements: DeliveryStatements,
  delivery: NewDelivery,
  records: RecordRow[],
): SaveDeliveryResult {
  const inserted = statements.insertDelivery.get(
    delivery.receivedAt,
    delivery.resource,
    delivery.action,
    delivery.requestId,
    delivery.contentKey,
    delivery.outcome,
    records.length,
  ) as { id: number } | undefined;

  if (!inserted) {
    const existing = statements.deliveryId.get(delivery.contentKey) as { id: number };
    return { status: 'duplicate', deliveryId: existing.id };
  }

  const kept = longestPerKey(records);
  const rows: { row: RecordRow; position: number }[] = [];
  const bundles = new Map<string, { row: RecordRow; position: number }[]>();
  for (let position = 0; position < kept.length; position++) {
    const row = kept[position]!;
    const bundle = bundleKeyOf(row.key);
    if (bundle === null) {
      rows.push({ row, position });
      continue;
    }
    const entries = bundles.get(bundle);
    if (entries) entries.push({ row, position });
    else bundles.set(bundle, [{ row, position }]);
  }

  for (const [bundle, entries] of bundles) {
    // Stored one row each before migration 006: this event's records stay so.
    if (statements.hasRecord.get(entries[0]!.row.key) !== undefined) {
      rows.push(...entries);
      bundles.delete(bundle);
    }
  }

  let recordsChanged = 0;
  // An upsert that updates leaves the connection's last insert rowid as it
  // was; one that inserts moves it. (A new row that happens to take the
  // number before is noted too, which costs the reader one extra read.)
  let lastRowid: number | bigint = inserted.id;
  for (const { row, position } of rows) {
    const { key } = row;
    const result = statements.upsertRecord.run(
      key,
      row.time,
      row.source,
      row.messageLength,
      row.preference,
      row.json,
      inserted.id,
      position,
    );
    if (result.changes === 0) continue;
    recordsChanged += 1;
    if (result.lastInsertRowid !== lastRowid) {
      lastRowid = result.lastInsertRowid;
    } else {
      lastRowid = statements.noteUpdate.run(key).lastInsertRowid;
    }
  }

  // After the rows: an insert here moves the last insert rowid read above.
  for (const [bundle, entries] of bundles) {
    // The JSON of `BundledRecord[]`, put together from the records' own JSON.
    const json = `[${entries.map(({ row, position }) => `[${position},${row.json}]`).join(',')}]`;
    const result = statements.insertBundle.run(bundle, inserted.id, json);
    if (result.changes > 0) recordsChanged += entries.length;
  }

  if (recordsChanged > 0) statements.bumpRecordsVersion.run();
  return { status: 'saved', deliveryId: inserted.id, recordsChanged };
}

/** Within one delivery, copies sharing a key keep the one the table would keep. */
function longestPerKey(records: RecordRow[]): RecordRow[] {
  const byKey = new Map<string, RecordRow>();
  for (const row of records) {
    const kept = byKey.get(row.key);
    if (!kept || isPreferred(row, kept)) byKey.set(row.key, row);
  }
  return [...byKey.values()];
}

function isPreferred(candidate: RecordRow, kept: RecordRow): boolean {
  const lengths = candidate.messageLength - kept.messageLength;
  return lengths > 0 || (lengths === 0 && candidate.preference < kept.preference);
}

/**
 * The bundle an untagged record (`u:<event>:<index>`) is stored in,
 * `u:<event>`; null for a tagged one, which has a row of its own.
 */
function bundleKeyOf(key: string): string | null {
  if (!key.startsWith('u:')) return null;
  return key.slice(0, key.lastIndexOf(':'));
}
