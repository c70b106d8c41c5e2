import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

import type { AnalysisResult } from '../model/Incident';
import type { LogRecord } from '../model/LogRecord';
import type { AnalysisSettings } from '../model/Settings';
import { Deduplicator } from '../readers/Deduplicator';
import type { ParseRecord } from './ParseRecord';
import { IncidentEngine } from './IncidentEngine';

/** Records analysed between two turns of the event loop. */
const CHUNK = 2000;

/**
 * The service's analysis of its stored records: the same engine as the CLI,
 * behind the same deduplication as the readers (a breadcrumb cut inside its
 * first line is stored apart from its event, but is the same line), and
 * yielding to the event loop between chunks so that webhook deliveries are
 * answered while a long re-analysis runs. `parse` defaults to the engine's
 * own; the analysis thread passes `createSignalCache`'s, which remembers the
 * signals of the records it keeps between runs.
 *
 * @example
 * const result = await analyzeStoredRecords(records, settings);
 */
export async function analyzeStoredRecords(
  records: Iterable<LogRecord>,
  settings: AnalysisSettings,
  parse?: ParseRecord,
): Promise<AnalysisResult> {
  const engine = new IncidentEngine(settings, parse);
  const dedupe = new Deduplicator(settings.lookbackHours * 3_600_000, (record) =>
    engine.push(record),
  );

  let seq = 0;
  let lastTime = -Infinity;
  for (const record of records) {
    if (record.time !== null) lastTime = record.time;
    dedupe.push({ record, key: record.time ?? lastTime, seq: seq++ });
    if (seq % CHUNK === 0) await yieldToEventLoop();
  }
  dedupe.finish();
  return engine.finish();
}
