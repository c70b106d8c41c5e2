import { createLogger } from '../../src/logging/createLogger';
import { createIncidentLinks } from '../../src/links/createIncidentLinks';
import { createIncidentReporter } from '../../src/sentry/createIncidentReporter';
import { createSentryApi } from '../../src/sentry/createSentryApi';
import { createSecretScrubber } from '../../src/sentry/createSecretScrubber';
import { initSelfMonitoring } from '../../src/sentry/initSelfMonitoring';
import { createSlackNotifier } from '../../src/slack/createSlackNotifier';
import { LogLines } from '../webhook/LogLines';
import { API_TOKEN, type FakeSentry, ORG, startFakeSentry } from './fakeSentry';
import { type FakeSlack, startFakeSlack } from './fakeSlack';
import { waitFor } from './writebackHarness';

const logger = createLogger({ level: 'silent', destination: new LogLines() });
const now = () => new Date();

describe('SENTRY_DSN beside Slack and Sentry write-back', () => {
  let monitor: FakeSentry;
  let sentry: FakeSentry;
  let slack: FakeSlack;

  beforeAll(async () => {
    monitor = await startFakeSentry({ publicKey: 'monitorkey' });
    sentry = await startFakeSentry({ publicKey: 'incidentskey' });
    slack = await startFakeSlack();
  });

  afterAll(async () => {
    await monitor.close();
    await sentry.close();
    await slack.close();
  });

  it('sends an error captured after Slack, Sentry and link requests with no webhook path, token, signature or DSN key in its breadcrumbs', async () => {
    // The secrets startService names; the path pattern alone must catch the Slack URL too.
    const selfMonitor = initSelfMonitoring(monitor.dsn, logger, [API_TOKEN, sentry.dsn]);
    try {
      // What the service does between two errors: each request leaves an HTTP breadcrumb.
      const notifier = createSlackNotifier({ webhookUrl: slack.url, fetch, logger, now });
      expect(await notifier.send({ text: 'hello' })).toMatchObject({ kind: 'delivered' });
      const reporter = createIncidentReporter({ dsn: sentry.dsn, fetch, logger, now });
      await reporter.send('a'.repeat(32), { message: 'incident' });
      await reporter.close();
      const api = createSentryApi({
        baseUrl: sentry.url,
        token: API_TOKEN,
        org: ORG,
        fetch,
        logger,
        now,
      });
      await api.commentTexts('1');
      const links = createIncidentLinks({
        publicUrl: sentry.url,
        secret: 'link-secret-value',
        ttlMs: 60_000,
        now,
      });
      await (await fetch(links.urlFor('inc1'))).arrayBuffer();

      selfMonitor.captureError(new Error(`outbox pass failed posting to ${slack.url}`), {
        authorization: `Bearer ${API_TOKEN}`,
      });
      const errors = await waitFor(
        () => monitor.acceptedEvents(),
        (events) => events.length > 0,
        10_000,
      );

      const event = JSON.stringify(errors[0]);
      // The SDK did record the outbound requests: the scrubbed crumbs are there.
      expect(event).toContain('/services/[redacted]');
      expect(event).toContain('sig=[redacted]');
      for (const secret of [
        '/services/T000/B000/XXXX',
        'XXXX',
        API_TOKEN,
        'incidentskey',
        'monitorkey',
      ]) {
        expect(event).not.toContain(secret);
      }
      expect(event).not.toMatch(/sig=\d/);
    } finally {
      await selfMonitor.close();
    }
  });
});

describe('createSecretScrubber', () => {
  const scrub = createSecretScrubber(['configured-secret-value']);

  it.each([
    [
      'https://hooks.slack.com/services/T0AB/B0CD/abcDEF123',
      'https://hooks.slack.com/[redacted]',
    ],
    [
      'https://hooks.slack.com/workflows/T0AB/A0CD/123/xyz',
      'https://hooks.slack.com/[redacted]',
    ],
    [
      'https://lens.example.com/incidents/ab?sig=1796.abc-_x',
      'https://lens.example.com/incidents/ab?sig=[redacted]',
    ],
    [
      '/api/1/envelope/?sentry_version=7&sentry_key=abc123',
      '/api/1/envelope/?sentry_version=7&sentry_key=[redacted]',
    ],
    [
      'https://0123abcd@o1.ingest.sentry.io/4509',
      'https://[redacted]@o1.ingest.sentry.io/4509',
    ],
    ['Authorization: Bearer sntrys_abc.def', 'Authorization: Bearer [redacted]'],
    ['token configured-secret-value here', 'token [redacted] here'],
    ['Token rotado - User: x', 'Token rotado - User: x'],
  ])('scrubs %s', (text, scrubbed) => {
    expect(scrub.text(text)).toBe(scrubbed);
  });

  it('blanks secret headers whatever their case', () => {
    expect(
      scrub.event({
        request: {
          headers: { Authorization: 'x', 'Sentry-Hook-Signature': 'y', accept: 'z' },
        },
      }),
    ).toEqual({
      request: {
        headers: {
          Authorization: '[redacted]',
          'Sentry-Hook-Signature': '[redacted]',
          accept: 'z',
        },
      },
    });
  });
});
