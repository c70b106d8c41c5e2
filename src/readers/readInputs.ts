/**
 * The readers' entry point: every input (files, stdin, in-memory content)
 * as one stream of records, sorted by time and without duplicates.
 *
 * @example
 * const { records, stats } = readInputs(['heroku.log', 'events.ndjson.gz'], {
 *   timezone: settings.timezone,
 *   lookbackHours: settings.lookbackHours,
 *   onProgress: (read, total) => bar.update(read, { total }),
 * });
 * try {
 *   for await (const record of records) engine.push(record);
 * } catch (error) {
 *   if (error instanceof InputError) return exitWith(2, error.message);
 *   throw error;
 * }
 * // stats is complete once the loop ends: stats.records, stats.skippedLines
 *
 * A missing or unreadable file throws `InputError` from `readInputs` itself;
 * a read failure later on (a corrupt gzip, a JSON array that does not parse)
 * throws it from the iteration. A line nobody understands is only counted.
 */
import type { Readable } from 'node:stream';
import type { LogRecord } from '../model/LogRecord';
import { Deduplicator } from './Deduplicator';
import { gunzipIfNeeded } from './gunzipIfNeeded';
import type { InputFormat } from './InputFormat';
import { InputError } from './InputError';
import type { InputSource } from './InputSource';
import type { InputStats } from './InputStats';
import { mergeSortedBatches } from './mergeSortedBatches';
import { flattenBatches } from './flattenBatches';
import { describeReadError, openInput } from './openInput';
import { readInputEntries } from './readInputEntries';
import type { SortEntry } from './SortEntry';
import { isKnownZone } from './zonedToEpochMs';

export interface ReadOptions {
  /** Read every input as this format (`--format`); otherwise each is detected. */
  format?: InputFormat;
  /** IANA zone for times written without an offset. Default `UTC`. */
  timezone?: string;
  /** How long duplicate keys are remembered, in hours of log time. Default 24. */
  lookbackHours?: number;
  /** How far out of order records may arrive and still come out sorted. Default 5 min. */
  reorderWindowMs?: number;
  /** Called as bytes are read; `totalBytes` sums file sizes (0 for stdin, streams). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** What `-` reads. Default `process.stdin`. */
  stdin?: Readable;
  /**
   * Read line-shaped inputs without decoding the lines that cannot be
   * signals (see `LineSkimmer`): their records come out as `SkimmedRecord`s,
   * with an empty message, still counted, deduplicated and in time order.
   * For the analysis, which gives the same incidents and statistics either
   * way; off for callers that keep the records' text.
   */
  skim?: boolean;
  /**
   * Longest line kept whole, in UTF-16 units; a longer one (binary data, no
   * newline in sight) is handed on in parts. Default 32 Mi; tests lower it.
   */
  maxLineChars?: number;
}

export interface ReadStats {
  /** Records handed out (after duplicates were dropped). */
  records: number;
  /** Lines skipped because no parser understood them, over all inputs. */
  skippedLines: number;
  /** Copies of a line dropped as duplicates. */
  duplicates: number;
  inputs: InputStats[];
}

export interface ReadResult {
  /** Every record of every input, sorted by time; iterate once. */
  records: AsyncIterable<LogRecord>;
  /** The same records in batches (cheaper per record); iterate this or `records`. */
  batches: AsyncIterable<LogRecord[]>;
  /** Filled in as `records` is consumed; final when the iteration ends. */
  stats: ReadStats;
}

const DEFAULT_REORDER_WINDOW_MS = 5 * 60 * 1000;

async function* guarded(
  name: string,
  entries: AsyncIterable<SortEntry[]>,
): AsyncGenerator<SortEntry[]> {
  try {
    yield* entries;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(name, describeReadError(error));
  }
}

/** Reads all inputs as one sorted, deduplicated stream of records. */
export function readInputs(inputs: InputSource[], options: ReadOptions = {}): ReadResult {
  const timezone = options.timezone ?? 'UTC';
  if (!isKnownZone(timezone)) throw new RangeError(`unknown timezone "${timezone}"`);
  const lookbackMs = (options.lookbackHours ?? 24) * 3600 * 1000;
  const reorderWindowMs = options.reorderWindowMs ?? DEFAULT_REORDER_WINDOW_MS;

  const opened = inputs.map((input, index) =>
    openInput(input, index, options.stdin ?? process.stdin),
  );
  const totalBytes = opened.reduce((sum, input) => sum + (input.size ?? 0), 0);
  const stats: ReadStats = {
    records: 0,
    skippedLines: 0,
    duplicates: 0,
    inputs: opened.map((input) => ({
      name: input.name,
      format: options.format ?? null,
      bytes: 0,
      records: 0,
      duplicates: 0,
      skippedLines: 0,
      problems: [],
    })),
  };

  let bytesRead = 0;
  const onBytes = (inputStats: InputStats) => (count: number) => {
    inputStats.bytes += count;
    bytesRead += count;
    options.onProgress?.(bytesRead, totalBytes);
  };

  async function* batches(): AsyncGenerator<LogRecord[]> {
    const streams = opened.map((input, index) => {
      const inputStats = stats.inputs[index] as InputStats;
      const bytes = gunzipIfNeeded(input.chunks(), onBytes(inputStats));
      const entries = readInputEntries(input.name, bytes, inputStats, {
        format: options.format,
        timezone,
        reorderWindowMs,
        lookbackMs: Math.max(lookbackMs, reorderWindowMs),
        skim: options.skim,
        maxLineChars: options.maxLineChars,
      });
      return guarded(input.name, entries);
    });

    let ready: LogRecord[] = [];
    const dedup = new Deduplicator(
      Math.max(lookbackMs, 2 * reorderWindowMs),
      (record) => {
        stats.records++;
        ready.push(record);
      },
    );
    const settle = (): void => {
      stats.duplicates = stats.inputs.reduce(
        (sum, input) => sum + input.duplicates,
        dedup.duplicates,
      );
      stats.skippedLines = stats.inputs.reduce(
        (sum, input) => sum + input.skippedLines,
        0,
      );
    };

    for await (const batch of mergeSortedBatches(streams)) {
      for (const entry of batch) dedup.push(entry);
      if (ready.length > 0) {
        const out = ready;
        ready = [];
        settle();
        yield out;
      }
    }
    dedup.finish();
    settle();
    if (ready.length > 0) yield ready;
  }

  const all = batches();
  return { records: flattenBatches(all), batches: all, stats };
}
