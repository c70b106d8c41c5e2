import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import type { LogRecord } from '../../src/model/LogRecord';
import { InputError } from '../../src/readers/InputError';
import { type ReadOptions, readInputs } from '../../src/readers/readInputs';
import type { InputSource } from '../../src/readers/InputSource';
import { sentryFixtureText } from '../fixtures/readers/sentryFixtures';

async function collect(inputs: InputSource[], options: ReadOptions = {}) {
  const { records, stats } = readInputs(inputs, options);
  const out: LogRecord[] = [];
  for await (const record of records) out.push(record);
  return { records: out, stats };
}

function heroku(seconds: number, dyno: string, message: string): string {
  const time = new Date(Date.UTC(2026, 0, 3, 10, 0, 0) + seconds * 1000).toISOString();
  return `${time.replace('Z', '000+00:00')} app[${dyno}]: INFO users.signals ${message}`;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'logout-lens-readers-'));

describe('readInputs', () => {
  it('reads a gzipped file, detected by its magic bytes', async () => {
    const file = path.join(tmp, 'heroku.log.any');
    writeFileSync(
      file,
      gzipSync(
        `${heroku(0, 'web.1', '[X_Y] one')}\n${heroku(1, 'web.1', '[X_Y] two')}\n`,
      ),
    );
    const { records, stats } = await collect([file]);
    expect(records.map((r) => r.message)).toEqual(['[X_Y] one', '[X_Y] two']);
    expect(stats.inputs[0]?.format).toBe('heroku');
  });

  it('sorts records up to 5 minutes out of order', async () => {
    const lines = [
      heroku(0, 'web.1', '[X_Y] a'),
      heroku(200, 'web.1', '[X_Y] c'),
      heroku(10, 'web.2', '[X_Y] b'),
      heroku(290, 'web.1', '[X_Y] e'),
      heroku(250, 'web.2', '[X_Y] d'),
    ];
    const { records } = await collect([{ name: 'x.log', data: lines.join('\n') }]);
    expect(records.map((r) => r.message)).toEqual([
      '[X_Y] a',
      '[X_Y] b',
      '[X_Y] c',
      '[X_Y] d',
      '[X_Y] e',
    ]);
  });

  it('keeps untimed message-only lines in input order', async () => {
    const { records } = await collect([
      {
        name: 'guide.txt',
        data: '[B_TAG] second said\n[A_TAG] then\n  File "/app/a.py", line 1, in f\n[C_TAG] last\n',
      },
    ]);
    expect(records.map((r) => r.message)).toEqual([
      '[B_TAG] second said',
      '[A_TAG] then\n  File "/app/a.py", line 1, in f',
      '[C_TAG] last',
    ]);
    expect(records.every((r) => r.time === null)).toBe(true);
  });

  it('merges two inputs by time', async () => {
    const a = [heroku(0, 'web.1', '[X_Y] a0'), heroku(20, 'web.1', '[X_Y] a20')].join(
      '\n',
    );
    const b = [
      '2026-01-03T10:00:10.000000000Z INFO users.signals [X_Y] b10',
      '2026-01-03T10:00:30.000000000Z INFO users.signals [X_Y] b30',
    ].join('\n');
    const { records, stats } = await collect([
      { name: 'a.log', data: a },
      { name: 'b.log', data: b },
    ]);
    expect(records.map((r) => r.message)).toEqual([
      '[X_Y] a0',
      '[X_Y] b10',
      '[X_Y] a20',
      '[X_Y] b30',
    ]);
    expect(stats.inputs.map((i) => i.format)).toEqual(['heroku', 'docker']);
  });

  it('keeps the longest copy of a line seen twice at the same millisecond', async () => {
    const full =
      '[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +57. Llamado desde:';
    const log = [
      `2026-01-03T10:00:00.123456+00:00 app[web.1]: WARNING users.views.utils ${full}`,
      '2026-01-03T10:00:00.123456+00:00 app[web.1]:   File "/app/users/signals.py", line 61, in audit_role_change',
    ].join('\n');
    const body = JSON.stringify({
      event_id: 'a'.repeat(32),
      timestamp: 1767434460,
      logentry: { formatted: 'later' },
      breadcrumbs: [
        { timestamp: 1767434400.1234, category: 'users.views.utils', message: full },
      ],
    });
    const { records, stats } = await collect([
      { name: 'sentry.ndjson', data: body },
      { name: 'heroku.log', data: log },
    ]);
    const revocations = records.filter((r) =>
      r.message.startsWith('[REVOKE_ALL_SESSIONS]'),
    );
    expect(revocations).toHaveLength(1);
    expect(revocations[0]?.source).toBe('web.1');
    expect(revocations[0]?.message).toContain('audit_role_change');
    expect(stats.duplicates).toBe(1);
  });

  it('drops a copy that arrives later than the reorder window', async () => {
    const line = heroku(0, 'web.1', '[X_Y] repeated');
    const data = [line, heroku(60, 'web.1', '[X_Y] later'), line].join('\n');
    const { records, stats } = await collect([{ name: 'h.log', data }], {
      reorderWindowMs: 1000,
    });
    expect(records.map((r) => r.message)).toEqual(['[X_Y] repeated', '[X_Y] later']);
    expect(stats.duplicates).toBe(1);
  });

  it('splits syslog frames written back to back on one line', async () => {
    const frame = (dyno: string, text: string) => {
      const body = `<190>1 2026-01-03T10:00:00.000000+00:00 host app ${dyno} - ${text}`;
      return `${Buffer.byteLength(body)} ${body}`;
    };
    const data = `${frame('web.1', 'INFO a [X_Y] uno')}${frame('web.2', 'INFO a [X_Y] dós')}\n`;
    const { records } = await collect([{ name: 'drain.log', data }]);
    expect(records.map((r) => [r.source, r.message])).toEqual([
      ['web.1', '[X_Y] uno'],
      ['web.2', '[X_Y] dós'],
    ]);
  });

  it("joins docker json-file pieces of one container's traceback", async () => {
    const piece = (log: string) =>
      JSON.stringify({
        log: `${log}\n`,
        stream: 'stderr',
        time: '2026-01-03T10:00:00.5Z',
      });
    const data = [
      piece('ERROR django.request Internal Server Error: /x/'),
      piece('Traceback (most recent call last):'),
      piece('  File "/app/a.py", line 1, in f'),
    ].join('\n');
    const { records } = await collect([{ name: 'container.json.log', data }]);
    expect(records.map((r) => r.message)).toEqual([
      'Internal Server Error: /x/\nTraceback (most recent call last):\n  File "/app/a.py", line 1, in f',
    ]);
  });

  it('counts lines nobody understands and goes on', async () => {
    const data = [
      heroku(0, 'web.1', '[X_Y] before'),
      'complete garbage with no prefix',
      '\u0000\u0001\u0002 binary',
      '',
      heroku(1, 'web.1', '[X_Y] after'),
    ].join('\n');
    const { records, stats } = await collect([{ name: 'h.log', data }]);
    expect(records.map((r) => r.message)).toEqual(['[X_Y] before', '[X_Y] after']);
    expect(stats.skippedLines).toBe(2);
  });

  it('counts broken JSON lines in an NDJSON input', async () => {
    const good =
      '{"time":"2026-01-03T10:00:00Z","level":"info","logger":"a","message":"[X_Y] ok"}';
    const { records, stats } = await collect([
      { name: 'j.jsonl', data: `${good}\n{"time": broken\n` },
    ]);
    expect(records).toHaveLength(1);
    expect(stats.skippedLines).toBe(1);
  });

  it('throws InputError for a missing file before reading anything', () => {
    const missing = path.join(tmp, 'nope.log');
    expect(() => readInputs([missing])).toThrow(InputError);
    expect(() => readInputs([missing])).toThrow(`${missing}: no such file`);
  });

  it('throws InputError for a directory', () => {
    expect(() => readInputs([tmp])).toThrow(new InputError(tmp, 'is a directory'));
  });

  it('throws InputError naming the file when a JSON array does not parse', async () => {
    const file = path.join(tmp, 'rest.json');
    writeFileSync(file, '[{"eventID": "a", "entries": [}]');
    await expect(collect([file])).rejects.toThrow(InputError);
    await expect(collect([file])).rejects.toThrow(/rest\.json: not valid JSON/);
  });

  it('throws InputError for a corrupt gzip input', async () => {
    const broken = gzipSync('x'.repeat(10_000)).subarray(0, 30);
    await expect(collect([{ name: 'cut.gz', data: broken }])).rejects.toThrow(
      /cut\.gz: /,
    );
  });

  it('reads a pretty-printed single Sentry event as one document', async () => {
    const { records, stats } = await collect([
      { name: 'event.json', data: sentryFixtureText('rest-event') },
    ]);
    expect(stats.inputs[0]?.format).toBe('sentry-rest');
    expect(records).toHaveLength(3);
    expect(records[0]?.origin.line).toBeUndefined();
  });

  it('reads stdin for "-"', async () => {
    const stdin = Readable.from([Buffer.from(`${heroku(0, 'web.1', '[X_Y] piped')}\n`)]);
    const { records, stats } = await collect(['-'], { stdin });
    expect(records.map((r) => r.message)).toEqual(['[X_Y] piped']);
    expect(stats.inputs[0]?.name).toBe('-');
  });

  it('reports progress in bytes read out of the total file size', async () => {
    const file = path.join(tmp, 'progress.log');
    const text = `${heroku(0, 'web.1', '[X_Y] a')}\n`;
    writeFileSync(file, text);
    const calls: [number, number][] = [];
    await collect([file], { onProgress: (read, total) => calls.push([read, total]) });
    expect(calls.at(-1)).toEqual([Buffer.byteLength(text), Buffer.byteLength(text)]);
  });

  it('streams: records come out before the input ends', async () => {
    const stream = new PassThrough();
    const { records } = readInputs([{ name: 'live', stream }]);
    const iterator = records[Symbol.asyncIterator]();
    for (let i = 0; i < 20; i++)
      stream.write(`${heroku(i * 60, 'web.1', `[X_Y] ${i}`)}\n`);
    const first = await iterator.next();
    expect(first.value?.message).toBe('[X_Y] 0');
    stream.end();
    let count = 1;
    while (!(await iterator.next()).done) count++;
    expect(count).toBe(20);
  });

  it('applies the timezone setting to times written without a zone', async () => {
    const { records } = await collect(
      [{ name: 'd.log', data: 'INFO 2026-01-03 05:00:00,000 signals [X_Y] z\n' }],
      { timezone: 'America/Bogota' },
    );
    expect(records[0]?.time).toBe(Date.UTC(2026, 0, 3, 10));
  });

  it('refuses an unknown timezone', () => {
    expect(() => readInputs([], { timezone: 'Mars/Olympus' })).toThrow(
      /unknown timezone/,
    );
  });

  it('reads a forced format', async () => {
    const { stats } = await collect(
      [{ name: 'x', data: `${heroku(0, 'web.1', '[X_Y] a')}\n` }],
      {
        format: 'docker',
      },
    );
    expect(stats.inputs[0]?.format).toBe('docker');
  });
});
