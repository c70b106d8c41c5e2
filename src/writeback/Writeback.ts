/** Where a write-back goes. */
export type WritebackTarget = 'sentry_event' | 'sentry_comment' | 'slack';

/**
 * `pending` waits for its time; `sending` is in flight (found so after a
 * crash, it goes back to `pending`, marked interrupted); `done` and `failed`
 * are final; `superseded` was never sent because a newer version of the same
 * incident replaced it first.
 */
export type WritebackState = 'pending' | 'sending' | 'done' | 'failed' | 'superseded';

export const writebackStates: readonly WritebackState[] = [
  'pending',
  'sending',
  'done',
  'failed',
  'superseded',
];

/** A write-back to store before anything is attempted. */
export interface NewWriteback {
  target: WritebackTarget;
  /**
   * What makes it happen once: `sentry_event:<incident>:<version>`,
   * `sentry_comment:<incident>:<issue>`, `slack:<fingerprint>:<n>`. A second
   * write-back with a stored key is dropped.
   */
  key: string;
  /** The incidents it is about (one, or several for a Slack digest). */
  incidentIds: string[];
  /** Everything the sender needs, frozen when it was planned. */
  payload: unknown;
  /** Epoch ms before which it is not attempted. */
  notBeforeMs: number;
}

/** A stored write-back, as `GET /api/incidents/:id` shows it. */
export interface Writeback {
  id: number;
  target: WritebackTarget;
  key: string;
  /** The incidents it is about. */
  incidentIds: string[];
  state: WritebackState;
  attempts: number;
  /**
   * Attempts that failed by the target's fault (5xx, network errors,
   * timeouts): what `WRITEBACK_MAX_ATTEMPTS` caps. Rate-limit waits are not counted.
   */
  failures: number;
  /** HTTP status of the last attempt; null before one, or after a network error. */
  lastStatus: number | null;
  lastError: string | null;
  /** ISO time of the next attempt while pending. */
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the target answered when it worked (an event id, a comment id). */
  result: unknown;
  /** The last attempt was cut off by a stop or crash, its effect unknown. */
  interrupted: boolean;
  payload: unknown;
}

/** How one attempt ended, as the worker needs to know it. */
export type SendOutcome =
  | { kind: 'delivered'; status: number; result?: unknown }
  /** 429, 5xx, a network error or a timeout: try again, after `retryAfterMs` when the target said. */
  | {
      kind: 'retry';
      status: number | null;
      retryAfterMs: number | null;
      error: string;
      /**
       * The target asked us to wait (a 429, or the SDK holding an event back
       * while an intake rate limit lasts): not its failure, so not counted.
       */
      rateLimited?: boolean;
    }
  /** Any other 4xx: the request itself is wrong; kept with the answer, never retried. */
  | { kind: 'rejected'; status: number; error: string };

/** The outcome of an attempt and what the store makes of it. */
export interface WritebackSettlement {
  state: 'pending' | 'done' | 'failed';
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAtMs: number | null;
  result?: unknown;
  /** The attempt failed by the target's fault: counts toward `WRITEBACK_MAX_ATTEMPTS`. */
  targetFailure?: boolean;
}
