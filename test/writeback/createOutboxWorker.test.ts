import { createLogger } from '../../src/logging/createLogger';
import { createSqliteStore } from '../../src/store/createSqliteStore';
import type { Store } from '../../src/store/Store';
import { backoffMs, createOutboxWorker } from '../../src/writeback/createOutboxWorker';
import type { SendOutcome, Writeback } from '../../src/writeback/Writeback';
import { LogLines } from '../webhook/LogLines';

const logger = createLogger({ level: 'silent', destination: new LogLines() });

async function storeWith(keys: string[], target: 'slack' | 'sentry_comment' = 'slack') {
  const store = await createSqliteStore({ path: ':memory:', logger });
  await store.applyAnalysis({
    upserts: [],
    removals: [],
    analyzedVersion: 0,
    writebacks: keys.map((key) => ({
      target,
      key,
      incidentIds: ['i1'],
      payload: { key },
      notBeforeMs: 0,
    })),
  });
  return store;
}

function worker(
  store: Store,
  send: (writeback: Writeback) => Promise<SendOutcome>,
  now: () => Date,
) {
  return createOutboxWorker({
    store,
    senders: { slack: send, sentry_comment: send },
    logger,
    now,
    maxAttempts: 3,
    retryBaseMs: 1000,
    pollMs: 10,
  });
}

describe('createOutboxWorker', () => {
  it('keeps a 4xx failed with its answer, attempted once', async () => {
    const store = await storeWith(['a']);
    let calls = 0;
    const outbox = worker(
      store,
      async () => {
        calls += 1;
        return { kind: 'rejected', status: 404, error: 'HTTP 404: no_service' };
      },
      () => new Date(),
    );
    await outbox.start();
    await outbox.idle();
    await outbox.close();

    expect(calls).toBe(1);
    expect(await store.listWritebacks('i1')).toEqual([
      expect.objectContaining({
        state: 'failed',
        attempts: 1,
        lastStatus: 404,
        lastError: 'HTTP 404: no_service',
      }),
    ]);
    await store.close();
  });

  it('retries a 5xx with backoff and gives up after the attempts allowed', async () => {
    const store = await storeWith(['a']);
    let clock = 0;
    const attemptsAt: number[] = [];
    const outbox = worker(
      store,
      async () => {
        attemptsAt.push(clock);
        return { kind: 'retry', status: 503, retryAfterMs: null, error: 'HTTP 503' };
      },
      () => new Date(clock),
    );
    await outbox.start();
    for (let step = 0; step < 50; step++) {
      await outbox.idle();
      clock += 500;
    }
    await outbox.close();

    expect(attemptsAt).toHaveLength(3);
    // Backoff: at least half of 1 s, then of 2 s, between attempts.
    expect((attemptsAt[1] ?? 0) - (attemptsAt[0] ?? 0)).toBeGreaterThanOrEqual(500);
    expect((attemptsAt[2] ?? 0) - (attemptsAt[1] ?? 0)).toBeGreaterThanOrEqual(1000);
    const [row] = await store.listWritebacks('i1');
    expect(row).toMatchObject({ state: 'failed', attempts: 3, lastStatus: 503 });
    expect(row?.lastError).toMatch(/^gave up after 3 failed attempts: HTTP 503/);
    await store.close();
  });

  it('pauses the whole target for the Retry-After of a 429, without using up attempts', async () => {
    const store = await storeWith(['a', 'b']);
    let clock = 1_000_000;
    const sent: [string, number][] = [];
    let limited = 5;
    const outbox = worker(
      store,
      async (writeback) => {
        sent.push([writeback.key, clock]);
        if (limited-- > 0)
          return { kind: 'retry', status: 429, retryAfterMs: 10_000, error: 'HTTP 429' };
        return { kind: 'delivered', status: 200 };
      },
      () => new Date(clock),
    );
    await outbox.start();
    for (let step = 0; step < 80; step++) {
      await outbox.idle();
      clock += 1000;
    }
    await outbox.close();

    // While paused, neither write-back is tried: attempts come 10 s apart.
    const times = sent.map(([, at]) => at);
    for (let i = 1; i < times.length; i++) {
      expect(
        (times[i] ?? 0) - (times[i - 1] ?? 0) === 0 ||
          (times[i] ?? 0) - (times[i - 1] ?? 0) >= 10_000,
      ).toBe(true);
    }
    const rows = await store.listWritebacks('i1');
    expect(rows.map((row) => row.state)).toEqual(['done', 'done']);
    expect(Math.max(...rows.map((row) => row.attempts))).toBeGreaterThan(3);
    await store.close();
  });

  it('counts neither 429s nor SDK hold-backs toward the cap: twelve waits, then three 503s give up', async () => {
    const store = await storeWith(['a']);
    let clock = 0;
    const outcomes: SendOutcome[] = [
      ...Array.from({ length: 10 }, (): SendOutcome => ({
        kind: 'retry',
        status: 429,
        retryAfterMs: 1000,
        error: 'HTTP 429',
        rateLimited: true,
      })),
      // The SDK held the event back while the intake's rate limit lasted.
      ...Array.from({ length: 2 }, (): SendOutcome => ({
        kind: 'retry',
        status: null,
        retryAfterMs: 1000,
        error: 'not sent: the SDK transport held it back',
        rateLimited: true,
      })),
    ];
    const states: string[] = [];
    const outbox = worker(
      store,
      async () =>
        outcomes.shift() ?? {
          kind: 'retry',
          status: 503,
          retryAfterMs: null,
          error: 'HTTP 503',
        },
      () => new Date(clock),
    );
    await outbox.start();
    for (let step = 0; step < 60; step++) {
      await outbox.idle();
      const [row] = await store.listWritebacks('i1');
      states.push(`${row?.state}:${row?.attempts}`);
      clock += 5000;
    }
    await outbox.close();

    // After the first 503 (the thirteenth attempt) it is still pending.
    expect(states).toContain('pending:13');
    const [row] = await store.listWritebacks('i1');
    expect(row).toMatchObject({
      state: 'failed',
      attempts: 15,
      failures: 3,
      lastStatus: 503,
    });
    expect(row?.lastError).toMatch(/^gave up after 3 failed attempts: HTTP 503/);
    await store.close();
  });

  it('sends a write-back once per key: a second plan with the same key adds nothing', async () => {
    const store = await storeWith(['a']);
    await store.applyAnalysis({
      upserts: [],
      removals: [],
      analyzedVersion: 0,
      writebacks: [
        { target: 'slack', key: 'a', incidentIds: ['i1'], payload: {}, notBeforeMs: 0 },
      ],
    });
    expect(await store.countWritebacks()).toMatchObject({ pending: 1 });
    await store.close();
  });

  it('puts back what a crash left in flight, marked interrupted', async () => {
    const store = await storeWith(['a']);
    const claimed = await store.claimWriteback(Date.now(), []);
    expect(claimed?.state).toBe('sending');

    expect(await store.recoverInterruptedWritebacks()).toBe(1);
    const [row] = await store.listWritebacks('i1');
    expect(row).toMatchObject({ state: 'pending', interrupted: true, attempts: 1 });
    await store.close();
  });

  it('backs off exponentially within [half, whole] of the ceiling, at most an hour', () => {
    for (let attempt = 1; attempt <= 30; attempt++) {
      const ceiling = Math.min(3_600_000, 1000 * 2 ** (attempt - 1));
      const wait = backoffMs(attempt, 1000);
      expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
      expect(wait).toBeLessThanOrEqual(ceiling);
    }
  });
});
