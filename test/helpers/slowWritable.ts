import { Writable } from 'node:stream';

/**
 * A stdout that takes each write a turn later and asks writers to wait past
 * 1 KiB; `seen` records what it got and the most it ever held unwritten.
 */
export function slowWritable() {
  const seen = { text: '', writes: 0, mostBuffered: 0 };
  const out: Writable = new Writable({
    highWaterMark: 1024,
    decodeStrings: false,
    write: (chunk: string, _enc, done) => {
      seen.text += chunk;
      seen.writes += 1;
      seen.mostBuffered = Math.max(seen.mostBuffered, out.writableLength);
      setImmediate(done);
    },
  });
  return { out, seen };
}
