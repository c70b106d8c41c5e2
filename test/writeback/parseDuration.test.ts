import { parseDuration } from '../../src/config/parseDuration';
import { parseServiceConfig } from '../../src/config/serviceConfig';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['4h', 14_400_000],
    ['7d', 604_800_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['0', 0],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', 'm', '5 minutes', '-1s', '5m junk'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('the write-back settings', () => {
  it('default to Alertmanager’s intervals, a 7-day link TTL and the service’s own port', () => {
    expect(parseServiceConfig({ PORT: '9000' }).writeback).toMatchObject({
      slackGroupWaitMs: 30_000,
      slackGroupIntervalMs: 300_000,
      slackRepeatIntervalMs: 14_400_000,
      linkTtlMs: 604_800_000,
      publicUrl: 'http://localhost:9000',
      sentryApiUrl: 'https://sentry.io',
      reportExpected: false,
    });
  });

  it('reads every write-back setting', () => {
    const config = parseServiceConfig({
      SENTRY_DSN: 'https://key@o1.ingest.sentry.io/11',
      SENTRY_INCIDENTS_DSN: 'https://key@o1.ingest.sentry.io/12',
      SENTRY_REPORT_EXPECTED: 'true',
      SENTRY_API_URL: 'https://sentry.example.com/',
      SENTRY_AUTH_TOKEN: 'tok',
      SENTRY_ORG: 'acme',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
      SLACK_GROUP_WAIT: '10s',
      SLACK_GROUP_INTERVAL: '1m',
      SLACK_REPEAT_INTERVAL: '12h',
      PUBLIC_URL: 'https://lens.example.com/',
      LINK_TTL: '1d',
      LINK_SECRET: 'secret',
    });
    expect(config.sentryDsn).toBe('https://key@o1.ingest.sentry.io/11');
    expect(config.writeback).toMatchObject({
      incidentsDsn: 'https://key@o1.ingest.sentry.io/12',
      reportExpected: true,
      sentryApiUrl: 'https://sentry.example.com',
      sentryAuthToken: 'tok',
      sentryOrg: 'acme',
      slackWebhookUrl: 'https://hooks.slack.com/services/T/B/X',
      slackGroupWaitMs: 10_000,
      slackGroupIntervalMs: 60_000,
      slackRepeatIntervalMs: 43_200_000,
      publicUrl: 'https://lens.example.com',
      linkTtlMs: 86_400_000,
      linkSecret: 'secret',
    });
  });

  it('names each malformed setting', () => {
    expect(() =>
      parseServiceConfig({
        SENTRY_INCIDENTS_DSN: 'not a dsn',
        SLACK_GROUP_WAIT: 'soon',
        SENTRY_REPORT_EXPECTED: 'maybe',
        PUBLIC_URL: 'ftp://x',
      }),
    ).toThrow(
      /SENTRY_INCIDENTS_DSN: must be a Sentry DSN.*SENTRY_REPORT_EXPECTED: must be true or false.*SLACK_GROUP_WAIT: must be a duration.*PUBLIC_URL: must be a http: or https: URL/,
    );
  });
});
