// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/**
 * The message text the shape readers expect: composed accents (`o` + U+0301
 * becomes `ó`), `\n` line ends and no ANSI colour codes.
 */
export function normaliseMessage(message: string): string {
  return message.normalize('NFC').replace(/\r\n?/g, '\n').replace(ANSI, '');
}
