import type { Readable } from 'node:stream';

/** In-memory content of an input (tests, the HTTP service). */
export type InputContent = string | Buffer | Readable;

/**
 * One input: a file path, `-` for stdin, a Buffer or Readable, or an object
 * naming one of these (`{path}`, `{stream}`, or `{data}` for in-memory
 * content: a string in `data` is content, not a path). `name` is what
 * messages and `origin.input` call it.
 */
export type InputSource =
  | string
  | Buffer
  | Readable
  | { name?: string; data: InputContent }
  | { name?: string; path: string }
  | { name?: string; stream: Readable };
