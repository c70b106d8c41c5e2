import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

async function* counted(
  first: Buffer,
  rest: AsyncIterator<Buffer>,
  onBytes: (count: number) => void,
): AsyncGenerator<Buffer> {
  onBytes(first.length);
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    onBytes(next.value.length);
    yield next.value;
  }
}

/**
 * The input's bytes, gunzipped when they start with the gzip magic bytes
 * (1f 8b), whatever the file is called. `onBytes` sees the bytes as read
 * (compressed), which is what a progress bar over file sizes needs.
 */
export async function* gunzipIfNeeded(
  raw: AsyncIterable<Buffer>,
  onBytes: (count: number) => void,
): AsyncGenerator<Buffer> {
  const iterator = raw[Symbol.asyncIterator]();
  let first: Buffer = Buffer.alloc(0);
  // Two bytes decide; a stream may deliver fewer in its first chunk.
  while (first.length < 2) {
    const next = await iterator.next();
    if (next.done === true) break;
    first = first.length === 0 ? next.value : Buffer.concat([first, next.value]);
  }
  if (first.length === 0) return;

  const bytes = counted(first, iterator, onBytes);
  if (first[0] !== 0x1f || first[1] !== 0x8b) {
    yield* bytes;
    return;
  }
  const gunzip = createGunzip();
  pipeline(Readable.from(bytes, { objectMode: false }), gunzip, () => {
    // Errors reach the consumer through the gunzip stream's iteration.
  });
  for await (const chunk of gunzip) yield chunk as Buffer;
}
