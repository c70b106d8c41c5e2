import type { AnalysisResult } from '../model/Incident';
import type { LogRecord } from '../model/LogRecord';
import type { AnalysisSettings } from '../model/Settings';
import { IncidentEngine } from './IncidentEngine';

/**
 * Runs the whole analysis over records already in time order (and
 * deduplicated). The CLI streams into an `IncidentEngine` instead; the
 * service calls this over its stored records. Both give the same incidents.
 *
 * @example
 * const { incidents } = analyzeRecords(records, settings);
 */
export function analyzeRecords(
  records: Iterable<LogRecord>,
  settings: AnalysisSettings,
): AnalysisResult {
  const engine = new IncidentEngine(settings);
  for (const record of records) engine.push(record);
  return engine.finish();
}
