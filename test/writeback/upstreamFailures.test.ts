import { generatedStream } from '../fixtures/webhook/webhookFixtures';
import {
  deliver,
  getApi,
  removeTempDirs,
  type TestService,
} from '../webhook/serviceHarness';
import { type FakeSentry, startFakeSentry } from './fakeSentry';
import { type FakeSlack, startFakeSlack } from './fakeSlack';
import {
  drained,
  outboxCounts,
  outboxRows,
  startWritebackService,
  waitFor,
} from './writebackHarness';

describe('write-back while Sentry and Slack answer 429 and 5xx for a while', () => {
  let sentry: FakeSentry;
  let slack: FakeSlack;
  let running: TestService;

  beforeAll(async () => {
    sentry = await startFakeSentry();
    slack = await startFakeSlack();
    const resetAt = String(Math.ceil(Date.now() / 1000) + 1);
    sentry.scriptIntake([
      { status: 429, headers: { 'x-sentry-rate-limits': '1:error:organization' } },
      { status: 500, body: 'boom' },
      { status: 503 },
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 502 },
    ]);
    sentry.scriptRest([
      { status: 429, headers: { 'x-sentry-rate-limit-reset': resetAt } },
      { status: 500 },
      { status: 504 },
    ]);
    slack.script([
      { status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' },
      { status: 500 },
    ]);

    running = await startWritebackService({ sentry, slack });
    for (const line of generatedStream())
      await (await deliver(running.url, line)).arrayBuffer();
    await getApi(running.url, '/api/incidents');
    await waitFor(() => outboxCounts(running.dir), drained, 60_000);
  }, 90_000);

  afterAll(async () => {
    await running.service.close();
    await sentry.close();
    await slack.close();
    removeTempDirs();
  });

  it('loses nothing: every write-back ends done, after retries', () => {
    const counts = outboxCounts(running.dir);
    expect(counts.failed).toBe(0);
    const retried = outboxRows(running.dir).filter((row) => row.attempts > 1);
    expect(retried.length).toBeGreaterThanOrEqual(3);
    expect(
      retried.every((row) => row.state === 'done' || row.state === 'superseded'),
    ).toBe(true);
  });

  it('duplicates nothing: each event id accepted once, each comment posted once', () => {
    const refused = sentry.envelopes.filter((envelope) => envelope.status !== 200);
    expect(refused.map((envelope) => envelope.status)).toEqual([429, 500, 503, 429, 502]);
    const accepted = sentry.acceptedEvents().map((event) => event.event_id);
    expect(new Set(accepted).size).toBe(accepted.length);
    // Every refused event came again and was accepted.
    for (const envelope of refused)
      expect(accepted).toContain(envelope.envelope[0].event_id);

    const doneEvents = outboxRows(running.dir).filter(
      (row) => row.target === 'sentry_event' && row.state === 'done',
    );
    expect(accepted).toHaveLength(doneEvents.length);

    const texts = sentry.comments.map((comment) => `${comment.issueId} ${comment.text}`);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('resends the refused Slack messages once each', () => {
    expect(slack.received.length).toBe(slack.messages.length + 2);
    const doneSlack = outboxRows(running.dir).filter((row) => row.target === 'slack');
    expect(slack.messages).toHaveLength(doneSlack.length);
  });
});

describe('a write-back Sentry refuses with a 4xx', () => {
  let sentry: FakeSentry;
  let running: TestService;

  beforeAll(async () => {
    sentry = await startFakeSentry();
    sentry.scriptRest([{ status: 403, body: '{"detail":"You do not have permission"}' }]);
    running = await startWritebackService({ sentry });
    const line = generatedStream().find((bytes) =>
      bytes.includes('SESSION_REFRESH_FAILED'),
    );
    await (await deliver(running.url, line ?? Buffer.alloc(0))).arrayBuffer();
    await getApi(running.url, '/api/incidents');
    await waitFor(() => outboxCounts(running.dir), drained);
  });

  afterAll(async () => {
    await running.service.close();
    await sentry.close();
    removeTempDirs();
  });

  it('is kept failed with the answer, attempted once, and shown on the incident', async () => {
    const failed = outboxRows(running.dir).filter((row) => row.state === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      target: 'sentry_comment',
      attempts: 1,
      last_status: 403,
      last_error: 'HTTP 403: {"detail":"You do not have permission"}',
    });

    const listing = (await (await getApi(running.url, '/api/incidents')).json()) as {
      incidents: { id: string }[];
    };
    const incident = (await (
      await getApi(running.url, `/api/incidents/${listing.incidents[0]?.id}`)
    ).json()) as { writebacks: { target: string; state: string; lastError: string }[] };
    expect(incident.writebacks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          target: 'sentry_comment',
          state: 'failed',
          lastStatus: 403,
          lastError: expect.stringContaining('permission'),
        }),
      ]),
    );
  });
});
