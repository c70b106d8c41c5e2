import type { Generated } from 'kysely';

/** The SQLite tables as Kysely sees them. */
export interface StoreSchema {
  deliveries: DeliveriesTable;
  records: RecordsTable;
  incidents: IncidentsTable;
  store_state: StoreStateTable;
  record_updates: RecordUpdatesTable;
  record_bundles: RecordBundlesTable;
  writebacks: WritebacksTable;
  writeback_incidents: WritebackIncidentsTable;
  slack_notes: SlackNotesTable;
  slack_feeds: SlackFeedsTable;
  service_secrets: ServiceSecretsTable;
}

export interface DeliveriesTable {
  id: Generated<number>;
  received_at: string;
  resource: string;
  action: string;
  /** Sentry's `Request-ID` (new on every attempt), or the id we gave the request. */
  request_id: string | null;
  /** What makes two deliveries the same (`event:<action>:<event_id>`, or the body's hash). */
  content_key: string;
  outcome: string;
  record_count: number;
}

export interface RecordsTable {
  id: Generated<number>;
  /** `t:` + the engine's dedupe key (`u:<event>:<index>`: an untagged record stored before migration 006). */
  dedupe_key: string;
  /** Epoch milliseconds, fractions kept; null when the record had none. */
  time: number | null;
  source: string | null;
  message_length: number;
  /** Tie-break among copies of equal length: the lowest is kept. */
  preference: string;
  /** The LogRecord as JSON. */
  json: string;
  delivery_id: number;
  /** Its place among the records its delivery stored (0 in rows older than the column). */
  position: Generated<number>;
}

/** The untagged records of one event (`u:<event>`), stored together. */
export interface RecordBundlesTable {
  id: Generated<number>;
  bundle_key: string;
  delivery_id: number;
  /** `[position, LogRecord]` pairs as JSON, in place order. */
  json: string;
}

export interface IncidentsTable {
  id: string;
  user: string;
  cause: string;
  status: string;
  fingerprint: string;
  first_seen: string | null;
  last_seen: string | null;
  /** `last_seen` in epoch ms, or -1 when unknown: the listing's sort key. */
  last_seen_ms: number;
  superseded_by: string | null;
  /** The Incident as JSON (SPEC §6 shape). */
  json: string;
  updated_at: string;
}

/** A stored record replaced by a longer copy (its dedupe key), in order. */
export interface RecordUpdatesTable {
  seq: Generated<number>;
  dedupe_key: string;
}

export interface StoreStateTable {
  key: string;
  value: number;
}

export interface WritebacksTable {
  id: Generated<number>;
  target: string;
  /** Unique: what makes the write-back happen once. */
  key: string;
  state: string;
  attempts: number;
  /** Attempts that failed by the target's fault (5xx, no answer); 429s are not counted. */
  failures: number;
  /** Epoch ms of the next attempt while pending. */
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  /** 1 when an attempt was in flight at a stop or crash. */
  interrupted: number;
  payload: string;
  result: string | null;
  created_at: string;
  updated_at: string;
}

export interface WritebackIncidentsTable {
  writeback_id: number;
  incident_id: string;
}

export interface SlackNotesTable {
  incident_id: string;
  version: string;
  fingerprint: string;
  user: string;
  noted_at: number;
  /** The write-back of the Slack message that told about it; null while waiting. */
  writeback_id: number | null;
}

export interface SlackFeedsTable {
  fingerprint: string;
  first_noted_at: number;
  last_message_at: number | null;
  messages: number;
}

export interface ServiceSecretsTable {
  name: string;
  value: string;
  created_at: string;
}
