import { createLogger } from '../../src/logging/createLogger';
import { createIncidentReporter } from '../../src/sentry/createIncidentReporter';
import { LogLines } from '../webhook/LogLines';
import { type FakeSentry, startFakeSentry } from './fakeSentry';

const logger = createLogger({ level: 'silent', destination: new LogLines() });
const id = (n: number) => String(n).padStart(32, '0');

describe('createIncidentReporter', () => {
  let sentry: FakeSentry;

  beforeEach(async () => {
    sentry = await startFakeSentry();
  });

  afterEach(async () => {
    await sentry.close();
  });

  it('sends through the real SDK: plain small envelopes, gzipped big ones, fingerprint and frames kept', async () => {
    const reporter = createIncidentReporter({
      dsn: sentry.dsn,
      fetch,
      logger,
      now: () => new Date(),
    });
    const event = {
      message: 'Sessions revoked',
      level: 'error' as const,
      fingerprint: ['logout-lens', 'fp'],
      exception: {
        values: [
          {
            type: 'BackendRevocation',
            value: 'Sessions revoked',
            stacktrace: {
              frames: [
                {
                  filename: 'a.py',
                  function: 'f',
                  lineno: 3,
                  in_app: true,
                  context_line: 'g()',
                },
              ],
            },
          },
        ],
      },
    };

    expect(await reporter.send(id(1), event)).toMatchObject({
      kind: 'delivered',
      status: 200,
    });
    const big = {
      ...event,
      contexts: { logout_incident: { timeline: ['x'.repeat(40_000)] } },
    };
    expect(await reporter.send(id(2), big)).toMatchObject({
      kind: 'delivered',
      status: 200,
    });
    await reporter.close();

    expect(sentry.envelopes.map((e) => [e.envelope[0].event_id, e.gzipped])).toEqual([
      [id(1), false],
      [id(2), true],
    ]);
    const [first] = sentry.acceptedEvents() as {
      fingerprint: string[];
      exception: { values: { stacktrace: { frames: unknown[] } }[] };
    }[];
    expect(first?.fingerprint).toEqual(['logout-lens', 'fp']);
    expect(first?.exception.values[0]?.stacktrace.frames).toEqual([
      expect.objectContaining({
        filename: 'a.py',
        lineno: 3,
        in_app: true,
        context_line: 'g()',
      }),
    ]);
  });

  it('does not drop a second event identical to the first (no dedupe)', async () => {
    const reporter = createIncidentReporter({
      dsn: sentry.dsn,
      fetch,
      logger,
      now: () => new Date(),
    });
    const event = { message: 'same', fingerprint: ['logout-lens', 'fp'] };
    await reporter.send(id(3), event);
    await reporter.send(id(4), event);
    await reporter.close();
    expect(sentry.acceptedEvents()).toHaveLength(2);
  });

  it('reports 429 with the wait, then what the SDK held back while the limit runs', async () => {
    sentry.scriptIntake([
      { status: 429, headers: { 'x-sentry-rate-limits': '30:error:organization' } },
    ]);
    const reporter = createIncidentReporter({
      dsn: sentry.dsn,
      fetch,
      logger,
      now: () => new Date(),
    });

    expect(await reporter.send(id(5), { message: 'a' })).toMatchObject({
      kind: 'retry',
      status: 429,
      retryAfterMs: 30_000,
    });
    const held = await reporter.send(id(6), { message: 'b' });
    expect(held).toMatchObject({ kind: 'retry', status: null });
    expect(held.kind === 'retry' && held.retryAfterMs).toBeGreaterThan(25_000);
    expect(sentry.envelopes).toHaveLength(1);
    await reporter.close();
  });

  it('reports a 4xx with its body and a refused connection as a network error', async () => {
    sentry.scriptIntake([{ status: 400, body: '{"detail":"invalid event"}' }]);
    const reporter = createIncidentReporter({
      dsn: sentry.dsn,
      fetch,
      logger,
      now: () => new Date(),
    });
    expect(await reporter.send(id(7), { message: 'a' })).toEqual({
      kind: 'rejected',
      status: 400,
      error: 'HTTP 400: {"detail":"invalid event"}',
    });
    await reporter.close();

    const nowhere = createIncidentReporter({
      dsn: 'http://key@127.0.0.1:9/1',
      fetch,
      logger,
      now: () => new Date(),
    });
    expect(await nowhere.send(id(8), { message: 'a' })).toMatchObject({
      kind: 'retry',
      status: null,
      error: expect.stringMatching(/fetch failed/),
    });
    await nowhere.close();
  });
});
