import { Writable } from 'node:stream';

import { OutputError } from '../../src/cli/OutputError';
import { writePieces } from '../../src/cli/writePieces';
import { slowWritable } from '../helpers/slowWritable';

describe('writePieces', () => {
  it('writes every piece in order, gathered, holding one write at a time', async () => {
    const { out, seen } = slowWritable();
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
    const { out, seen } = slowWritable();
    await writePieces(out, []);
    expect(seen.writes).toBe(0);
  });

  it('rejects with an OutputError naming a write that fails, and the stream emits it to no one', async () => {
    const failure = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const out = new Writable({
      write: (_chunk, _enc, done) => setImmediate(() => done(failure)),
    });
    const written = writePieces(out, ['a'.repeat(70_000), 'b']);
    await expect(written).rejects.toBeInstanceOf(OutputError);
    await expect(written).rejects.toMatchObject({
      code: 'EPIPE',
      message: 'cannot write the report: write EPIPE',
    });
    expect(out.listenerCount('error')).toBe(0);
  });

  it('lets an error making the pieces through as it was thrown', async () => {
    const { out } = slowWritable();
    const broken = new TypeError('a bug in the report');
    function* pieces() {
      yield 'a';
      throw broken;
    }
    await expect(writePieces(out, pieces())).rejects.toBe(broken);
    expect(out.listenerCount('error')).toBe(0);
  });

  it('rejects instead of waiting forever when the stream was destroyed', async () => {
    const { out } = slowWritable();
    out.destroy();
    await expect(writePieces(out, ['a'])).rejects.toThrow(/destroyed/);
  });
});
