import { StringDecoder } from 'node:string_decoder';

/** Longest line kept whole, in UTF-16 code units; past it the text is handed on in pieces. */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;
/** Chunks are decoded in pieces of this many bytes; a line is cut only at a piece's end. */
export const PIECE_BYTES = 64 * 1024;

/**
 * Splits a byte stream into text lines (`\n` or `\r\n`) without readline:
 * one UTF-8 decode per chunk and `indexOf`, and multi-byte characters cut
 * between chunks are kept whole.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';

  constructor(private readonly maxLineChars = MAX_LINE_CHARS) {}

  push(chunk: Buffer, onLine: (line: string) => void): void {
    // Decoded in pieces: a string of 1 MB lands in V8's large-object space,
    // which only a full collection frees, so the heap grew by every chunk
    // read; 64 KB strings die young. A piece may end mid-character or
    // mid-line: the decoder and the carry join them as for chunks.
    for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
      this.pushPiece(
        chunk.subarray(at, Math.min(at + PIECE_BYTES, chunk.length)),
        onLine,
      );
    }
  }

  private pushPiece(chunk: Buffer, onLine: (line: string) => void): void {
    const decoded = this.decoder.write(chunk);
    const text = this.carry.length === 0 ? decoded : this.carry + decoded;
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      const end =
        newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      onLine(text.slice(start, end));
      start = newline + 1;
    }
    this.carry = start === 0 ? text : text.slice(start);
    if (this.carry.length > this.maxLineChars) {
      // No newline in sight (binary data, one giant line): do not buffer forever.
      onLine(this.carry);
      this.carry = '';
    }
  }

  /** Hands on the last line when the input does not end with a newline. */
  end(onLine: (line: string) => void): void {
    let rest = this.carry + this.decoder.end();
    this.carry = '';
    if (rest.endsWith('\r')) rest = rest.slice(0, -1);
    if (rest.length > 0) onLine(rest);
  }
}
