import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Pieces are gathered to about this many characters a write. */
const WRITE_CHARS = 64 * 1024;

/** Writes `pieces` in turn, waiting whenever `out` asks the writer to wait. */
export async function writePieces(
  out: Writable,
  pieces: Iterable<string>,
): Promise<void> {
  let pending = '';
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= WRITE_CHARS) {
      await write(pending);
      pending = '';
    }
  }
  if (pending !== '') await write(pending);
}
