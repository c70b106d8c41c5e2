/**
 * An input that cannot be read at all (missing file, unreadable, a JSON
 * document that does not parse). The CLI turns it into exit code 2 with
 * `error.message` as its one line.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    /** The input as the user named it (a path, `-`, or an in-memory name). */
    readonly input: string,
    /** What is wrong, without the input name. */
    readonly reason: string,
  ) {
    super(`${input}: ${reason}`);
  }
}
