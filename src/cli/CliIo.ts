import type { Readable, Writable } from 'node:stream';

/** What the CLI touches of its process, injected so tests can run it in-process. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Exit codes of SPEC §6, and one for a report that could not be written. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_INPUT = 2;
export const EXIT_OUTPUT = 74;
