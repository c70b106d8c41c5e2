import type { Cause, Incident, IncidentStatus } from '../model/Incident';
import type { LogRecord } from '../model/LogRecord';
import type { SlackFeedState, SlackNote } from '../slack/SlackNote';
import type {
  NewWriteback,
  Writeback,
  WritebackSettlement,
  WritebackState,
  WritebackTarget,
} from '../writeback/Writeback';

/**
 * Which part of the data an analysis covers. Everything, for now.
 *
 * TODO(scaling): add `{ kind: 'users'; users: string[] }` so a delivery
 * re-analyses only the users its records name (plus the users their JTIs lead
 * to); the store's loaders already take the scope to honour it.
 */
export type AnalysisScope = { kind: 'all' };

export interface NewDelivery {
  receivedAt: string;
  resource: string;
  action: string;
  requestId: string | null;
  /** Two deliveries with the same key are the same delivery (a retry, a second alert rule). */
  contentKey: string;
  outcome: 'stored' | 'ignored';
}

/** A record with the key that finds its other copies. */
export interface KeyedRecord {
  key: string;
  record: LogRecord;
  /**
   * Among copies of equal length, the one with the lowest preference is kept,
   * so the stored copy does not depend on the order deliveries arrive in.
   */
  preference: string;
}

export type SaveDeliveryResult =
  | { status: 'saved'; deliveryId: number; recordsChanged: number }
  | { status: 'duplicate'; deliveryId: number };

/** A keyset position in the incident listing (newest `last_seen` first). */
export interface IncidentCursor {
  lastSeenMs: number;
  id: string;
}

export interface IncidentQuery {
  limit: number;
  after: IncidentCursor | null;
  cause?: Cause;
  status?: IncidentStatus;
  user?: string;
  /** Epoch ms; only incidents last seen at or after it. */
  since?: number;
  includeSuperseded: boolean;
}

export interface IncidentPage {
  incidents: Incident[];
  next: IncidentCursor | null;
}

/** The records an analysis reads, and the version of the record set it saw. */
export interface RecordSnapshot {
  records: LogRecord[];
  version: number;
}

/** What one analysis changes: incidents to write whole, ids to drop. */
export interface AnalysisUpdate {
  upserts: Incident[];
  removals: string[];
  /** The record version the analysis read; later records stay pending. */
  analyzedVersion: number;
  /**
   * Write-backs of what changed, committed with the incidents so that none is
   * lost to a crash between the two. Keys already stored are skipped.
   */
  writebacks?: NewWriteback[];
  /** Incident versions the Slack feed has to tell about. */
  slackNotes?: SlackNote[];
}

export interface DeliveryStore {
  /**
   * Commits the delivery and its records in one transaction. A delivery whose
   * content key is already stored changes nothing. Records sharing a key keep
   * the longest message.
   */
  saveDelivery(
    delivery: NewDelivery,
    records: KeyedRecord[],
  ): Promise<SaveDeliveryResult>;
  /**
   * True when a delivery with this content key is committed: a repeat can be
   * answered without reading its records. False proves nothing (the first
   * copy may be in a group not committed yet); `saveDelivery` decides then.
   */
  isStoredDelivery(contentKey: string): Promise<boolean>;
}

export interface RecordStore {
  /** The stored records, sorted by time (null times first), then by arrival. */
  loadRecords(scope: AnalysisScope): Promise<RecordSnapshot>;
  /** True when records changed since the last stored analysis (a crash between the two). */
  analysisPending(): Promise<boolean>;
}

export interface IncidentStore {
  listIncidents(query: IncidentQuery): Promise<IncidentPage>;
  getIncident(id: string): Promise<Incident | null>;
  /** Every stored incident in the scope, superseded ones included. */
  loadIncidents(scope: AnalysisScope): Promise<Incident[]>;
  applyAnalysis(update: AnalysisUpdate): Promise<void>;
  /** Current (not superseded) incidents per cause. */
  countIncidentsByCause(): Promise<Map<Cause, number>>;
}

/** A Slack message planned from waiting notes, committed in one step. */
export interface SlackMessagePlan {
  fingerprint: string;
  notes: Pick<SlackNote, 'incidentId' | 'version'>[];
  writeback: NewWriteback;
  atMs: number;
}

export interface WritebackStore {
  /**
   * Takes the oldest due pending write-back whose target is not blocked,
   * marks it `sending` and counts the attempt; null when none is due.
   */
  claimWriteback(nowMs: number, blocked: WritebackTarget[]): Promise<Writeback | null>;
  settleWriteback(id: number, settlement: WritebackSettlement): Promise<void>;
  /** After a crash or stop: `sending` goes back to `pending`, marked interrupted. */
  recoverInterruptedWritebacks(): Promise<number>;
  /** Epoch ms of the earliest pending write-back, or null. */
  nextWritebackDueMs(): Promise<number | null>;
  listWritebacks(incidentId: string): Promise<Writeback[]>;
  countWritebacks(): Promise<Record<WritebackState, number>>;
  /** Slack notes not yet in a message, oldest first. */
  pendingSlackNotes(): Promise<SlackNote[]>;
  slackFeeds(): Promise<Map<string, SlackFeedState>>;
  recordSlackMessage(plan: SlackMessagePlan): Promise<void>;
  /** Closes notes that will never be in a message (their incidents are gone). */
  dropSlackNotes(notes: Pick<SlackNote, 'incidentId' | 'version'>[]): Promise<void>;
  /** The secret stored under `name`, made with `create` and stored on first use. */
  secret(name: string, create: () => string): Promise<string>;
}

/** Everything the service keeps; SQLite today, PostgreSQL behind the same interface later. */
export interface Store extends DeliveryStore, RecordStore, IncidentStore, WritebackStore {
  close(): Promise<void>;
}
