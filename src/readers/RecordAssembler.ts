import type { LogRecord, RecordOrigin } from '../model/LogRecord';
import type { ParsedLine } from './ParsedLine';
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
  first: ParsedLine;
  lines: string[] | null;
  chars: number;
  lineNo: number;
  seq: number;
  key: number;
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

  constructor(
    private readonly input: string,
    private readonly emit: (entry: SortEntry) => void,
    /** The reorder buffer after this must hold entries this much longer. */
    private readonly holdOpenMs = HOLD_OPEN_MS,
  ) {}

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
    if (time !== null) {
      if (time > this.lastTime) this.lastTime = time;
      if (time - this.earliest > this.holdOpenMs) this.closeOlderThan(time);
    }

    if (line.standalone) {
      const record = this.toRecord(line, line.message, lineNo);
      this.emit({ record, key: time ?? this.lastTime, seq });
      return;
    }

    const source = line.source;
    const current = this.open.get(source);
    // A blank line only matters inside a record (a chained traceback).
    if (line.bare === true && current === undefined && isBlank(line.message)) return;
    if (!line.starts && current !== undefined && this.continues(current, line)) {
      if (current.lines === null) current.lines = [current.first.message];
      current.lines.push(line.message);
      current.chars += line.message.length + 1;
      if (current.lines.length >= MAX_LINES || current.chars >= MAX_CHARS)
        this.close(source);
      return;
    }

    if (current !== undefined) this.close(source);
    const key = time ?? this.lastTime;
    this.open.set(source, {
      first: line,
      lines: null,
      chars: line.message.length,
      lineNo,
      seq,
      key,
    });
    if (time !== null && time < this.earliest) this.earliest = time;
  }

  /** Completes every open record (end of input). */
  flush(): void {
    for (const source of [...this.open.keys()]) this.close(source);
    this.earliest = Infinity;
  }

  private continues(current: OpenRecord, line: ParsedLine): boolean {
    const from = current.first.time;
    const to = line.time;
    if (from === null || to === null) return true;
    const gap = to - from;
    return gap <= CONTINUATION_WINDOW_MS && gap >= -CONTINUATION_WINDOW_MS;
  }

  private closeOlderThan(time: number): void {
    let earliest = Infinity;
    for (const [source, open] of this.open) {
      const first = open.first.time;
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
    const lines = open.lines;
    if (lines !== null)
      while (lines.length > 1 && isBlank(lines[lines.length - 1] as string)) lines.pop();
    const message = lines === null ? open.first.message : lines.join('\n');
    const record = this.toRecord(open.first, message, open.lineNo);
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
