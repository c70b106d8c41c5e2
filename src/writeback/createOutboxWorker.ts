import type { Logger } from '../logging/createLogger';
import type { WritebackStore } from '../store/Store';
import type { SendOutcome, Writeback, WritebackTarget } from './Writeback';

/** Sends one stored write-back and says how it went; never throws on an upstream failure. */
export type WritebackSender = (writeback: Writeback) => Promise<SendOutcome>;

export interface OutboxWorker {
  /** Recovers write-backs a crash left in flight, then polls. */
  start(): Promise<void>;
  /** Something was stored: look now rather than at the next poll. */
  kick(): void;
  /** Resolves once a pass finds nothing it may attempt now (tests, shutdown). */
  idle(): Promise<void>;
  /** Lets the attempt in flight finish, then stops. */
  close(): Promise<void>;
}

export interface OutboxWorkerOptions {
  store: WritebackStore;
  senders: Partial<Record<WritebackTarget, WritebackSender>>;
  /** Runs before each pass (the Slack feed plans its messages here). */
  beforePass?: () => Promise<void>;
  logger: Logger;
  now: () => Date;
  /** Failed attempts (5xx, network errors, timeouts; not 429s) before giving up. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt, at most an hour. */
  retryBaseMs: number;
  /** How often the store is looked at; default 1 s. */
  pollMs?: number;
  /** A pass that failed on its own (the store, a bug), for self-monitoring. */
  onError?: (error: unknown) => void;
}

const MAX_BACKOFF_MS = 3_600_000;

/**
 * The outbox: takes due write-backs from the store one at a time, sends them
 * and stores the outcome. A 429 pauses its whole target for the wait the
 * answer named (one rate limit covers every request to it) and does not use
 * up attempts; 5xx and network errors back off exponentially with jitter; a
 * 4xx is final, kept with the answer's body.
 *
 * @example
 *   const outbox = createOutboxWorker({ store, senders, logger, now, maxAttempts: 12, retryBaseMs: 2000 });
 *   await outbox.start();
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const log = options.logger.child({ part: 'outbox' });
  const pollMs = options.pollMs ?? 1000;
  const pausedUntil = new Map<WritebackTarget, number>();

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  function schedule(delayMs: number) {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
    timer.unref();
  }

  function run() {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    startPass().finally(() => {
      if (again) {
        again = false;
        schedule(0);
      } else schedule(pollMs);
    });
  }

  /** One pass at a time; resolves with how many write-backs it attempted. */
  function startPass(): Promise<number> {
    const current = pass().catch((error: unknown) => {
      log.error({ err: error }, 'outbox pass failed');
      options.onError?.(error);
      return 0;
    });
    running = current.then(() => undefined);
    return current.finally(() => {
      running = null;
    });
  }

  async function pass(): Promise<number> {
    await options.beforePass?.();
    let attempted = 0;
    while (!closed) {
      const nowMs = options.now().getTime();
      const blocked = [...pausedUntil]
        .filter(([, until]) => until > nowMs)
        .map(([t]) => t);
      const writeback = await options.store.claimWriteback(nowMs, blocked);
      if (!writeback) break;
      await attempt(writeback);
      attempted += 1;
    }
    return attempted;
  }

  async function attempt(writeback: Writeback) {
    const wlog = log.child({
      writebackId: writeback.id,
      target: writeback.target,
      key: writeback.key,
      incidentIds: writeback.incidentIds,
      attempt: writeback.attempts,
    });
    const sender = options.senders[writeback.target];
    if (!sender) {
      wlog.warn(
        'no sender for this target any more (its setting was removed); giving up',
      );
      await options.store.settleWriteback(writeback.id, {
        state: 'failed',
        lastStatus: null,
        lastError: `${writeback.target} is not configured in this run of the service`,
        nextAttemptAtMs: null,
      });
      return;
    }

    let outcome: SendOutcome;
    try {
      outcome = await sender(writeback);
    } catch (error) {
      // A sender bug is still an outcome with a reason, retried like a network error.
      outcome = {
        kind: 'retry',
        status: null,
        retryAfterMs: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    const nowMs = options.now().getTime();

    if (outcome.kind === 'delivered') {
      wlog.debug({ status: outcome.status }, 'write-back delivered');
      await options.store.settleWriteback(writeback.id, {
        state: 'done',
        lastStatus: outcome.status,
        lastError: null,
        nextAttemptAtMs: null,
        result: outcome.result ?? null,
      });
      return;
    }

    if (outcome.kind === 'rejected') {
      wlog.warn(
        { status: outcome.status, error: outcome.error },
        'write-back refused; not retried',
      );
      await options.store.settleWriteback(writeback.id, {
        state: 'failed',
        lastStatus: outcome.status,
        lastError: outcome.error,
        nextAttemptAtMs: null,
      });
      return;
    }

    // Only the target's own failures use up attempts; a rate limit is a wait it asked for.
    const rateLimited = outcome.rateLimited === true || outcome.status === 429;
    const failures = writeback.failures + (rateLimited ? 0 : 1);
    if (!rateLimited && failures >= options.maxAttempts) {
      wlog.error({ status: outcome.status, error: outcome.error }, 'write-back given up');
      await options.store.settleWriteback(writeback.id, {
        state: 'failed',
        lastStatus: outcome.status,
        lastError: `gave up after ${failures} failed attempts: ${outcome.error}`,
        nextAttemptAtMs: null,
        targetFailure: true,
      });
      return;
    }

    // A 429 that names no wait still backs off with every try, not only failures.
    const waitMs =
      outcome.retryAfterMs ??
      backoffMs(rateLimited ? writeback.attempts : failures, options.retryBaseMs);
    if (outcome.retryAfterMs !== null) {
      pausedUntil.set(writeback.target, nowMs + outcome.retryAfterMs);
    }
    wlog.info(
      { status: outcome.status, error: outcome.error, waitMs },
      'write-back failed; will retry',
    );
    await options.store.settleWriteback(writeback.id, {
      state: 'pending',
      lastStatus: outcome.status,
      lastError: outcome.error,
      nextAttemptAtMs: nowMs + waitMs,
      targetFailure: !rateLimited,
    });
  }

  return {
    async start() {
      const recovered = await options.store.recoverInterruptedWritebacks();
      if (recovered > 0) {
        log.warn(
          { recovered },
          'write-backs were in flight at the last stop; trying them again',
        );
      }
      schedule(0);
    },
    kick() {
      schedule(0);
    },
    async idle() {
      // Passes until one finds nothing it may attempt now (due, and its target not paused).
      while (!closed) {
        while (running) await running;
        if ((await startPass()) === 0) return;
      }
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
    },
  };
}

/** Exponential with full jitter over the upper half: many failures do not retry in step. */
export function backoffMs(attempts: number, baseMs: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
