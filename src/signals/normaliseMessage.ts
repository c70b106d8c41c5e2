// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

// NFC leaves every character below U+0300 alone (the first one whose NFC
// quick check is not "yes" is the combining grave accent), so a message with
// no such character, no carriage return and no escape is already normal.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\r\x1b]|[^\x00-\u02ff]/;

/**
 * The message text the shape readers expect: composed accents (`o` + U+0301
 * becomes `ó`), `\n` line ends and no ANSI colour codes.
 */
export function normaliseMessage(message: string): string {
  if (!NEEDS_WORK.test(message)) return message;
  return message.normalize('NFC').replace(/\r\n?/g, '\n').replace(ANSI, '');
}
