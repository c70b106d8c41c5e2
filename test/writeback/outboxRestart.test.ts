import { generatedStream } from '../fixtures/webhook/webhookFixtures';
import {
  databasePathIn,
  deliver,
  getApi,
  makeTempDir,
  removeTempDirs,
  SECRET,
  TOKEN,
} from '../webhook/serviceHarness';
import { API_TOKEN, type FakeSentry, ORG, startFakeSentry } from './fakeSentry';
import { type FakeSlack, startFakeSlack } from './fakeSlack';
import { type ChildService, spawnService } from './support/spawnService';
import { drained, outboxCounts, outboxRows, waitFor } from './writebackHarness';

jest.setTimeout(120_000);

describe('the outbox across a killed service', () => {
  let sentry: FakeSentry;
  let slack: FakeSlack;
  const children: ChildService[] = [];

  beforeAll(async () => {
    sentry = await startFakeSentry();
    slack = await startFakeSlack();
  });

  afterAll(async () => {
    for (const child of children) await child.kill();
    await sentry.close();
    await slack.close();
    removeTempDirs();
  });

  it('finishes after SIGKILL mid-run and a restart: nothing lost, only what was in flight sent again, under its own id', async () => {
    const dir = makeTempDir();
    const env: NodeJS.ProcessEnv = {
      PORT: '0',
      DATABASE_URL: `sqlite:${databasePathIn(dir)}`,
      SENTRY_CLIENT_SECRET: SECRET,
      LOGOUT_LENS_API_TOKEN: TOKEN,
      SENTRY_INCIDENTS_DSN: sentry.dsn,
      SENTRY_API_URL: sentry.url,
      SENTRY_AUTH_TOKEN: API_TOKEN,
      SENTRY_ORG: ORG,
      SLACK_WEBHOOK_URL: slack.url,
      SLACK_GROUP_WAIT: '100ms',
      SLACK_GROUP_INTERVAL: '300ms',
      SLACK_REPEAT_INTERVAL: '600ms',
      WRITEBACK_RETRY_BASE: '50ms',
    };

    // 1. A slow Sentry, so the outbox is mid-way when the process dies.
    sentry.setDelay(120);
    const first = await spawnService(env, dir);
    children.push(first);
    for (const line of generatedStream()) {
      await (await deliver(first.url, line)).arrayBuffer();
    }
    await waitFor(
      () => sentry.acceptedEvents().length,
      (n) => n >= 3,
      30_000,
    );
    await first.kill();

    const left = outboxCounts(dir);
    expect(left.pending + left.sending).toBeGreaterThan(0);
    const eventIdOf = (row: { payload: string }) =>
      (JSON.parse(row.payload) as { eventId: string }).eventId;
    const inFlight = new Set(
      outboxRows(dir)
        .filter((row) => row.target === 'sentry_event' && row.state === 'sending')
        .map(eventIdOf),
    );

    // 2. The next start recovers what was in flight and finishes.
    sentry.setDelay(0);
    const second = await spawnService(env, dir);
    children.push(second);
    await getApi(second.url, '/api/incidents');
    const counts = await waitFor(() => outboxCounts(dir), drained, 60_000);
    expect(counts.failed).toBe(0);

    const rows = outboxRows(dir);
    const doneEvents = rows.filter(
      (row) => row.target === 'sentry_event' && row.state === 'done',
    );
    const acceptedIds = sentry.acceptedEvents().map((event) => event.event_id);
    // Every done event arrived, under its own id, and nothing else did.
    expect(new Set(acceptedIds)).toEqual(new Set(doneEvents.map(eventIdOf)));
    // An event Sentry took just before the kill, whose answer the process never
    // recorded, is sent again after the restart under the same id (Sentry keeps
    // one event per id); only those, in flight at the kill, may arrive twice.
    const repeated = acceptedIds.filter((id, at) => acceptedIds.indexOf(id) !== at);
    for (const id of repeated) expect([...inFlight]).toContain(id);
    expect(new Set(repeated).size).toBe(repeated.length);

    const pairs = sentry.comments.map(
      (comment) => `${comment.issueId} ${/incident `([^`]+)`/.exec(comment.text)?.[1]}`,
    );
    expect(new Set(pairs).size).toBe(pairs.length);
    const doneComments = rows.filter(
      (row) => row.target === 'sentry_comment' && row.state === 'done',
    );
    expect(pairs).toHaveLength(doneComments.length);

    const incidents = (
      (await (await getApi(second.url, '/api/incidents?limit=1000')).json()) as {
        incidents: { id: string }[];
      }
    ).incidents;
    expect(incidents).toHaveLength(18);

    // Slack has no idempotency key: a message in flight at the kill may repeat, at most once.
    const slackDone = rows.filter(
      (row) => row.target === 'slack' && row.state === 'done',
    );
    expect(slack.messages.length - slackDone.length).toBeGreaterThanOrEqual(0);
    expect(slack.messages.length - slackDone.length).toBeLessThanOrEqual(1);
  });
});
