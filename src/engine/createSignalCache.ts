import type { LogRecord } from '../model/LogRecord';
import type { AnalysisSettings } from '../model/Settings';
import type { Signal } from '../model/Signal';
import { parseSignal } from '../signals/parseSignal';
import { mayBeSignal } from './mayBeSignal';

/** What the engine's `parse` does for one record. */
export type ParseRecord = (record: LogRecord) => Signal | null;

/**
 * A `parse` for the engine that reads each record's signal once and answers
 * from memory when the same record object comes again.
 *
 * The service's analysis thread keeps the stored records it has read and
 * re-runs the engine over all of them after each batch of deliveries; reading
 * the tags, users and stacks again every run was half of a run's time. A
 * signal is never changed once read (the engine wraps it in a fresh entry per
 * run), so sharing it between runs is safe. Entries go with their records: a
 * record replaced in the store is dropped by the reader and by this cache.
 *
 * Stored records come from `JSON.parse`, which gives them strings of their
 * own, so unlike the readers' records they need no detaching.
 *
 * @example
 * const parse = createSignalCache(settings);
 * const engine = new IncidentEngine(settings, parse);
 */
export function createSignalCache(settings: AnalysisSettings): ParseRecord {
  const signals = new WeakMap<LogRecord, Signal | null>();
  return (record) => {
    const known = signals.get(record);
    if (known !== undefined) return known;
    const signal = mayBeSignal(record) ? parseSignal(record, settings) : null;
    signals.set(record, signal);
    return signal;
  };
}
