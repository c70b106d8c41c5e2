import { recordsFromSentryBody } from '../../src/readers/recordsFromSentryBody';
import { sentryFixture, sentryFixtureText } from '../fixtures/readers/sentryFixtures';

describe('recordsFromSentryBody', () => {
  it('reads an event_alert webhook: the event and its breadcrumbs at their own times', () => {
    const { records, problems } = recordsFromSentryBody(
      sentryFixture('event_alert.triggered'),
      'webhook',
    );
    expect(problems).toEqual([]);
    expect(
      records.map((r) => [
        r.time,
        r.origin.kind,
        r.logger,
        r.level,
        r.message.slice(0, 26),
      ]),
    ).toEqual([
      [
        1767429120917.753,
        'sentry-breadcrumb',
        'spa.views.appointments.appointment_viewset',
        'INFO',
        '[ADMIN_CREATE_APPOINTMENT]',
      ],
      [
        1767429120967.753,
        'sentry-breadcrumb',
        'users.signals',
        'INFO',
        '[USER_SAVE] Usuario +57300',
      ],
      [
        1767429120970.753,
        'sentry-event',
        'users.views.utils',
        'WARNING',
        '[REVOKE_ALL_SESSIONS] Revo',
      ],
    ]);
    const [appointment, , event] = records;
    expect(appointment?.message).toContain('Método de pago');
    expect(event?.message).toContain(
      '\n  File "/app/users/signals.py", line 61, in audit_role_change',
    );
    for (const record of records) {
      expect(record.source).toBe('sentry:b8f09e80db87c3c095aea48de8f2eddc');
      expect(record.origin).toMatchObject({
        input: 'webhook',
        eventId: 'b8f09e80db87c3c095aea48de8f2eddc',
        issueId: '6165849',
        webUrl:
          'https://sentry.io/organizations/acme/issues/6165849/events/b8f09e80db87c3c095aea48de8f2eddc/',
        sentryUser: '+573001284308',
      });
      expect(record.origin.breadcrumbsCapped).toBeUndefined();
    }
  });

  it('reads the raw bytes as Sentry sends them (escaped non-ASCII)', () => {
    const raw = sentryFixtureText('event_alert.triggered');
    expect(raw).toContain('M\\u00e9todo');
    const { records } = recordsFromSentryBody(raw, 'webhook');
    expect(records[0]?.message).toContain('Método de pago');
  });

  it('renders an exception-only error.created event as a Python traceback', () => {
    const { records } = recordsFromSentryBody(sentryFixture('error.created'), 'webhook');
    expect(records).toHaveLength(1);
    expect(records[0]?.message).toBe(
      [
        "KeyError: 'price'",
        'Traceback (most recent call last):',
        '  File "/usr/local/lib/python3.12/site-packages/django/core/handlers/exception.py", line 55, in inner',
        '    response = get_response(request)',
        '  File "/app/spa/views/services.py", line 33, in list',
        '    return Response(self.serialize(qs))',
        "KeyError: 'price'",
      ].join('\n'),
    );
    expect(records[0]?.origin).toMatchObject({
      issueId: '7000001',
      webUrl:
        'https://sentry.io/organizations/acme/issues/7000001/events/0c9d1b2a3f4e5d6c7b8a9f0e1d2c3b4a/',
    });
  });

  it.each([['issue.created'], ['comment.created'], ['installation.created']] as const)(
    'gives nothing, and no problem, for %s',
    (name) => {
      expect(recordsFromSentryBody(sentryFixture(name), 'webhook')).toEqual({
        records: [],
        problems: [],
      });
    },
  );

  it('reads a REST event: entries, ISO breadcrumb times, groupID, camelCase frames', () => {
    const { records } = recordsFromSentryBody(sentryFixture('rest-event'), 'rest.json');
    expect(records.map((r) => [r.time, r.origin.kind, r.level])).toEqual([
      [Date.UTC(2026, 0, 3, 11, 9, 24) + 882.881, 'sentry-breadcrumb', 'INFO'],
      [Date.UTC(2026, 0, 3, 11, 9, 24) + 892.881, 'sentry-breadcrumb', 'INFO'],
      [Date.UTC(2026, 0, 3, 11, 9, 24) + 912.881, 'sentry-event', 'INFO'],
    ]);
    const event = records[2];
    expect(event?.logger).toBe('users.serializers');
    expect(event?.message.split('\n')).toEqual([
      '[SESSION_REFRESH] Token rotado - User: +573002153974, Old JTI: d6a66353d6118814ce88f3e750ad12d3, New JTI: ce66e9ee15e58ecba4560002d3f44c52',
      'Traceback (most recent call last):',
      '  File "/app/users/serializers.py", line 41, in validate',
      "    refresh = RefreshToken(attrs['refresh'])",
      'rest_framework_simplejwt.exceptions.TokenError: Token is blacklisted',
    ]);
    expect(event?.origin).toMatchObject({
      eventId: '6be2e2b3e23a61ab6e6d8f87415331dc',
      issueId: '9854802',
      sentryUser: '+573002153974',
    });
    expect(event?.origin.webUrl).toBeUndefined();
  });

  it('reads a legacy WebHooks plugin body, formatting the template with its params', () => {
    const { records } = recordsFromSentryBody(sentryFixture('legacy-plugin'), 'legacy');
    expect(records.map((r) => [r.origin.kind, r.message])).toEqual([
      [
        'sentry-breadcrumb',
        '[SESSION_REFRESH] Intentando refrescar token - JTI: 99581b2eb394c3b17ac666bfb292c157, user_id: +573009994340',
      ],
      [
        'sentry-event',
        '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: 99581b2eb394c3b17ac666bfb292c157, user_id: +573009994340',
      ],
    ]);
    expect(records[1]).toMatchObject({
      logger: 'users.serializers',
      level: 'ERROR',
      origin: {
        issueId: '5550001',
        webUrl: 'https://sentry.io/organizations/acme/issues/5550001/',
      },
    });
  });

  it('reads a raw SDK event with a plain breadcrumbs array and re-sorts it by time', () => {
    const { records } = recordsFromSentryBody(
      sentryFixture('raw-event-plain-breadcrumbs'),
      'raw',
    );
    expect(records.map((r) => r.message.slice(0, 24))).toEqual([
      '[SESSION_REFRESH] Intent',
      '[SESSION_REFRESH_FAILED]',
      '[SESSION_DEBUG] Usuario ',
    ]);
    expect(records[0]?.time).toBe(Date.UTC(2026, 0, 3, 13, 59, 22) + 625.767);
    expect(records[2]?.origin.sentryUser).toBe('client-7960434');
  });

  it('reads an SDK envelope given as text', () => {
    const { records, problems } = recordsFromSentryBody(
      sentryFixtureText('envelope'),
      'envelope',
    );
    expect(problems).toEqual([]);
    expect(records).toHaveLength(3);
  });

  it('marks every record of an event whose breadcrumbs are at the cap of 100', () => {
    const values = Array.from({ length: 100 }, (_, i) => ({
      timestamp: 1767434400 + i / 1000,
      category: 'users.serializers',
      message: `[SESSION_REFRESH] crumb ${i}`,
    }));
    const { records } = recordsFromSentryBody(
      {
        event_id: 'e'.repeat(32),
        timestamp: 1767434401,
        message: 'x',
        breadcrumbs: { values },
      },
      'capped',
    );
    expect(records).toHaveLength(101);
    expect(records.every((r) => r.origin.breadcrumbsCapped === true)).toBe(true);
  });

  it('strips an app prefix the SDK kept in the message', () => {
    const { records } = recordsFromSentryBody(
      {
        event_id: 'f'.repeat(32),
        timestamp: 1767434401,
        logentry: { formatted: 'INFO users.signals [X_Y] z' },
      },
      'prefixed',
    );
    expect(records[0]).toMatchObject({
      message: '[X_Y] z',
      level: 'INFO',
      logger: 'users.signals',
    });
  });

  it('reads an array of bodies and reports what it cannot read', () => {
    const { records, problems } = recordsFromSentryBody(
      [sentryFixture('error.created'), { hello: 'world' }, 42],
      'mixed',
    );
    expect(records).toHaveLength(1);
    expect(problems).toEqual([
      'not a Sentry webhook body, event or envelope',
      'body is not a JSON object',
    ]);
  });

  it('gives nothing for an empty body', () => {
    expect(recordsFromSentryBody('', 'webhook')).toEqual({ records: [], problems: [] });
  });
});
