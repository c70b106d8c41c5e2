import type { LogRecord, RecordOrigin } from '../model/LogRecord';
import type { SortEntry } from './SortEntry';

/**
 * A record that cannot be a signal (no `[TAG]`, no `Unauthorized:`, not a
 * router 401), handed out without its text: skimming (`ReadOptions.skim`)
 * never decodes such lines, yet the record still counts, takes part in
 * deduplication and moves the engine's clock. `message` is empty, so the
 * engine's pre-filter drops it at once; the first line, which duplicate
 * detection compares, is decoded from the input bytes only when asked for.
 * The skimmed records of one input share one origin (kind and input, no
 * line number): treat it as read-only.
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
  ) {}

  // On the prototype, so that each of the millions of records is smaller.
  get source(): null {
    return null;
  }

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
}
