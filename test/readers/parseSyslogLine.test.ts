import { parseSyslogLine } from '../../src/readers/parseSyslogLine';
import { splitOctetFrames } from '../../src/readers/splitOctetFrames';

describe('parseSyslogLine', () => {
  it('reads the Heroku drain framing with the process id as source', () => {
    const line = parseSyslogLine(
      '105 <190>1 2026-01-03T08:06:58.882566+00:00 host app web.2 - INFO gunicorn.error Booting worker with pid: 117',
      'UTC',
    );
    expect(line).toMatchObject({
      time: Date.UTC(2026, 0, 3, 8, 6, 58) + 882.566,
      source: 'web.2',
      level: 'INFO',
      logger: 'gunicorn.error',
      message: 'Booting worker with pid: 117',
      starts: true,
    });
  });

  it('reads a frame without the octet count', () => {
    const line = parseSyslogLine(
      '<40>1 2026-01-03T10:00:00+00:00 host app web.1 - [X_Y] z',
      'UTC',
    );
    expect(line).toMatchObject({ source: 'web.1', message: '[X_Y] z', starts: true });
  });

  it('keeps the indentation of a continuation line', () => {
    const line = parseSyslogLine(
      '93 <190>1 2026-01-03T08:25:46.805150+00:00 host app web.1 -     response = get_response(request)',
      'UTC',
    );
    expect(line).toMatchObject({
      starts: false,
      message: '    response = get_response(request)',
    });
  });

  it('reads router frames as router lines', () => {
    const line = parseSyslogLine(
      '<158>1 2026-01-03T10:00:00.5+00:00 host heroku router - at=info method=POST ' +
        'path="/api/v1/auth/token/refresh/" dyno=web.3 status=400',
      'UTC',
    );
    expect(line).toMatchObject({ kind: 'router', source: 'web.3', httpStatus: 400 });
  });

  it('skips RFC 5424 structured data but never a [TAG]', () => {
    const sd = parseSyslogLine(
      '<14>1 2026-01-03T10:00:00Z host app web.1 ID47 [exampleSDID@32473 iut="3"] [X_Y] z',
      'UTC',
    );
    expect(sd?.message).toBe('[X_Y] z');
  });

  it('skips a nil structured-data field as other RFC 5424 senders write it', () => {
    const line = parseSyslogLine(
      '<134>1 2026-01-03T10:00:00.000Z srv-d1 web 42 - - INFO users.signals [X_Y] z',
      'UTC',
    );
    expect(line).toMatchObject({
      source: '42',
      logger: 'users.signals',
      message: '[X_Y] z',
    });
  });

  it.each([['83 hello'], ['<40> no version'], ['2026-01-03T10:00:00Z app[web.1]: x']])(
    'refuses %s',
    (text) => {
      expect(parseSyslogLine(text, 'UTC')).toBeNull();
    },
  );
});

describe('splitOctetFrames', () => {
  it('leaves a single frame alone', () => {
    expect(splitOctetFrames('16 <40>1 - h a p - x')).toBeNull();
  });

  it('splits frames written back to back, counting UTF-8 bytes', () => {
    const first = '<40>1 2026-01-03T10:00:00Z host app web.1 - Sesión';
    const second = '<40>1 2026-01-03T10:00:01Z host app web.2 - [X_Y] z';
    const joined = `${Buffer.byteLength(first)} ${first}${Buffer.byteLength(second)} ${second}`;
    expect(splitOctetFrames(joined)).toEqual([
      `${Buffer.byteLength(first)} ${first}`,
      `${Buffer.byteLength(second)} ${second}`,
    ]);
  });
});
