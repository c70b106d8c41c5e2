/**
 * The report could not be written (a full disk, a closed terminal). The CLI
 * turns it into exit code 74, `EX_IOERR` of sysexits.h, with
 * `error.message` as its one line: the analysis ran, its output was lost.
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';

  constructor(
    reason: string,
    /** The system's error code (`EPIPE`, `ENOSPC`), when it gave one. */
    readonly code?: string,
  ) {
    super(`cannot write the report: ${reason}`);
  }
}
