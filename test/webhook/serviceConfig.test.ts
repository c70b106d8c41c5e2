import { parseServiceConfig, ServiceConfigError } from '../../src/config/serviceConfig';

describe('parseServiceConfig', () => {
  it('starts with no settings at all, on the defaults', () => {
    expect(parseServiceConfig({})).toEqual({
      port: 8080,
      database: { kind: 'sqlite', path: './data/logout-lens.sqlite' },
      sentryClientSecret: null,
      apiToken: null,
      maxBodyBytes: 5242880,
      logLevel: 'info',
      configPath: null,
      sentryDsn: null,
      writeback: {
        incidentsDsn: null,
        reportExpected: false,
        sentryApiUrl: 'https://sentry.io',
        sentryAuthToken: null,
        sentryOrg: null,
        slackWebhookUrl: null,
        slackGroupWaitMs: 30_000,
        slackGroupIntervalMs: 300_000,
        slackRepeatIntervalMs: 14_400_000,
        publicUrl: 'http://localhost:8080',
        publicUrlSet: false,
        linkTtlMs: 604_800_000,
        linkSecret: null,
        maxAttempts: 12,
        retryBaseMs: 2000,
      },
    });
  });

  it('reads every setting it is given', () => {
    expect(
      parseServiceConfig({
        PORT: '0',
        DATABASE_URL: 'sqlite:/var/lib/logout-lens/db.sqlite',
        SENTRY_CLIENT_SECRET: 's3cret',
        LOGOUT_LENS_API_TOKEN: 't0ken',
        MAX_BODY_BYTES: '1024',
        LOG_LEVEL: 'DEBUG',
        LOGOUT_LENS_CONFIG: 'conf.json',
      }),
    ).toEqual({
      port: 0,
      database: { kind: 'sqlite', path: '/var/lib/logout-lens/db.sqlite' },
      sentryClientSecret: 's3cret',
      apiToken: 't0ken',
      maxBodyBytes: 1024,
      logLevel: 'debug',
      configPath: 'conf.json',
      sentryDsn: null,
      writeback: expect.objectContaining({ publicUrl: 'http://localhost:0' }),
    });
  });

  it('reads an empty variable as unset', () => {
    expect(parseServiceConfig({ PORT: '', SENTRY_CLIENT_SECRET: '' })).toMatchObject({
      port: 8080,
      sentryClientSecret: null,
    });
  });

  it.each(['sqlite:///tmp/a.sqlite', 'sqlite:/tmp/a.sqlite'])(
    'reads %s as /tmp/a.sqlite',
    (url) => {
      expect(parseServiceConfig({ DATABASE_URL: url }).database.path).toBe(
        '/tmp/a.sqlite',
      );
    },
  );

  it.each(['postgres://u:p@db/ll', 'postgresql://db/ll'])(
    'refuses %s until PostgreSQL lands',
    (url) => {
      expect(() => parseServiceConfig({ DATABASE_URL: url })).toThrow(
        'DATABASE_URL: PostgreSQL support has not landed yet; use sqlite:PATH',
      );
    },
  );

  it.each([
    ['PORT', 'eighty', /^PORT: must be a whole number from 0 to 65535 \(got "eighty"\)$/],
    ['PORT', '70000', /^PORT: /],
    ['MAX_BODY_BYTES', '5MB', /^MAX_BODY_BYTES: must be a whole number/],
    ['MAX_BODY_BYTES', '0', /^MAX_BODY_BYTES: /],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL: must be one of fatal, error, warn, info, debug/],
    ['DATABASE_URL', 'mysql://db', /^DATABASE_URL: must be sqlite:PATH/],
  ])('stops on %s=%s with a message naming the setting', (name, value, message) => {
    const parse = () => parseServiceConfig({ [name]: value });
    expect(parse).toThrow(ServiceConfigError);
    expect(parse).toThrow(message);
  });

  it('names every bad setting at once', () => {
    expect(() => parseServiceConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(
      /PORT: .*; LOG_LEVEL: /,
    );
  });
});
