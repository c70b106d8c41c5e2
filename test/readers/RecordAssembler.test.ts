import type { LogRecord } from '../../src/model/LogRecord';
import { parseLine } from '../../src/readers/parseLine';
import { RecordAssembler } from '../../src/readers/RecordAssembler';

/** Feeds text lines through parseLine and the assembler; records in first-line order. */
function assemble(
  text: string,
  format: 'heroku' | 'django' | 'docker' = 'heroku',
): LogRecord[] {
  const out: { record: LogRecord; seq: number }[] = [];
  const assembler = new RecordAssembler('test', (entry) => out.push(entry));
  text.split('\n').forEach((raw, index) => {
    const line = parseLine(raw, format, 'UTC');
    if (line !== null) assembler.push(line, index + 1);
  });
  assembler.flush();
  return out.sort((a, b) => a.seq - b.seq).map((entry) => entry.record);
}

describe('RecordAssembler', () => {
  it("joins a dyno's stack lines across another dyno's line", () => {
    const records = assemble(
      [
        '2026-01-03T10:00:00.100000+00:00 app[web.1]: WARNING users.views.utils [REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +573001234567. Llamado desde:',
        '2026-01-03T10:00:00.100000+00:00 app[web.1]:   File "/app/users/signals.py", line 61, in audit_role_change',
        '2026-01-03T10:00:00.105000+00:00 app[web.2]: INFO users.serializers [SESSION_REFRESH] Intentando refrescar token - JTI: abc, user_id: +573009999999',
        '2026-01-03T10:00:00.100000+00:00 app[web.1]:     revoke_all_sessions(instance)',
      ].join('\n'),
    );
    expect(records.map((r) => [r.source, r.message])).toEqual([
      [
        'web.1',
        '[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +573001234567. Llamado desde:\n' +
          '  File "/app/users/signals.py", line 61, in audit_role_change\n' +
          '    revoke_all_sessions(instance)',
      ],
      [
        'web.2',
        '[SESSION_REFRESH] Intentando refrescar token - JTI: abc, user_id: +573009999999',
      ],
    ]);
    expect(records[0]?.origin).toEqual({ kind: 'log', input: 'test', line: 1 });
  });

  it('starts a new record when a line comes more than 1 s after the first line', () => {
    const records = assemble(
      [
        '2026-01-03T10:00:00.000000+00:00 app[web.1]: INFO a [X_Y] first',
        '2026-01-03T10:00:00.900000+00:00 app[web.1]: piece within the second',
        '2026-01-03T10:00:01.500000+00:00 app[web.1]: piece too late',
      ].join('\n'),
    );
    expect(records.map((r) => r.message)).toEqual([
      '[X_Y] first\npiece within the second',
      'piece too late',
    ]);
  });

  it('closes a record when its source starts another', () => {
    const records = assemble(
      [
        '2026-01-03T10:00:00Z app[web.1]: INFO a [X_Y] one',
        '2026-01-03T10:00:00Z app[web.1]: INFO a [X_Y] two',
        '2026-01-03T10:00:00Z app[web.1]:   continuation of two',
      ].join('\n'),
    );
    expect(records.map((r) => r.message)).toEqual([
      '[X_Y] one',
      '[X_Y] two\n  continuation of two',
    ]);
  });

  it('joins a line split by the platform (no indentation) to its source', () => {
    const records = assemble(
      [
        '2026-01-03T10:00:00.000000+00:00 app[web.1]: INFO a [USER_SAVE] Usuario +57 modificado. Llamado desde:',
        '2026-01-03T10:00:00.000000+00:00 app[web.1]:   File "/usr/lib/python3.12/site-packages/dj',
        '2026-01-03T10:00:00.000000+00:00 app[web.1]: ango/core/handlers/base.py", line 197, in _get_response',
      ].join('\n'),
    );
    expect(records).toHaveLength(1);
    expect(records[0]?.message.split('\n')).toHaveLength(3);
  });

  it('makes a continuation with nothing open its own record', () => {
    const records = assemble('2026-01-03T10:00:00Z app[web.3]:   orphan stack line');
    expect(records.map((r) => [r.source, r.message])).toEqual([
      ['web.3', '  orphan stack line'],
    ]);
  });

  it('continues untimed lines in a plain Django log and drops trailing blank lines', () => {
    const records = assemble(
      [
        'ERROR 2026-01-03 10:00:00,000 request Internal Server Error: /api/x/',
        'Traceback (most recent call last):',
        '  File "/app/a.py", line 1, in f',
        '',
        "KeyError: 'price'",
        '',
        'INFO 2026-01-03 10:00:00,500 signals [X_Y] next',
      ].join('\n'),
      'django',
    );
    expect(records.map((r) => r.message)).toEqual([
      'Internal Server Error: /api/x/\nTraceback (most recent call last):\n  File "/app/a.py", line 1, in f\n\nKeyError: \'price\'',
      '[X_Y] next',
    ]);
  });

  it('never lets a router line cut a dyno traceback', () => {
    const records = assemble(
      [
        '2026-01-03T10:00:00Z app[web.2]: ERROR django.request Internal Server Error: /x/',
        '2026-01-03T10:00:00Z heroku[router]: at=info method=GET path="/x/" dyno=web.2 status=500',
        '2026-01-03T10:00:00Z app[web.2]: Traceback (most recent call last):',
      ].join('\n'),
    );
    expect(records.map((r) => r.origin.kind)).toEqual(['log', 'router']);
    expect(records[0]?.message).toBe(
      'Internal Server Error: /x/\nTraceback (most recent call last):',
    );
  });
});
