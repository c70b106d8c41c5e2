import type { InputFormat } from './InputFormat';
import { InputError } from './InputError';
import type { InputStats } from './InputStats';
import { detectFormat } from './detectFormat';
import { isEnvelopeFrame, isSentryPayload } from './isSentryPayload';
import { isJsonDocument } from './isJsonDocument';
import { isPlainObject } from './isPlainObject';
import { LineSkimmer } from './LineSkimmer';
import { LineSplitter } from './LineSplitter';
import { parseJsonLogObject } from './parseJsonLogObject';
import { parseLine } from './parseLine';
import { RecordAssembler } from './RecordAssembler';
import { recordsFromSentryBody } from './recordsFromSentryBody';
import { ReorderBuffer } from './ReorderBuffer';
import type { SortEntry } from './SortEntry';
import { splitOctetFrames } from './splitOctetFrames';

export interface EntryReaderOptions {
  /** Forced format (`--format`); detected from the first bytes when absent. */
  format?: InputFormat;
  timezone: string;
  reorderWindowMs: number;
  /** Sentry breadcrumbs can be hours older than their event: they get this window. */
  lookbackMs: number;
  /** Hand out records that cannot be signals as `SkimmedRecord`s (see `ReadOptions.skim`). */
  skim?: boolean;
  /** See `ReadOptions.maxLineChars`. */
  maxLineChars?: number;
}

/** Enough to tell the shape, even when a Sentry body fills the first line. */
const SNIFF_BYTES = 64 * 1024;
const SNIFF_LINES = 20;
/** Room for the records of one line (a Sentry body) between two lines' `seq`. */
const SEQ_PER_LINE = 4096;
const MAX_PROBLEMS = 20;
// In these formats every real line has a prefix: a bare line is garbage.
const PREFIXED_FORMATS = new Set<InputFormat | null>([
  'heroku',
  'syslog',
  'docker',
  'jsonl',
  'sentry',
  'sentry-rest',
]);

function countNewlines(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) count++;
  return count;
}

async function* prepend(
  first: Buffer[],
  rest: AsyncIterator<Buffer>,
): AsyncGenerator<Buffer> {
  yield* first;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

/**
 * Reads one input into records sorted by time (batches of sort entries).
 * Line-shaped inputs are streamed: memory holds the reorder window and the
 * open multi-line records. A JSON document (array or pretty-printed object)
 * is read whole and sorted; one that does not parse throws `InputError`.
 */
export async function* readInputEntries(
  name: string,
  bytes: AsyncIterable<Buffer>,
  stats: InputStats,
  options: EntryReaderOptions,
): AsyncGenerator<SortEntry[]> {
  const iterator = bytes[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let headLines = 0;
  let complete = false;
  // A live stream (`heroku logs --tail | ...`) may never fill the sniff
  // buffer: enough whole lines are as good.
  while (headBytes < SNIFF_BYTES && headLines < SNIFF_LINES) {
    const next = await iterator.next();
    if (next.done === true) {
      complete = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
    headLines += countNewlines(next.value);
  }
  const headBuffer = Buffer.concat(head);
  if (headBuffer.length > SNIFF_BYTES) complete = false;
  const sample = headBuffer.subarray(0, SNIFF_BYTES).toString('utf8');
  const format = options.format ?? detectFormat(sample, complete);
  stats.format = format;
  const timezone = options.timezone;
  const whole = isJsonDocument(sample, complete);

  let out: SortEntry[] = [];
  // A record closes up to one reorder window after its first line (another
  // dyno may run that far ahead), so the buffer holds entries that much longer.
  const holdOpenMs = options.reorderWindowMs;
  const reorder = new ReorderBuffer(
    whole ? Infinity : options.reorderWindowMs + holdOpenMs,
  );
  const assembler = new RecordAssembler(
    name,
    (entry) => {
      stats.records++;
      reorder.push(entry, out);
    },
    holdOpenMs,
  );
  const allowBare = !PREFIXED_FORMATS.has(format);

  const note = (problem: string): void => {
    if (stats.problems.length < MAX_PROBLEMS) stats.problems.push(problem);
  };

  const sentry = (value: Record<string, unknown>, lineNo: number, seq: number): void => {
    reorder.widen(options.lookbackMs);
    const { records, problems } = recordsFromSentryBody(value, name, { timezone });
    for (const problem of problems)
      note(lineNo > 0 ? `line ${lineNo}: ${problem}` : problem);
    if (records.length === 0 && problems.length > 0) stats.skippedLines++;
    let index = 0;
    for (const record of records) {
      if (lineNo > 0) record.origin.line = lineNo;
      stats.records++;
      const key = record.time ?? assembler.latestTime;
      reorder.push({ record, key, seq: seq + Math.min(index++, SEQ_PER_LINE - 1) }, out);
    }
  };

  const jsonValue = (value: unknown, lineNo: number, seq: number): void => {
    if (Array.isArray(value)) {
      for (const item of value) jsonValue(item, lineNo, seq);
      return;
    }
    if (!isPlainObject(value)) {
      stats.skippedLines++;
      return;
    }
    if (isSentryPayload(value)) return sentry(value, lineNo, seq);
    if (isEnvelopeFrame(value)) return;
    const parsed = parseJsonLogObject(value, timezone);
    if (parsed === null) stats.skippedLines++;
    else assembler.push(parsed, lineNo, seq);
  };

  const textLine = (line: string, lineNo: number): void => {
    const parsed = parseLine(line, format, timezone);
    if (parsed === null) stats.skippedLines++;
    else if (parsed.bare !== true || allowBare)
      assembler.push(parsed, lineNo, lineNo * SEQ_PER_LINE);
    else if (line.trim().length > 0) stats.skippedLines++;
  };

  const onLine = (raw: string, lineNo: number): void => {
    if (raw.length === 0) return;
    const line = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const c = line.charCodeAt(0);
    if (c === 123) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        // A dict printed over several lines in a plain log is text, not JSON.
        if (allowBare) textLine(line, lineNo);
        else stats.skippedLines++;
        return;
      }
      jsonValue(value, lineNo, lineNo * SEQ_PER_LINE);
      return;
    }
    if (format === 'syslog' && c >= 48 && c <= 57) {
      const frames = splitOctetFrames(line);
      if (frames !== null) {
        for (const frame of frames) textLine(frame, lineNo);
        return;
      }
    }
    textLine(line, lineNo);
  };

  const all = prepend(head, iterator);

  if (whole) {
    const chunks: Buffer[] = [];
    for await (const chunk of all) chunks.push(chunk);
    let text: string;
    try {
      text = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
    } catch {
      throw new InputError(name, 'the JSON document is too large to read whole');
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InputError(name, `not valid JSON (${(error as Error).message})`);
    }
    if (!isPlainObject(value) && !Array.isArray(value)) {
      throw new InputError(name, 'the JSON document is neither an object nor an array');
    }
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, index) => jsonValue(item, 0, (index + 1) * SEQ_PER_LINE));
    assembler.flush();
    reorder.drain(out);
    stats.duplicates = reorder.merged;
    for (let at = 0; at < out.length; at += 8192) yield out.slice(at, at + 8192);
    return;
  }

  if (options.skim === true) {
    const skimmer = new LineSkimmer(
      assembler,
      onLine,
      SEQ_PER_LINE,
      options.maxLineChars,
    );
    for await (const chunk of all) {
      skimmer.push(chunk);
      stats.duplicates = reorder.merged;
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
    skimmer.end();
  } else {
    let lineNo = 0;
    const numbered = (raw: string): void => onLine(raw, ++lineNo);
    const splitter = new LineSplitter(options.maxLineChars);
    for await (const chunk of all) {
      splitter.push(chunk, numbered);
      stats.duplicates = reorder.merged;
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
    splitter.end(numbered);
  }
  assembler.flush();
  reorder.drain(out);
  stats.duplicates = reorder.merged;
  if (out.length > 0) yield out;
}
