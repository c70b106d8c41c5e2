const LEVEL = '(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)';
const TIME =
  '\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?' +
  '(?:\\s?(?:Z|[+-]\\d{2}:?\\d{2}))?';
const LOGGER = '[A-Za-z_][\\w.]*';

// The app logging formats of SPEC §1, plus a bare timestamp (a platform
// prefix a reader left behind). Each must name a level or a time, so that a
// message that merely starts with a word is never cut.
const PREFIXES = [
  new RegExp(`^\\[${TIME}\\]\\s+${LEVEL}\\s+${LOGGER}:?\\s+`),
  new RegExp(`^${TIME}\\s+${LEVEL}\\s+${LOGGER}:?\\s+`),
  new RegExp(`^${LEVEL}\\s+${TIME}\\s+${LOGGER}:?\\s+`),
  new RegExp(`^${LEVEL}:${LOGGER}:\\s*`),
  new RegExp(`^${LEVEL}\\s+${LOGGER}:?\\s+`),
  new RegExp(`^\\[?${TIME}\\]?\\s+`),
  new RegExp(`^${LEVEL}:?\\s+`),
];

/** A `[TAG]` or the django.request refusal, which a prefix may hide. */
const MESSAGE_START = /^(?:\[[A-Z][A-Z0-9_.-]*\]|Unauthorized:)/;

/**
 * The message without an app logging prefix (`INFO users.signals `,
 * `WARNING 2026-01-03 10:00:00,123 signals `, `[2026-...] INFO logger: `,
 * `INFO:logger:`) that a reader did not recognise. The prefix is only
 * removed when a tag (or `Unauthorized:`) follows it; any other message is
 * returned as is, apart from leading blanks.
 */
export function stripAppPrefix(message: string): string {
  const original = message.trimStart();
  if (MESSAGE_START.test(original)) return original;

  // Every way of cutting one or two prefixes (a platform time can sit in front
  // of a full app prefix), until one leaves a tag at the start.
  let candidates = [original];
  for (let round = 0; round < 2; round++) {
    candidates = candidates.flatMap((text) =>
      PREFIXES.flatMap((prefix) => {
        const match = prefix.exec(text);
        return match ? [text.slice(match[0].length)] : [];
      }),
    );
    const found = candidates.find((text) => MESSAGE_START.test(text));
    if (found !== undefined) return found;
  }
  return original;
}
