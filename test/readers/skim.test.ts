import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { generateStream, renderStream } from '../../bench/generateStream';
import type { RenderOptions, StreamShape } from '../../bench/generateStream';
import { loadAnalysisSettings } from '../../src/config/loadAnalysisSettings';
import { analyzeSkimmedAndFull } from '../helpers/analyzeSkimmedAndFull';
import { analyzeRecords } from '../../src/engine/analyzeRecords';
import type { LogRecord, RecordOrigin } from '../../src/model/LogRecord';
import { firstLineOf } from '../../src/readers/duplicateKey';
import type { InputSource } from '../../src/readers/InputSource';
import { preferredCopy } from '../../src/readers/preferredCopy';
import { readInputs } from '../../src/readers/readInputs';
import type { ReadOptions } from '../../src/readers/readInputs';
import { SkimmedRecord } from '../../src/readers/SkimmedRecord';
import { parseSignal } from '../../src/signals/parseSignal';

const settings = loadAnalysisSettings({ cwd: '/nonexistent', env: {} });

async function read(
  inputs: () => InputSource[],
  skim: boolean,
  options: ReadOptions = {},
) {
  const { batches, stats } = readInputs(inputs(), { ...options, skim });
  const records: LogRecord[] = [];
  for await (const batch of batches) records.push(...batch);
  return { records, stats };
}

/**
 * Reads the inputs in full and skimmed, and checks that skimming changed
 * nothing the analysis sees: the same records in the same order, each
 * skimmed one standing for a record that is no signal, the same counts and
 * the same incidents. Returns how many records were skimmed.
 */
async function expectSameAnalysis(
  inputs: () => InputSource[],
  options: ReadOptions = {},
): Promise<number> {
  const full = await read(inputs, false, options);
  const skimmed = await read(inputs, true, options);

  expect(skimmed.records.length).toBe(full.records.length);
  let count = 0;
  skimmed.records.forEach((record, index) => {
    const whole = full.records[index] as LogRecord;
    if (record instanceof SkimmedRecord) {
      count++;
      // What deduplication weighs, as the full reader's record has it.
      // A skimmed record's origin has no line number and no router fields.
      const origin: RecordOrigin = { ...whole.origin };
      delete origin.line;
      delete origin.httpStatus;
      delete origin.path;
      expect([
        record.time,
        record.firstLine(),
        record.source,
        record.messageLength,
        { ...record.origin },
      ]).toEqual([
        whole.time,
        firstLineOf(whole.message),
        whole.source,
        whole.message.length,
        origin,
      ]);
      expect(parseSignal(whole, settings)).toBeNull();
    } else {
      expect(record).toEqual(whole);
    }
  });
  const counts = ({ stats }: typeof full) => [
    stats.records,
    stats.duplicates,
    stats.skippedLines,
  ];
  expect(counts(skimmed)).toEqual(counts(full));
  expect(analyzeRecords(skimmed.records, settings)).toEqual(
    analyzeRecords(full.records, settings),
  );
  return count;
}

/** The text in pieces of `size` bytes, as a pipe or a slow disk delivers it. */
function inPieces(text: string, size: number): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size)
    pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

const T = '2026-01-03T10:00:00';

describe('skimming (readInputs with skim)', () => {
  const stream = generateStream({ seed: 5, hours: 1, stories: 25, fillerRatio: 0.85 });

  // Skimmed: Heroku and docker lines with a `LEVEL logger` app prefix; the
  // other shapes go through the full reader line by line.
  test.each([
    ['heroku', {}, true],
    ['heroku', { interleaveRate: 1, maxLagMs: 30_000 }, true],
    ['heroku', { duplicateRate: 0.2, utcOffsetMinutes: -420 }, true],
    ['syslog', {}, false],
    ['docker', { dockerAppFormat: 'level-logger' }, true],
    ['docker', { dockerAppFormat: 'verbose', ansi: true }, false],
    ['django-verbose', {}, false],
    ['jsonl', {}, false],
    ['sentry', {}, false],
  ] as [StreamShape, RenderOptions, boolean][])(
    '%s %j: the same records, counts and incidents as the full reader',
    async (shape, options, skims) => {
      const text = renderStream(stream.records, shape, options);
      const skimmed = await expectSameAnalysis(() => [{ name: 'x.log', data: text }]);
      if (skims) expect(skimmed).toBeGreaterThan(100);
      else expect(skimmed).toBe(0);
    },
  );

  it('gives the same result for a Heroku stream cut into pieces of 7 bytes', async () => {
    const text = renderStream(stream.records, 'heroku', { interleaveRate: 1 });
    const skimmed = await expectSameAnalysis(() => [
      { name: 'pieces', stream: inPieces(text, 7) },
    ]);
    expect(skimmed).toBeGreaterThan(100);
  });

  it('drops the copies of the same file given twice, skimmed or not', async () => {
    const text = renderStream(stream.records, 'heroku', {});
    await expectSameAnalysis(() => [
      { name: 'a.log', data: text },
      { name: 'b.log', data: text.slice(0, text.length >> 1) },
    ]);
  });

  it('keeps the records that can be signals however their first line looks', async () => {
    const lines = [
      // The app prefix leaves `DEBUG`, which hides the tag on the next line.
      `${T}.100000+00:00 app[web.1]: INFO users.signals DEBUG`,
      `${T}.100000+00:00 app[web.1]:   [SESSION_REFRESH_FAILED] Session NOT found - JTI: abcdef123456, user_id: +573001234567`,
      // An empty message: the refusal on the next line opens the text.
      `${T}.200000+00:00 app[web.2]: `,
      `${T}.200000+00:00 app[web.2]: Unauthorized: /api/v1/auth/token/refresh/`,
      // Router lines: 401, no status, and 401 only in another field.
      `${T}.300000+00:00 heroku[router]: at=info method=POST path="/api/v1/auth/token/refresh/" dyno=web.1 status=401 bytes=10`,
      `${T}.300000+00:00 heroku[router]: at=info method=POST path="/api/v1/auth/token/refresh/" dyno=web.1 bytes=10`,
      `${T}.300000+00:00 heroku[router]: at=info method=POST path="/api/v1/auth/token/refresh/" dyno=web.1 status=200 bytes=401`,
      `${T}.300000+00:00 heroku[router]: at=info method=POST path="/api/v1/auth/token/refresh/401/" dyno=web.1 status=200 bytes=7`,
      `${T}.300000+00:00 heroku[router]: at=info method=POST path="/api/v1/auth/token/refresh/" dyno=web.1 status=0401 bytes=7`,
      `${T}.400000+00:00 heroku[router]: at=info method=GET path="/api/v1/spa/" dyno=web.1 status=200 bytes=10`,
      // A colour code inside the tag, a CR LF line end, a bare tag.
      `${T}.500000+00:00 app[web.1]: INFO users.signals \x1b[1m[SESSION_CREATED]\x1b[0m New session for +573001234568 - ID: s1, JTI: fedcba654321, IP: 1.2.3.4`,
      `${T}.600000+00:00 app[web.1]: INFO users.signals [SESSION_CREATED] New session for +573001234569 - ID: s2, JTI: aaaaaa111111, IP: 1.2.3.4\r`,
      `${T}.700000+00:00 app[web.3]: [REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +573001234567. Llamado desde:`,
      `${T}.700000+00:00 app[web.1]: INFO gunicorn.access 10.0.0.1 - - "GET / HTTP/1.1" 200`,
      `${T}.700000+00:00 app[web.3]:   File "/app/users/views.py", line 10, in post`,
      `${T}.700000+00:00 app[web.3]:     revoke_all_sessions(user)`,
      `${T}.800000+00:00 app[web.1]: INFO gunicorn.access 10.0.0.2 - - "GET /x HTTP/1.1" 200`,
      `${T}.800000+00:00 app[web.1]: Traceback (most recent call last):`,
      `${T}.800000+00:00 app[web.1]:   File "/app/spa/views.py", line 3, in get`,
      `${T}.900000Z plain docker line`,
    ];
    const text = `${lines.join('\n')}\n`;
    const skimmed = await expectSameAnalysis(() => [{ name: 'edge.log', data: text }]);
    // The plain router line, the two access lines (one with its traceback) and the docker line.
    expect(skimmed).toBe(5);

    const { records } = await read(() => [{ name: 'edge.log', data: text }], true);
    const texts = records
      .filter((r) => !(r instanceof SkimmedRecord))
      .map((r) => r.message);
    expect(texts).toContain(
      '[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +573001234567. Llamado desde:\n' +
        '  File "/app/users/views.py", line 10, in post\n' +
        '    revoke_all_sessions(user)',
    );
  });

  it('closes a record past 2 million characters where the full reader does', async () => {
    // 2000 bytes but 1000 characters a line: counted in bytes, it would close halfway.
    const wide = 'ñ'.repeat(1000);
    const lines = [`${T}.100000+00:00 app[web.1]: INFO a start`];
    for (let i = 0; i < 2500; i++) lines.push(`${T}.100000+00:00 app[web.1]:   ${wide}`);
    const skimmed = await expectSameAnalysis(() => [
      { name: 'wide.log', data: `${lines.join('\n')}\n` },
    ]);
    // The rest opens with a non-ASCII character: read in full.
    expect(skimmed).toBe(1);
  });

  it('reads a last line without a newline, and lines longer than a piece', async () => {
    const long = 'x'.repeat(200_000);
    const text = [
      `${T}.100000+00:00 app[web.1]: INFO a ${long}`,
      `${T}.200000+00:00 app[web.1]: INFO users.signals [X_Y] ${long}`,
      `${T}.300000+00:00 app[web.1]: INFO a last`,
    ].join('\n');
    const skimmed = await expectSameAnalysis(() => [{ name: 'long.log', data: text }]);
    // The line without a newline goes to the full reader.
    expect(skimmed).toBe(1);
  });
});

const written: string[] = [];
afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

/** Writes each file into a fresh temporary directory and returns their paths. */
function writeFiles(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'skim-'));
  written.push(dir);
  return Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}

const REFRESH_FAILED =
  'INFO users.signals [SESSION_REFRESH_FAILED] Session NOT found - JTI: abcdef123456, user_id: +573001234567';

describe('skimming cuts a line past the length cap where the full reader does', () => {
  const cap = 1000;
  // Lengths around the cap (and past a 64 KiB piece), in characters of 1 to 4
  // bytes (the emoji is two UTF-16 units), at shifting offsets, so that the
  // cap falls inside multi-byte characters and between them.
  const lines: string[] = [];
  let i = 0;
  for (const wide of ['x', 'ñ', '€', '😀']) {
    for (const length of [cap - 40, cap - 36, cap - 33, cap, cap + 7, 3 * cap, 40_000]) {
      for (const shift of ['', 'y', 'yy', 'yyy']) {
        const time = `${T}.${String(++i).padStart(6, '0')}+00:00`;
        lines.push(
          `${time} app[web.1]: INFO a b ${shift}${wide.repeat(length / wide.length)}`,
        );
        lines.push(`${time} app[web.2]: INFO a b short line ${i}`);
      }
    }
    lines.push(`${wide.repeat(3 * cap)} with no time`);
  }
  const text = `${lines.join('\n')}\n${'z'.repeat(2 * cap)}€`;

  test.each([7, 333, 4096, 65_541])('delivered in pieces of %i bytes', async (size) => {
    const skimmed = await expectSameAnalysis(
      () => [{ name: 'long.log', stream: inPieces(text, size) }],
      { maxLineChars: cap },
    );
    expect(skimmed).toBeGreaterThan(100);
  });

  it('read from memory (chunks of 1 MiB)', async () => {
    const inputs = () => [{ name: 'long.log', data: text }];
    await expectSameAnalysis(inputs, { maxLineChars: cap });

    // The cap did cut lines: their rest has no prefix, a skipped line.
    const cut = await read(inputs, false, { maxLineChars: cap });
    const whole = await read(inputs, false);
    expect(cut.stats.skippedLines).toBeGreaterThan(whole.stats.skippedLines + 10);
  });
});

describe('a time with a zone after the same time without one', () => {
  it('is read with its zone, skimmed or not', async () => {
    const text = [
      `${T}.123000 app[web.1]: INFO a b local time, read in the timezone`,
      `${T}.123000Z app[web.1]: INFO a b UTC`,
      `${T}.123000 docker line, local time`,
      `${T}.123000Z docker line, UTC`,
    ].join('\n');
    const inputs = () => [{ name: 'zones.log', data: `${text}\n` }];
    const options = { timezone: 'America/Bogota' };
    const skimmed = await expectSameAnalysis(inputs, options);
    expect(skimmed).toBe(2);

    const { records } = await read(inputs, false, options);
    const utc = Date.UTC(2026, 0, 3, 10, 0, 0, 123);
    expect(records.map((r) => r.time)).toEqual([
      utc,
      utc,
      utc + 5 * 3_600_000,
      utc + 5 * 3_600_000,
    ]);
  });
});

describe('skimming keeps the copy of a duplicated line the full reader keeps', () => {
  it('an app line and a router line with the same time and text: the app copy', async () => {
    const text =
      'at=info method=POST path="/api/v1/auth/token/refresh/" host=a.example dyno=web.1 status=401 bytes=10';
    const [log] = writeFiles({
      'app.log': `${T}.100000+00:00 app[web.1]: ${text}\n${T}.100000+00:00 heroku[router]: ${text}\n`,
    });
    const { full, skimmed } = await analyzeSkimmedAndFull([log as string]);

    expect(full.stats.userless_refusals).toBe(0);
    expect(skimmed).toEqual(full);
  });

  it('a filler line in a Heroku log and a Sentry export: the Heroku copy', async () => {
    const filler = 'INFO gunicorn.access 10.0.0.1 - - "GET /api/v1/spa/ HTTP/1.1" 200';
    const event = {
      event_id: '0123456789abcdef0123456789abcdef',
      timestamp: `${T}.200000Z`,
      message: '10.0.0.1 - - "GET /api/v1/spa/ HTTP/1.1" 200',
      level: 'info',
    };
    const files = writeFiles({
      'heroku.log':
        `${T}.100000+00:00 app[web.1]: ${REFRESH_FAILED}\n` +
        `${T}.200000+00:00 app[web.1]: ${filler}\n`,
      'sentry.ndjson': `${JSON.stringify(event)}\n`,
    });
    const { full, skimmed } = await analyzeSkimmedAndFull(files);

    expect(full.incidents).toHaveLength(1);
    expect(JSON.stringify(full)).not.toContain('reached Sentry');
    expect(skimmed).toEqual(full);
  });

  it('a router line and a tagged app line with the same time and text: the router copy', async () => {
    // The router copy comes first and names its dyno: the full reader keeps it, no signal.
    const text =
      '[SESSION_CREATED] New session for +573001234568 - ID: s1, JTI: fedcba654321 dyno=web.1';
    const [log] = writeFiles({
      'router.log': `${T}.100000+00:00 heroku[router]: ${text}\n${T}.100000+00:00 app[web.1]: ${text}\n`,
    });
    const { full, skimmed } = await analyzeSkimmedAndFull([log as string]);

    expect(full.stats.signals).toBe(0);
    expect(skimmed).toEqual(full);
  });

  // The Heroku record's message is `X\n  more`: its blank last lines do not count.
  test.each([
    ['longer', 'more..', true],
    ['shorter', 'mor', false],
  ])(
    'a Sentry event copy %s than a Heroku record in the same file: the longer copy',
    async (_, end, sentryKept) => {
      const first = 'INFO gunicorn.access 10.0.0.1 - - "GET /api/v1/spa/ HTTP/1.1" 200';
      const event = {
        event_id: '0123456789abcdef0123456789abcdef',
        timestamp: `${T}.200000Z`,
        message: `10.0.0.1 - - "GET /api/v1/spa/ HTTP/1.1" 200\n  ${end}`,
        level: 'info',
      };
      const lines = [
        `${T}.100000+00:00 app[web.1]: ${REFRESH_FAILED}`,
        JSON.stringify(event),
        `${T}.200000+00:00 app[web.1]: ${first}`,
        `${T}.200000+00:00 app[web.1]:   more`,
        `${T}.200000+00:00 app[web.1]:    `,
        `${T}.200000+00:00 app[web.1]:   \u00a0\u3000`,
      ];
      const [log] = writeFiles({ 'mixed.log': `${lines.join('\n')}\n` });
      const { full, skimmed } = await analyzeSkimmedAndFull([log as string]);

      expect(JSON.stringify(full).includes('reached Sentry')).toBe(sentryKept);
      expect(skimmed).toEqual(full);
    },
  );
});

describe('preferredCopy with a skimmed copy', () => {
  it("keeps a skimmed record whole when it takes a dropped Sentry event copy's links", () => {
    const bytes = Buffer.from('GET /x 200');
    const origin = Object.freeze<RecordOrigin>({ kind: 'log', input: 'a.log' });
    const skimmed = new SkimmedRecord(
      5,
      origin,
      5,
      1,
      bytes,
      0,
      bytes.length,
      'web.1',
      10,
    );
    const event: LogRecord = {
      time: 5,
      source: 'sentry:e1',
      logger: null,
      level: null,
      message: 'GET /x 200',
      origin: { kind: 'sentry-event', eventId: 'e1', issueId: '7' },
    };

    const kept = preferredCopy(skimmed, event);

    expect(kept).toBeInstanceOf(SkimmedRecord);
    expect([kept.message, kept.source, kept.origin]).toEqual([
      '',
      'web.1',
      { kind: 'log', input: 'a.log', eventId: 'e1', issueId: '7' },
    ]);
    expect(origin).toEqual({ kind: 'log', input: 'a.log' });
  });
});
