import { parseDockerLine } from '../../src/readers/parseDockerLine';

describe('parseDockerLine', () => {
  it('reads docker --timestamps with nanoseconds and an app prefix after it', () => {
    const line = parseDockerLine(
      '2026-01-03T08:06:58.882566123Z INFO 2026-01-03 08:06:58,882 gunicorn.error Booting worker',
      'UTC',
    );
    expect(line).toMatchObject({
      time: Date.UTC(2026, 0, 3, 8, 6, 58) + 882.566,
      source: null,
      level: 'INFO',
      logger: 'gunicorn.error',
      message: 'Booting worker',
      starts: true,
    });
  });

  it('takes the compose service name as the source', () => {
    const line = parseDockerLine(
      'web-1  | 2026-01-03T10:00:00.000000000Z INFO users.signals [X_Y] z',
      'UTC',
    );
    expect(line).toMatchObject({ source: 'web-1', message: '[X_Y] z' });
  });

  it('marks a stack line as a continuation', () => {
    const line = parseDockerLine(
      '2026-01-03T10:00:00Z   File "/app/a.py", line 1, in f',
      'UTC',
    );
    expect(line).toMatchObject({
      starts: false,
      message: '  File "/app/a.py", line 1, in f',
    });
  });

  it.each([['no time here'], ['[X_Y] z'], ['2026-01-03Tbad message']])(
    'refuses %s',
    (text) => {
      expect(parseDockerLine(text, 'UTC')).toBeNull();
    },
  );
});
