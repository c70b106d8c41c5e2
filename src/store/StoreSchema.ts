import type { Generated } from 'kysely';

/** The SQLite tables as Kysely sees them. */
export interface StoreSchema {
  deliveries: DeliveriesTable;
  records: RecordsTable;
  incidents: IncidentsTable;
  store_state: StoreStateTable;
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
  /** `t:` + the engine's dedupe key, or `u:<event>:<index>` for an untagged record. */
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

export interface StoreStateTable {
  key: string;
  value: number;
}
