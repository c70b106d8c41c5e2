import { PassThrough, Writable } from 'node:stream';
import { join } from 'node:path';

import { runCli } from '../../src/cli/runCli';
import { writePieces } from '../../src/cli/writePieces';

/** A stdout that takes each write a turn later and asks for a wait past 1 KiB. */
function slowOut() {
  const seen = { text: '', writes: 0, drains: 0, mostBuffered: 0 };
  const out = new Writable({
    highWaterMark: 1024,
    decodeStrings: false,
    write: (chunk: string, _enc, done) => {
      seen.text += chunk;
      seen.writes += 1;
      seen.mostBuffered = Math.max(seen.mostBuffered, out.writableLength);
      setImmediate(done);
    },
  });
  out.on('drain', () => (seen.drains += 1));
  return { out, seen };
}

describe('writePieces', () => {
  it('writes every piece in order, gathered, and waits when the stream is full', async () => {
    const { out, seen } = slowOut();
    const pieces = Array.from(
      { length: 50_000 },
      (_, i) => `piece ${i} ${'x'.repeat(i % 50)}\n`,
    );
    await writePieces(out, pieces);
    expect(seen.text).toBe(pieces.join(''));
    expect(seen.writes).toBeLessThan(pieces.length / 10);
    // Had it not waited, the whole text would have queued in the stream.
    expect(seen.text.length).toBeGreaterThan(1_000_000);
    expect(seen.mostBuffered).toBeLessThan(140_000);
  });

  it('writes nothing for no pieces', async () => {
    const { out, seen } = slowOut();
    await writePieces(out, []);
    expect(seen.writes).toBe(0);
  });

  it('rejects when the stream fails', async () => {
    const out = new Writable({
      highWaterMark: 16,
      write: (_chunk, _enc, done) => setImmediate(() => done(new Error('EPIPE'))),
    });
    out.on('error', () => undefined);
    await expect(
      writePieces(out, ['a'.repeat(70_000), 'b'.repeat(70_000)]),
    ).rejects.toThrow('EPIPE');
  });
});

describe('analyze --json through a slow stdout', () => {
  it('prints what JSON.stringify(result, null, 2) printed before, byte for byte', async () => {
    const { out, seen } = slowOut();
    const code = await runCli(
      [
        'analyze',
        '--json',
        join(__dirname, '../../../shared/samples/generated/heroku.log'),
      ],
      {
        stdin: new PassThrough(),
        stdout: out,
        stderr: new Writable({ write: (_chunk, _enc, done) => done() }),
        env: {},
        cwd: __dirname,
      },
    );
    expect(code).toBe(0);
    expect(seen.drains).toBeGreaterThan(0);
    expect(seen.text).toBe(`${JSON.stringify(JSON.parse(seen.text), null, 2)}\n`);
  });
});
