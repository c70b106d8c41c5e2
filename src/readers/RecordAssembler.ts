import type { LogRecord, RecordOrigin } from '../model/LogRecord';
import type { ParsedLine } from './ParsedLine';
import { SkimmedRecord } from './SkimmedRecord';
import type { SortEntry } from './SortEntry';

/** A continuation line joins its source's record only this close to its first line. */
const CONTINUATION_WINDOW_MS = 1000;
/**
 * How long a record stays open, by default, for its source's continuation
 * lines while other sources move on: dynos' streams reach a drain minutes
 * apart (SPEC §1 allows 5), so another dyno's later line must not close it.
 */
export const HOLD_OPEN_MS = 5 * 60_000;
// A record is closed when it grows past these, so that a stream of bare
// lines (a text file read as a log) cannot hold unbounded memory.
const MAX_LINES = 5000;
const MAX_CHARS = 2_000_000;

interface OpenRecord {
  /** The first line; null for a skimmed record, which keeps only where it lies. */
  first: ParsedLine | null;
  time: number | null;
  lines: string[] | null;
  /** Lines so far (a skimmed record keeps no text). */
  count: number;
  chars: number;
  /** A skimmed record: `chars` up to its last line that is not blank. */
  length: number;
  lineNo: number;
  seq: number;
  key: number;
  /** A skimmed record: the input bytes holding its first line's message. */
  bytes: Buffer | null;
  start: number;
  end: number;
}

/** What a line that does not start a record would join (`joins`). */
export const enum Joins {
  Nothing = 0,
  Skimmed = 1,
  Text = 2,
}

function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/**
 * Groups parsed lines into records (SPEC §1): a line that does not start a
 * record continues the open record of the same source (dyno, container,
 * syslog process; a file without sources is one source) when it comes
 * within 1 s of that record's first line, or when either time is unknown.
 * Other sources' lines may sit in between. A record is complete when its
 * source starts a new one or sends a line more than 1 s past its first line,
 * when any source is `holdOpenMs` past it, or at `flush()`.
 *
 * Completed records go to `emit` in completion order, each with the input
 * order of its first line as `seq`; the reorder buffer restores the order.
 */
export class RecordAssembler {
  private readonly open = new Map<string | null, OpenRecord>();
  /** Earliest first-line time among open records, to skip most sweeps. */
  private earliest = Infinity;
  /** Latest time seen on any line: the sort key of records that have none. */
  private lastTime = -Infinity;
  /** The record the last `joins` found, for `skimContinuation`. */
  private joined: OpenRecord | null = null;
  // Skimmed records share an origin per kind (nothing reads their line
  // numbers), frozen so that no change to one record reaches the others.
  private readonly skimmedOrigin: RecordOrigin;
  private readonly skimmedRouterOrigin: RecordOrigin;

  constructor(
    private readonly input: string,
    private readonly emit: (entry: SortEntry) => void,
    /** The reorder buffer after this must hold entries this much longer. */
    private readonly holdOpenMs = HOLD_OPEN_MS,
  ) {
    this.skimmedOrigin = Object.freeze<RecordOrigin>({ kind: 'log', input });
    this.skimmedRouterOrigin = Object.freeze<RecordOrigin>({ kind: 'router', input });
  }

  /** Latest time seen so far: the sort key for a record that has none. */
  get latestTime(): number {
    return this.lastTime;
  }

  /**
   * Adds line `lineNo` (1-based; 0 when the input has no lines, as in a
   * JSON array) of the input; `seq` orders records that share a time.
   */
  push(line: ParsedLine, lineNo: number, seq = lineNo): void {
    const time = line.time;
    if (time !== null) this.advance(time);

    if (line.standalone) {
      const record = this.toRecord(line, line.message, lineNo);
      this.emit({ record, key: time ?? this.lastTime, seq });
      return;
    }

    const source = line.source;
    const current = this.open.get(source);
    // A blank line only matters inside a record (a chained traceback).
    if (line.bare === true && current === undefined && isBlank(line.message)) return;
    if (!line.starts && current !== undefined && this.continues(current, time)) {
      this.append(current, source, line.message, line.message.length);
      return;
    }

    if (current !== undefined) this.close(source);
    this.openRecord(source, time, line, lineNo, seq);
  }

  /**
   * What a line of `source` at `time` that does not start a record would
   * continue: nothing (it opens a record of its own), a skimmed record (it
   * only counts) or a record whose text is kept (it must be read).
   */
  joins(source: string | null, time: number): Joins {
    this.advance(time);
    const current = this.open.get(source);
    if (current === undefined || !this.continues(current, time)) return Joins.Nothing;
    this.joined = current;
    return current.bytes === null ? Joins.Text : Joins.Skimmed;
  }

  /**
   * Adds a continuation line of a skimmed record, right after `joins` said
   * so: `chars` characters long decoded, `blank` when only white space.
   */
  skimContinuation(source: string | null, chars: number, blank: boolean): void {
    const current = this.joined as OpenRecord;
    // The full reader drops a record's trailing blank lines from its message.
    if (!blank) current.length = current.chars + 1 + chars;
    this.append(current, source, null, chars);
  }

  /**
   * Opens a record that cannot be a signal, from its first line's bytes:
   * its message is `bytes[start, end)`, `chars` characters long decoded.
   */
  skimStart(
    time: number,
    source: string | null,
    bytes: Buffer,
    start: number,
    end: number,
    chars: number,
    lineNo: number,
    seq: number,
  ): void {
    this.advance(time);
    if (this.open.has(source)) this.close(source);
    this.openRecord(source, time, null, lineNo, seq);
    const open = this.open.get(source) as OpenRecord;
    open.bytes = bytes;
    open.start = start;
    open.end = end;
    open.chars = chars;
    open.length = chars;
  }

  /**
   * A standalone line that cannot be a signal, a record at once: a router
   * line (its source is in its message) or another platform line of `source`.
   */
  skimStandalone(
    time: number,
    router: boolean,
    source: string | null,
    bytes: Buffer,
    start: number,
    end: number,
    chars: number,
    seq: number,
  ): void {
    this.advance(time);
    const origin = router ? this.skimmedRouterOrigin : this.skimmedOrigin;
    this.emit(
      new SkimmedRecord(time, origin, time, seq, bytes, start, end, source, chars),
    );
  }

  private advance(time: number): void {
    if (time > this.lastTime) this.lastTime = time;
    if (time - this.earliest > this.holdOpenMs) this.closeOlderThan(time);
  }

  private append(
    current: OpenRecord,
    source: string | null,
    text: string | null,
    chars: number,
  ): void {
    if (current.bytes === null) {
      if (current.lines === null) current.lines = [(current.first as ParsedLine).message];
      current.lines.push(text as string);
    }
    current.count++;
    current.chars += chars + 1;
    if (current.count >= MAX_LINES || current.chars >= MAX_CHARS) this.close(source);
  }

  private openRecord(
    source: string | null,
    time: number | null,
    first: ParsedLine | null,
    lineNo: number,
    seq: number,
  ): void {
    this.open.set(source, {
      first,
      time,
      lines: null,
      count: 1,
      chars: first === null ? 0 : first.message.length,
      length: 0,
      lineNo,
      seq,
      key: time ?? this.lastTime,
      bytes: null,
      start: 0,
      end: 0,
    });
    if (time !== null && time < this.earliest) this.earliest = time;
  }

  /** Completes every open record (end of input). */
  flush(): void {
    for (const source of [...this.open.keys()]) this.close(source);
    this.earliest = Infinity;
  }

  private continues(current: OpenRecord, to: number | null): boolean {
    const from = current.time;
    if (from === null || to === null) return true;
    const gap = to - from;
    return gap <= CONTINUATION_WINDOW_MS && gap >= -CONTINUATION_WINDOW_MS;
  }

  private closeOlderThan(time: number): void {
    let earliest = Infinity;
    for (const [source, open] of this.open) {
      const first = open.time;
      if (first === null) continue;
      if (time - first > this.holdOpenMs) this.close(source);
      else if (first < earliest) earliest = first;
    }
    this.earliest = earliest;
  }

  private close(source: string | null): void {
    const open = this.open.get(source);
    if (open === undefined) return;
    this.open.delete(source);
    if (open.bytes !== null) {
      this.emit(
        new SkimmedRecord(
          open.time,
          this.skimmedOrigin,
          open.key,
          open.seq,
          open.bytes,
          open.start,
          open.end,
          source,
          open.length,
        ),
      );
      return;
    }
    const first = open.first as ParsedLine;
    const lines = open.lines;
    if (lines !== null)
      while (lines.length > 1 && isBlank(lines[lines.length - 1] as string)) lines.pop();
    const message = lines === null ? first.message : lines.join('\n');
    const record = this.toRecord(first, message, open.lineNo);
    this.emit({ record, key: open.key, seq: open.seq });
  }

  private toRecord(line: ParsedLine, message: string, lineNo: number): LogRecord {
    const origin: RecordOrigin = { kind: line.kind, input: this.input };
    if (lineNo > 0) origin.line = lineNo;
    if (line.httpStatus !== undefined) origin.httpStatus = line.httpStatus;
    if (line.path !== undefined) origin.path = line.path;
    return {
      time: line.time,
      source: line.source,
      logger: line.logger,
      level: line.level,
      message,
      origin,
    };
  }
}
