import type { KeyedRecord } from './Store';

/** A keyed record as the store writes it: its row's columns, the record as JSON. */
export interface RecordRow {
  key: string;
  preference: string;
  time: number | null;
  source: string | null;
  messageLength: number;
  /** `JSON.stringify` of the record, as its row (or its bundle) holds it. */
  json: string;
}

/**
 * A delivery's record rows in one string and a few typed arrays. The
 * structured clone that posts a message to the writer thread pays per object
 * and per string: 100 nested records cost the webhook thread about 0.26 ms
 * to send (and the writer as much to rebuild, then to turn into JSON), 100
 * flat rows as much again; one string is copied whole.
 */
export interface PackedRecords {
  /** Each record's key, preference, source (when it has one) and JSON, in turn. */
  text: string;
  /** Four per record: where its key, preference, source (-1: none) and JSON end. */
  ends: Int32Array;
  /** NaN for a record without a time (SQLite stores NaN as NULL too). */
  times: Float64Array;
  messageLengths: Int32Array;
}

export function packRecords(records: KeyedRecord[]): PackedRecords {
  const parts: string[] = [];
  let at = 0;
  const put = (part: string) => {
    parts.push(part);
    at += part.length;
    return at;
  };

  const ends = new Int32Array(records.length * 4);
  const times = new Float64Array(records.length);
  const messageLengths = new Int32Array(records.length);
  records.forEach(({ key, preference, record }, index) => {
    ends[index * 4] = put(key);
    ends[index * 4 + 1] = put(preference);
    ends[index * 4 + 2] = record.source === null ? -1 : put(record.source);
    ends[index * 4 + 3] = put(JSON.stringify(record));
    times[index] = record.time ?? NaN;
    messageLengths[index] = record.message.length;
  });
  return { text: parts.join(''), ends, times, messageLengths };
}

export function unpackRecords(packed: PackedRecords): RecordRow[] {
  const { text, ends, times, messageLengths } = packed;
  let from = 0;
  const take = (end: number) => {
    const part = text.slice(from, end);
    from = end;
    return part;
  };

  const rows: RecordRow[] = [];
  for (let index = 0; index < times.length; index++) {
    const key = take(ends[index * 4]!);
    const preference = take(ends[index * 4 + 1]!);
    const sourceEnd = ends[index * 4 + 2]!;
    const source = sourceEnd < 0 ? null : take(sourceEnd);
    const json = take(ends[index * 4 + 3]!);
    const time = times[index]!;
    rows.push({
      key,
      preference,
      time: Number.isNaN(time) ? null : time,
      source,
      messageLength: messageLengths[index]!,
      json,
    });
  }
  return rows;
}
