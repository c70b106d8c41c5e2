// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks).
// The classes are disjoint from their terminators, so nothing backtracks.
// eslint-disable-next-line no-control-regex -- escape codes are control characters
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** The text without ANSI escape codes; the common case (none) costs one scan. */
export function stripAnsi(text: string): string {
  return text.indexOf('\x1b') === -1 ? text : text.replace(ANSI, '');
}
