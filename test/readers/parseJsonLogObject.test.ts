import { parseJsonLogObject } from '../../src/readers/parseJsonLogObject';

const AT = Date.UTC(2026, 0, 3, 10, 0, 0);

describe('parseJsonLogObject', () => {
  it('reads time, level, logger and message', () => {
    const line = parseJsonLogObject(
      {
        time: '2026-01-03T10:00:00.123456Z',
        level: 'info',
        logger: 'users.signals',
        message: '[SESSION_CREATED] x',
      },
      'UTC',
    );
    expect(line).toMatchObject({
      time: AT + 123.456,
      source: null,
      level: 'INFO',
      logger: 'users.signals',
      message: '[SESSION_CREATED] x',
      starts: true,
    });
  });

  it.each([
    [{ timestamp: AT / 1000, levelname: 'WARNING', name: 'a', msg: 'm' }],
    [
      {
        '@timestamp': '2026-01-03T03:00:00-07:00',
        severity: 'WARNING',
        logger_name: 'a',
        event: 'm',
      },
    ],
    [
      {
        asctime: '2026-01-03 10:00:00,000',
        levelname: 'WARNING',
        name: 'a',
        message: 'm',
      },
    ],
    [{ ts: AT, level: 'warning', logger: 'a', msg: 'm' }],
    [{ ts: String(AT / 1000), level: 'warning', logger: 'a', msg: 'm' }],
  ])('reads the alternative field names of %p', (object) => {
    expect(parseJsonLogObject(object, 'UTC')).toMatchObject({
      time: AT,
      level: 'WARNING',
      logger: 'a',
      message: 'm',
    });
  });

  it.each([
    [{ dyno: 'web.1' }, 'web.1'],
    [{ container: 'api-7f9' }, 'api-7f9'],
    [{ host: 'ip-10-0-0-1' }, 'ip-10-0-0-1'],
    [{ hostname: 'box' }, 'box'],
    [{ pid: 117 }, '117'],
  ])('takes the source from %p', (fields, source) => {
    const line = parseJsonLogObject({ ...fields, message: '[X_Y] z' }, 'UTC');
    expect(line?.source).toBe(source);
  });

  it('appends a traceback field to the message', () => {
    const line = parseJsonLogObject(
      {
        message: 'Internal Server Error: /x/',
        exc_info: 'Traceback (most recent call last):\n  File "/app/a.py", line 1, in f',
      },
      'UTC',
    );
    expect(line?.message).toBe(
      'Internal Server Error: /x/\nTraceback (most recent call last):\n  File "/app/a.py", line 1, in f',
    );
    expect(line?.path).toBe('/x/');
  });

  it('strips an app prefix left inside the message', () => {
    const line = parseJsonLogObject({ log: 'INFO users.signals [X_Y] z\n' }, 'UTC');
    expect(line).toMatchObject({
      level: 'INFO',
      logger: 'users.signals',
      message: '[X_Y] z',
    });
  });

  it('treats a bare docker json-file piece as a possible continuation', () => {
    const line = parseJsonLogObject(
      {
        log: '  File "/app/a.py", line 1, in f\n',
        stream: 'stderr',
        time: '2026-01-03T10:00:00Z',
      },
      'UTC',
    );
    expect(line).toMatchObject({ starts: false, time: AT });
  });

  it('gives null when there is no message', () => {
    expect(
      parseJsonLogObject({ time: '2026-01-03T10:00:00Z', level: 'info' }, 'UTC'),
    ).toBeNull();
  });
});
