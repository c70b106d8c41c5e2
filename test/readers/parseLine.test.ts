import { parseLine } from '../../src/readers/parseLine';

describe('parseLine', () => {
  it('strips ANSI colour codes before reading the line', () => {
    const line = parseLine(
      '\x1b[36m2026-01-03T10:00:00.000000+00:00 app[web.1]:\x1b[0m \x1b[32mINFO\x1b[0m users.signals [X_Y] z',
      'heroku',
      'UTC',
    );
    expect(line).toMatchObject({ source: 'web.1', level: 'INFO', message: '[X_Y] z' });
  });

  it('reads a router line inside a Heroku file and a syslog frame anywhere', () => {
    expect(
      parseLine(
        '2026-01-03T10:00:00Z heroku[router]: at=info dyno=web.2 status=401',
        'heroku',
        'UTC',
      ),
    ).toMatchObject({ kind: 'router', httpStatus: 401 });
    expect(
      parseLine('<40>1 2026-01-03T10:00:00Z host app web.1 - [X_Y] z', 'heroku', 'UTC'),
    ).toMatchObject({ source: 'web.1', message: '[X_Y] z' });
  });

  it('reads a plain Django line inside a docker file', () => {
    expect(
      parseLine('WARNING django.request Unauthorized: /api/x/', 'docker', 'UTC'),
    ).toMatchObject({
      level: 'WARNING',
      logger: 'django.request',
      message: 'Unauthorized: /api/x/',
      path: '/api/x/',
      starts: true,
    });
  });

  it('reads a Python asctime prefix as the app prefix, in the configured zone', () => {
    expect(
      parseLine(
        '2026-01-03 05:00:00,123 INFO users.signals [X_Y] z',
        'django',
        'America/Bogota',
      ),
    ).toMatchObject({
      time: Date.UTC(2026, 0, 3, 10, 0, 0, 123),
      level: 'INFO',
      message: '[X_Y] z',
    });
  });

  it('reads a bare [TAG] message with no time', () => {
    expect(
      parseLine('[SESSION_REFRESH_FAILED] Sesión NO encontrada', 'message', 'UTC'),
    ).toEqual({
      time: null,
      source: null,
      level: null,
      logger: null,
      message: '[SESSION_REFRESH_FAILED] Sesión NO encontrada',
      starts: true,
      standalone: false,
      kind: 'log',
    });
  });

  it('marks a bare line as a possible continuation', () => {
    expect(parseLine('  File "/app/a.py", line 1, in f', 'django', 'UTC')).toMatchObject({
      bare: true,
      starts: false,
    });
  });

  it('gives null for binary garbage', () => {
    expect(parseLine('\x00\x01\x02garbage', 'django', 'UTC')).toBeNull();
    expect(parseLine('\ufffd\ufffd\ufffdx\ufffd', 'django', 'UTC')).toBeNull();
  });

  it('keeps a Latin-1 line read as UTF-8 (a few replacement characters)', () => {
    expect(parseLine('    Sesi\ufffdn no encontrada', 'django', 'UTC')).toMatchObject({
      bare: true,
    });
  });
});
