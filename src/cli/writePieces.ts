import type { Writable } from 'node:stream';

import { OutputError } from './OutputError';

// A report's pieces are an incident each, a few KiB: gathering them saves
// writes (system calls on a pipe) without holding much of the report at once.
const WRITE_CHARS = 64 * 1024;

function writeOne(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (error) => {
      if (!error) resolve();
      else reject(new OutputError(error.message, (error as NodeJS.ErrnoException).code));
    });
  });
}

/**
 * Writes `pieces` in turn, each gathered write only once the one before it
 * was handled, so at most one is ever held by `out`. A write that fails (a
 * closed pipe, a full disk, a destroyed stream) rejects with an
 * `OutputError`; an error making the pieces comes out as it was thrown.
 */
export async function writePieces(
  out: Writable,
  pieces: Iterable<string>,
): Promise<void> {
  // The error reaches us through the write's callback; `out` also emits it,
  // which with no listener would end the process before we could say why.
  const ignore = () => {};
  out.on('error', ignore);
  try {
    let pending = '';
    for (const piece of pieces) {
      pending += piece;
      if (pending.length >= WRITE_CHARS) {
        await writeOne(out, pending);
        pending = '';
      }
    }
    if (pending !== '') await writeOne(out, pending);
  } finally {
    out.off('error', ignore);
  }
}
