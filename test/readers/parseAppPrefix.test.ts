import { parseAppPrefix } from '../../src/readers/parseAppPrefix';

const AT = Date.UTC(2026, 0, 3, 10, 0, 0, 123);
const TAGGED = '[SESSION_CREATED] Nueva sesión para +573001234567';

describe('parseAppPrefix', () => {
  it.each([
    [`INFO users.signals ${TAGGED}`, 'INFO', 'users.signals', null],
    [`INFO 2026-01-03 10:00:00,123 signals ${TAGGED}`, 'INFO', 'signals', AT],
    [`INFO 2026-01-03 10:00:00.123 signals ${TAGGED}`, 'INFO', 'signals', AT],
    [
      `2026-01-03 10:00:00,123 WARNING users.signals ${TAGGED}`,
      'WARNING',
      'users.signals',
      AT,
    ],
    [
      `[2026-01-03 10:00:00,123] ERROR users.signals: ${TAGGED}`,
      'ERROR',
      'users.signals',
      AT,
    ],
    [
      `[2026-01-03 10:00:00.123] CRITICAL users.signals: ${TAGGED}`,
      'CRITICAL',
      'users.signals',
      AT,
    ],
    [`DEBUG:users.signals:${TAGGED}`, 'DEBUG', 'users.signals', null],
    [`INFO     users.signals ${TAGGED}`, 'INFO', 'users.signals', null],
    [
      `2026-01-03 10:00:00,123 - users.signals - INFO - ${TAGGED}`,
      'INFO',
      'users.signals',
      AT,
    ],
    [`INFO 2026-01-03 10:00:00,123 signals 4242 139871 ${TAGGED}`, 'INFO', 'signals', AT],
    [`INFO ${TAGGED}`, 'INFO', null, null],
  ])('reads %s', (line, level, logger, time) => {
    expect(parseAppPrefix(line, 'UTC')).toEqual({ level, logger, time, message: TAGGED });
  });

  it('keeps the message whole after a colon-separated logger', () => {
    expect(parseAppPrefix('WARNING:django.request:Unauthorized: /api/x/', 'UTC')).toEqual(
      {
        level: 'WARNING',
        logger: 'django.request',
        time: null,
        message: 'Unauthorized: /api/x/',
      },
    );
  });

  it('reads gunicorn and runserver prefixes', () => {
    expect(
      parseAppPrefix('[2026-01-03 10:00:00 +0000] [117] [INFO] Booting worker', 'UTC'),
    ).toEqual({
      level: 'INFO',
      logger: 'gunicorn',
      time: Date.UTC(2026, 0, 3, 10),
      message: 'Booting worker',
    });
    expect(
      parseAppPrefix('[03/Jan/2026 10:00:00] "POST /a HTTP/1.1" 401 58', 'UTC'),
    ).toEqual({
      level: null,
      logger: 'django.server',
      time: Date.UTC(2026, 0, 3, 10),
      message: '"POST /a HTTP/1.1" 401 58',
    });
  });

  it('reads the prefix time in the configured zone', () => {
    const prefix = parseAppPrefix(
      `2026-01-03 05:00:00,123 INFO x ${TAGGED}`,
      'America/Bogota',
    );
    expect(prefix?.time).toBe(AT);
  });

  it.each([
    ['  File "/app/users/signals.py", line 61, in audit_role_change'],
    ['Traceback (most recent call last):'],
    ["KeyError: 'price'"],
    ['ERROR: duplicate key value'],
    [TAGGED],
    ['[web.1] something'],
    ['INFORMATION is not a level'],
  ])('finds no prefix in %s', (line) => {
    expect(parseAppPrefix(line, 'UTC')).toBeNull();
  });
});
