import { createLogger } from '../../src/logging/createLogger';
import type { AnalysisScope } from '../../src/store/Store';
import { createReanalysisScheduler } from '../../webhook/createReanalysisScheduler';
import { LogLines } from './LogLines';

const all: AnalysisScope = { kind: 'all' };
const summary = { records: 0, incidents: 0, written: 0, removed: 0 };

function setup(delayMs: number, job = jest.fn(async (_scope: AnalysisScope) => summary)) {
  const logs = new LogLines();
  const scheduler = createReanalysisScheduler({
    job,
    delayMs,
    logger: createLogger({ level: 'debug', destination: logs }),
  });
  return { scheduler, job, logs };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('createReanalysisScheduler', () => {
  it('coalesces a burst of requests into one run after the delay', async () => {
    const { scheduler, job } = setup(30);

    for (let i = 0; i < 10; i += 1) scheduler.schedule(all);
    expect(job).not.toHaveBeenCalled();
    await sleep(80);

    expect(job).toHaveBeenCalledTimes(1);
  });

  it('idle runs what is pending at once instead of waiting out the delay', async () => {
    const { scheduler, job } = setup(60_000);

    scheduler.schedule(all);
    await scheduler.idle();

    expect(job).toHaveBeenCalledTimes(1);
  });

  it('runs again for requests that arrived during a run, and idle waits for both', async () => {
    let release!: () => void;
    const job = jest.fn(async (_scope: AnalysisScope) => {
      if (job.mock.calls.length === 1)
        await new Promise<void>((done) => (release = done));
      return summary;
    });
    const { scheduler } = setup(1, job);

    scheduler.schedule(all);
    await sleep(20);
    scheduler.schedule(all);
    const idle = scheduler.idle();
    release();
    await idle;

    expect(job).toHaveBeenCalledTimes(2);
  });

  it('logs a failed run and stays usable', async () => {
    const job = jest
      .fn(async (_scope: AnalysisScope) => summary)
      .mockRejectedValueOnce(new Error('disk full'));
    const { scheduler, logs } = setup(1, job);

    scheduler.schedule(all);
    await scheduler.idle();
    scheduler.schedule(all);
    await scheduler.idle();

    expect(job).toHaveBeenCalledTimes(2);
    expect(logs.find((line) => line.msg === 're-analysis failed')).toHaveLength(1);
  });

  it('flushes on close and ignores requests after it', async () => {
    const { scheduler, job } = setup(60_000);

    scheduler.schedule(all);
    await scheduler.close();
    scheduler.schedule(all);
    await scheduler.idle();

    expect(job).toHaveBeenCalledTimes(1);
  });
});

describe('createReanalysisScheduler lag', () => {
  it('counts from the oldest request not yet served and falls to 0 after the run', async () => {
    let release!: () => void;
    const job = jest.fn(async (_scope: AnalysisScope) => {
      await new Promise<void>((done) => (release = done));
      return summary;
    });
    const scheduler = createReanalysisScheduler({
      job,
      delayMs: 1,
      restFactor: 0,
      logger: createLogger({ level: 'silent', destination: new LogLines() }),
    });
    expect(scheduler.lagMs()).toBe(0);

    const first = performance.now();
    scheduler.schedule(all);
    await sleep(30);
    const second = performance.now();
    scheduler.schedule(all);
    // The run started with the first request is still going: its age counts.
    expect(job).toHaveBeenCalledTimes(1);
    expect(scheduler.lagMs()).toBeGreaterThanOrEqual(second - first);

    release();
    await sleep(10);
    // The second request waits for a second run: the lag is its age now,
    // no more than the time since it was made (30 ms less than the first's).
    const lag = scheduler.lagMs();
    expect(lag).toBeLessThanOrEqual(performance.now() - second);
    expect(lag).toBeGreaterThan(0);
    release();
    await scheduler.idle();
    expect(scheduler.lagMs()).toBe(0);
  });
});
