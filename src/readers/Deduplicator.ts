import type { LogRecord } from '../model/LogRecord';
import { hashText, recordFirstLine } from './duplicateKey';
import { preferredCopy } from './preferredCopy';
import { RecentKeys } from './RecentKeys';
import type { SortEntry } from './SortEntry';
import { tagLength } from './tagLength';

/**
 * Drops repeated copies of a log line from the sorted stream (SPEC §1): the
 * same line arrives as a Sentry event and as breadcrumbs of later events,
 * through two alert rules, or from a log file and Sentry at once.
 *
 * Copies share the time to the millisecond, so in a sorted stream they are
 * neighbours: each millisecond's records are collected and merged, keeping
 * the longest copy in the place of the first. This applies to every timed
 * record, tagged or not, so that an untagged `Unauthorized: ...` line
 * repeated in 50 breadcrumb lists counts once.
 *
 * A copy that arrives later than its input's reorder window is no longer a
 * neighbour; for tagged records (the signals) a key is kept for `keepMs` of
 * log time to drop such late copies. Keys are hashes, and old keys are
 * forgotten, so memory follows that window, not the input.
 */
export class Deduplicator {
  private group: SortEntry[] = [];
  private groupMs = NaN;
  /** Tagged lines released: millisecond and a 32-bit hash of the first line. */
  private readonly seen = new RecentKeys();
  private latestMs = -Infinity;
  duplicates = 0;

  constructor(
    private readonly keepMs: number,
    private readonly emit: (record: LogRecord) => void,
  ) {}

  push(entry: SortEntry): void {
    if (entry.record.time === null) {
      // Never a duplicate; flushing first keeps it after the records before it.
      if (this.group.length > 0) this.flushGroup();
      this.groupMs = NaN;
      this.emit(entry.record);
      return;
    }
    const ms = Math.floor(entry.key);
    if (ms !== this.groupMs && this.group.length > 0) this.flushGroup();
    this.groupMs = ms;
    this.group.push(entry);
  }

  /** Emits what is still held (end of input). */
  finish(): void {
    if (this.group.length > 0) this.flushGroup();
  }

  private flushGroup(): void {
    const group = this.group;
    if (group.length === 1) {
      // Most milliseconds hold one record: the array is reused.
      const record = (group.pop() as SortEntry).record;
      this.release(record);
      return;
    }
    this.group = [];

    const kept: LogRecord[] = [];
    const byLine = new Map<string, number>();
    for (const entry of group) {
      const record = entry.record;
      const line = recordFirstLine(record);
      const at = byLine.get(line) ?? cutCopyOf(line, kept);
      if (at === undefined) {
        byLine.set(line, kept.length);
        kept.push(record);
      } else {
        kept[at] = preferredCopy(kept[at] as LogRecord, record);
        this.duplicates++;
      }
    }
    for (const record of kept) this.release(record);
  }

  private release(record: LogRecord): void {
    const time = record.time;
    if (time === null || tagLength(record.message) === 0) {
      this.emit(record);
      return;
    }

    const ms = Math.floor(time);
    const hash = hashText(recordFirstLine(record));
    if (this.seen.has(ms, hash)) {
      this.duplicates++;
      return;
    }
    this.seen.add(ms, hash);
    // Forgetting once a minute of log time is plenty and keeps this cheap.
    if (ms > this.latestMs + 60_000) {
      this.latestMs = ms;
      this.seen.forgetBefore(ms - this.keepMs);
    }
    this.emit(record);
  }
}

/** Shorter than this, a first line that begins another is not taken for a cut copy. */
const MIN_CUT_LINE = 48;

/**
 * An SDK that cuts strings at 512 or 1024 characters can cut a breadcrumb
 * inside its first line, so the copy's first line only begins the whole
 * one's. Within one millisecond, a tagged line that begins another tagged
 * line (or is begun by it) is the same line.
 */
function cutCopyOf(line: string, kept: LogRecord[]): number | undefined {
  const cut = withoutEllipsis(line);
  if (cut.length < MIN_CUT_LINE || tagLength(line) === 0) return undefined;
  for (let i = 0; i < kept.length; i++) {
    const other = withoutEllipsis(recordFirstLine(kept[i] as LogRecord));
    if (other.length < MIN_CUT_LINE) continue;
    if (other.startsWith(cut) || cut.startsWith(other)) return i;
  }
  return undefined;
}

/** The SDK marks a cut with `...` (or `…`) in place of the text it dropped. */
function withoutEllipsis(line: string): string {
  if (line.endsWith('...')) return line.slice(0, -3);
  if (line.endsWith('…')) return line.slice(0, -1);
  return line;
}
