import type { LogRecord, RecordOrigin } from '../model/LogRecord';
import { parseRouterMessage } from './parseRouterMessage';
import type { SortEntry } from './SortEntry';

/**
 * A record that cannot be a signal (no `[TAG]`, no `Unauthorized:`, not a
 * router 401), handed out without its text: skimming (`ReadOptions.skim`)
 * never decodes such lines, yet the record still counts, takes part in
 * deduplication and moves the engine's clock. `message` is empty, so the
 * engine's pre-filter drops it at once; the first line, which duplicate
 * detection compares, is decoded from the input bytes only when asked for.
 *
 * Deduplication keeps the copy the full reader would keep, so a skimmed
 * record knows what `preferredCopy` weighs: its source and the length its
 * message would have (`messageLength`). The skimmed records of one input
 * share a frozen origin per kind (kind and input, no line number).
 */
export class SkimmedRecord implements LogRecord, SortEntry {
  /** Its own sort entry, one object less per record on the way to the engine. */
  record: LogRecord = this;
  private text: string | null = null;

  constructor(
    readonly time: number | null,
    readonly origin: RecordOrigin,
    readonly key: number,
    readonly seq: number,
    /** The input bytes holding the first line, and where its message lies in them. */
    private readonly bytes: Buffer,
    private readonly start: number,
    private readonly end: number,
    /** The source of a line that names it before its message (not a router line). */
    private readonly named: string | null,
    /** Length of the message the full reader would have built (trailing blank lines dropped). */
    readonly messageLength: number,
  ) {}

  /** The dyno of a router line is in its message: read only when a copy turns up. */
  get source(): string | null {
    if (this.origin.kind === 'router') return parseRouterMessage(this.firstLine()).dyno;
    return this.named;
  }

  // On the prototype, so that each of the millions of records is smaller.
  get logger(): null {
    return null;
  }

  get level(): null {
    return null;
  }

  get message(): string {
    return '';
  }

  /** The message's first line, as the full reader would have decoded it. */
  firstLine(): string {
    this.text ??= this.bytes.toString('utf8', this.start, this.end);
    return this.text;
  }

  /** The same record with another origin (a dropped Sentry copy's links added). */
  withOrigin(origin: RecordOrigin): SkimmedRecord {
    return new SkimmedRecord(
      this.time,
      origin,
      this.key,
      this.seq,
      this.bytes,
      this.start,
      this.end,
      this.named,
      this.messageLength,
    );
  }
}
