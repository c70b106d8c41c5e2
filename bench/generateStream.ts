import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

import type { StreamOptions } from './generator/streamRecords';
import { streamRecords } from './generator/streamRecords';
import { renderLines } from './generator/render/renderLines';
import type { RenderOptions, StreamShape } from './generator/render/StreamShape';
import type { StreamRecord, TruthIncident } from './generator/StreamRecord';

export type { StreamOptions } from './generator/streamRecords';
export type { RenderOptions, StreamShape } from './generator/render/StreamShape';
export { STREAM_SHAPES } from './generator/render/StreamShape';
export type { StreamRecord, TruthIncident } from './generator/StreamRecord';
export type { StorySpec, StoryKind } from './generator/stories/storyKinds';

export interface GeneratedStream {
  /** Every record in log-time order. */
  records: StreamRecord[];
  /** The incidents the stream must yield (SPEC §4–5), as in the samples' truth.json. */
  truth: TruthIncident[];
}

/**
 * A seeded, repeatable stream of a Django app's logs with the incidents it
 * holds: the same options give the same records and truth on every run.
 *
 * @example
 * const { records, truth } = generateStream({ seed: 7, hours: 4, stories: 30 });
 * const text = renderStream(records, 'heroku');
 */
export function generateStream(options: StreamOptions): GeneratedStream {
  const truth: TruthIncident[] = [];
  const records = [...streamRecords(options, truth)];
  return { records, truth };
}

/** The records as one input file of `shape` (held in memory: for tests and small streams). */
export function renderStream(
  records: Iterable<StreamRecord>,
  shape: StreamShape,
  options: RenderOptions = {},
): string {
  let out = '';
  for (const chunk of renderLines(records, shape, options)) out += chunk;
  return out;
}

export interface WriteStreamOptions extends Omit<StreamOptions, 'hours' | 'stories'> {
  /** Stop starting stories once this many bytes (before gzip) are written; stories in flight finish. */
  targetBytes: number;
  /** Random stories an hour of log time. Default 10. */
  storiesPerHour?: number;
  render?: RenderOptions;
  /** Gzip the file (also implied by a `.gz` path). */
  gzip?: boolean;
  /** Where to write the truth; default `<path>.truth.json`; null writes none. */
  truthPath?: string | null;
}

export interface WriteStreamResult {
  /** Bytes of text written (before gzip). */
  bytes: number;
  records: number;
  hours: number;
  truth: TruthIncident[];
}

const CALIBRATION_HOURS = 1;

/** Bytes an hour of this stream's text takes, from one hour rendered and thrown away. */
function bytesPerHour(shape: StreamShape, options: WriteStreamOptions): number {
  const stories = Math.max(
    1,
    Math.round((options.storiesPerHour ?? 10) * CALIBRATION_HOURS),
  );
  let bytes = 0;
  const sample = streamRecords({ ...options, hours: CALIBRATION_HOURS, stories }, []);
  for (const chunk of renderLines(sample, shape, options.render))
    bytes += Buffer.byteLength(chunk);
  return bytes / CALIBRATION_HOURS;
}

/**
 * Writes a stream of about `targetBytes` to `path` without holding it in
 * memory (generation, rendering and writing go a minute of log time at a
 * time), and its truth beside it.
 *
 * @example
 * await writeStream('/tmp/1g.log.gz', 'heroku', { seed: 1, targetBytes: 1e9 });
 */
export async function writeStream(
  path: string,
  shape: StreamShape,
  options: WriteStreamOptions,
): Promise<WriteStreamResult> {
  const perHour = bytesPerHour(shape, options);
  // Aim a little past the target so that the byte count, not the clock, ends the stream.
  const hours = Math.max(CALIBRATION_HOURS, (options.targetBytes / perHour) * 1.1);
  const stories = Math.round((options.storiesPerHour ?? 10) * hours);

  const file = createWriteStream(path);
  const gzip = options.gzip ?? path.endsWith('.gz');
  const sink: Writable = gzip ? createGzip() : file;
  if (gzip) sink.pipe(file);

  const truth: TruthIncident[] = [];
  let bytes = 0;
  let records = 0;
  const counted = function* (source: Iterable<StreamRecord>) {
    for (const record of source) {
      records++;
      yield record;
    }
  };
  const source = streamRecords(
    { ...options, hours, stories },
    truth,
    () => bytes >= options.targetBytes,
  );

  let pending: string[] = [];
  let pendingBytes = 0;
  for (const chunk of renderLines(counted(source), shape, options.render)) {
    const size = Buffer.byteLength(chunk);
    bytes += size;
    pending.push(chunk);
    pendingBytes += size;
    if (pendingBytes >= 1 << 16) {
      if (!sink.write(pending.join(''))) await once(sink, 'drain');
      pending = [];
      pendingBytes = 0;
    }
  }
  sink.end(pending.join(''));
  await finished(file);

  const truthPath =
    options.truthPath === undefined ? `${path}.truth.json` : options.truthPath;
  if (truthPath !== null) writeFileSync(truthPath, `${JSON.stringify(truth, null, 1)}\n`);
  return { bytes, records, hours, truth };
}
