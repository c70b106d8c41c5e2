import type { LogRecord } from '../model/LogRecord';

const TAGGED = /^\[[A-Z][A-Z0-9_]+\]/;

/**
 * The identity of a tagged log line across its copies (as an event, as a
 * breadcrumb of later events, as a retried delivery): its time to the
 * millisecond and its first line. Untagged records are not deduplicated.
 */
export function dedupeKey(record: LogRecord): string | null {
  if (!TAGGED.test(record.message)) return null;

  const newline = record.message.indexOf('\n');
  const firstLine = (
    newline < 0 ? record.message : record.message.slice(0, newline)
  ).trimEnd();
  const millis = record.time === null ? 'none' : String(Math.floor(record.time));
  return `${millis}|${firstLine}`;
}
