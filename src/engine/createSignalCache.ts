import type { LogRecord } from '../model/LogRecord';
import type { AnalysisSettings } from '../model/Settings';
import type { Signal } from '../model/Signal';
import { parseSignal } from '../signals/parseSignal';
import { mayBeSignal } from './mayBeSignal';
import type { ParseRecord } from './ParseRecord';

/**
 * A `parse` for the engine that reads the signal of each record that may be
 * one only once, and answers from memory when the same record object comes
 * again.
 *
 * The service's analysis thread keeps the stored records it has read and
 * re-runs the engine over all of them after each batch of deliveries; reading
 * the tags, users and stacks again every run was half of a run's time. This
 * trades memory for that time: the signals stay as long as their records
 * (about 500 bytes each, stacks included). Records that cannot be signals,
 * most of them, are turned away by `mayBeSignal` before the cache, which is
 * about as cheap as a lookup and keeps them out of it. A signal is never
 * changed once read (the engine wraps it in a fresh entry per run), so
 * sharing it between runs is safe; a record replaced in the store is a new
 * object, and its old entry goes with the old record.
 *
 * Stored records come from `JSON.parse`, which gives them strings of their
 * own, so unlike the readers' records they need no detaching. `read` is
 * `parseSignal` but for tests that count the reads.
 *
 * @example
 * const parse = createSignalCache(settings);
 * const engine = new IncidentEngine(settings, parse);
 */
export function createSignalCache(
  settings: AnalysisSettings,
  read: typeof parseSignal = parseSignal,
): ParseRecord {
  const signals = new WeakMap<LogRecord, Signal | null>();
  return (record) => {
    if (!mayBeSignal(record)) return null;
    const known = signals.get(record);
    if (known !== undefined) return known;
    const signal = read(record, settings);
    signals.set(record, signal);
    return signal;
  };
}
