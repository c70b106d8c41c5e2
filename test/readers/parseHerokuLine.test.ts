import { parseHerokuLine } from '../../src/readers/parseHerokuLine';

const AT = Date.UTC(2026, 0, 3, 10, 0, 0) + 123.456;

describe('parseHerokuLine', () => {
  it('reads an app line and the app prefix after it', () => {
    const line = parseHerokuLine(
      '2026-01-03T10:00:00.123456+00:00 app[web.1]: INFO users.signals [SESSION_CREATED] x',
      'UTC',
    );
    expect(line).toMatchObject({
      time: AT,
      source: 'web.1',
      level: 'INFO',
      logger: 'users.signals',
      message: '[SESSION_CREATED] x',
      starts: true,
      standalone: false,
      kind: 'log',
    });
  });

  it('prefers the platform time to the app prefix time', () => {
    const line = parseHerokuLine(
      '2026-01-03T10:00:00.123456+00:00 app[web.1]: INFO 2026-01-03 09:59:59,999 signals [X_Y] z',
      'UTC',
    );
    expect(line?.time).toBe(AT);
    expect(line?.logger).toBe('signals');
  });

  it('marks a stack line as a continuation, keeping its indentation', () => {
    const line = parseHerokuLine(
      '2026-01-03T10:00:00.123456+00:00 app[web.2]:   File "/app/a.py", line 1, in f',
      'UTC',
    );
    expect(line).toMatchObject({
      source: 'web.2',
      starts: false,
      message: '  File "/app/a.py", line 1, in f',
    });
  });

  it('reads other offsets', () => {
    const line = parseHerokuLine(
      '2026-01-03T03:00:00-07:00 app[worker.1]: [X_Y] z',
      'UTC',
    );
    expect(line?.time).toBe(Date.UTC(2026, 0, 3, 10));
    expect(line?.starts).toBe(true);
  });

  it('reads a router line: dyno as source, status and path in the origin fields', () => {
    const line = parseHerokuLine(
      '2026-01-03T10:00:00.123456+00:00 heroku[router]: at=info method=POST ' +
        'path="/api/v1/auth/token/refresh/" host=spa.herokuapp.com request_id=5f1c ' +
        'fwd="203.0.113.7" dyno=web.2 connect=0ms service=21ms status=401 bytes=312 protocol=https',
      'UTC',
    );
    expect(line).toMatchObject({
      time: AT,
      source: 'web.2',
      level: 'INFO',
      logger: 'heroku.router',
      kind: 'router',
      httpStatus: 401,
      path: '/api/v1/auth/token/refresh/',
      standalone: true,
    });
    expect(line?.message.startsWith('at=info method=POST')).toBe(true);
  });

  it('reads a router error line with code and description', () => {
    const line = parseHerokuLine(
      '2026-01-03T10:00:00Z heroku[router]: at=error code=H13 desc="Connection closed without response" ' +
        'method=POST path="/api/v1/auth/token/refresh/" dyno=web.1 status=503',
      'UTC',
    );
    expect(line).toMatchObject({ level: 'ERROR', source: 'web.1', httpStatus: 503 });
  });

  it('keeps other platform lines as standalone records of their dyno', () => {
    const line = parseHerokuLine(
      '2026-01-03T10:00:00Z heroku[web.1]: State changed from up to down',
      'UTC',
    );
    expect(line).toMatchObject({ source: 'web.1', logger: 'heroku', standalone: true });
  });

  it.each([
    ['INFO users.signals [X_Y] z'],
    ['2026-01-03T10:00:00Z some docker line'],
    ['2026-01-03T10:00:00Z app[web.1 missing bracket'],
  ])('refuses %s', (text) => {
    expect(parseHerokuLine(text, 'UTC')).toBeNull();
  });
});
