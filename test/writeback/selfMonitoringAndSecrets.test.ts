import { createLogger } from '../../src/logging/createLogger';
import { startService } from '../../webhook/startService';
import { webhookFixture } from '../fixtures/webhook/webhookFixtures';
import {
  databasePathIn,
  deliver,
  getApi,
  LogLines,
  makeTempDir,
  removeTempDirs,
  SECRET,
  TOKEN,
} from '../webhook/serviceHarness';
import { type FakeSentry, startFakeSentry } from './fakeSentry';
import { startFakeSlack } from './fakeSlack';
import {
  drained,
  outboxCounts,
  startWritebackService,
  waitFor,
} from './writebackHarness';

afterAll(removeTempDirs);

describe('LINK_SECRET unset', () => {
  it('generates one at the first start and keeps it, so links survive a restart', async () => {
    const dir = makeTempDir();
    const slack = await startFakeSlack();
    const env = { SLACK_GROUP_WAIT: '0s', PUBLIC_URL: 'https://lens.example.com' };
    const first = await startWritebackService({ dir, slack, env });
    await deliver(first.url, webhookFixture('refreshFailed'));
    await getApi(first.url, '/api/incidents');
    await waitFor(() => outboxCounts(dir), drained);
    await first.service.close();
    await slack.close();

    const link = /<(https:\/\/lens\.example\.com\/incidents\/[^|>]+)\|/.exec(
      JSON.stringify(slack.messages[0]),
    )?.[1];
    expect(link).toBeDefined();

    const second = await startWritebackService({ dir, env });
    try {
      const path = (link ?? '').replace('https://lens.example.com', second.url);
      const response = await fetch(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('+573008369007');
    } finally {
      await second.service.close();
    }
  });
});

describe('SENTRY_DSN (self-monitoring)', () => {
  let sentry: FakeSentry;

  beforeAll(async () => {
    sentry = await startFakeSentry();
  });

  afterAll(async () => {
    await sentry.close();
  });

  it('reports the service’s own 500s to SENTRY_DSN, apart from incident events', async () => {
    const dir = makeTempDir();
    const service = await startService({
      env: {
        PORT: '0',
        DATABASE_URL: `sqlite:${databasePathIn(dir)}`,
        SENTRY_CLIENT_SECRET: SECRET,
        LOGOUT_LENS_API_TOKEN: TOKEN,
        SENTRY_DSN: sentry.dsn,
      },
      cwd: dir,
      logger: createLogger({ level: 'silent', destination: new LogLines() }),
      recordsFromBody: () => {
        throw new Error('reader exploded');
      },
    });
    try {
      const response = await deliver(
        `http://127.0.0.1:${service.port}`,
        webhookFixture('refreshFailed'),
      );
      expect(response.status).toBe(500);

      const errors = await waitFor(
        () => sentry.acceptedEvents(),
        (events) => events.length > 0,
        10_000,
      );
      const exception = (errors[0] as { exception: { values: { value: string }[] } })
        .exception;
      expect(exception.values[0]?.value).toBe('reader exploded');
    } finally {
      await service.close();
    }
  });
});
