import type { LogRecord } from '../model/LogRecord';
import { SkimmedRecord } from './SkimmedRecord';

/** The message's first line (the whole message when it has one line). */
export function firstLineOf(message: string): string {
  const end = message.indexOf('\n');
  return end < 0 ? message : message.slice(0, end);
}

/** The record's first line; a skimmed record's is read from its input bytes. */
export function recordFirstLine(record: LogRecord): string {
  return record instanceof SkimmedRecord
    ? record.firstLine()
    : firstLineOf(record.message);
}

/**
 * A 32-bit hash of the text (FNV-1a with a final mix). Keys kept for hours
 * must not hold on to the text itself: a line is a slice of a large read
 * buffer, and keeping it would keep the buffer.
 */
export function hashText(text: string): number {
  let h = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * The deduplication key of a timed record (SPEC §1): its time to the
 * millisecond and the first line of its message. Null for an untimed record,
 * which is never a duplicate.
 */
export function duplicateKey(record: LogRecord): string | null {
  if (record.time === null) return null;
  return `${Math.floor(record.time)}|${recordFirstLine(record)}`;
}
