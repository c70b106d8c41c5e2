import type { Incident } from '../src/model/Incident';
import type { LogRecord } from '../src/model/LogRecord';
import type { AnalysisSettings } from '../src/model/Settings';
import type { RecordSnapshot } from '../src/store/Store';
import type { ProducedIncident } from '../src/writeback/createWritebackPlanner';
import type { AnalyzeRecords } from './reanalyze';
import { reconcileIncidents } from './reconcileIncidents';

/** One analysis of the stored records, as changes to the stored incidents. */
export interface ReconciledAnalysis {
  /** The record version the analysis read. */
  version: number;
  records: number;
  upserts: Incident[];
  removals: string[];
  /** Who and which group, of every incident produced (the write-back planner counts users). */
  produced: ProducedIncident[];
}

/**
 * Analyses a snapshot of the stored records and compares the result with the
 * stored incidents. Runs on the analysis thread, or in the service's own
 * thread when no thread can be used (`:memory:` store, an injected analysis).
 */
export async function reconciledAnalysis(
  snapshot: RecordSnapshot,
  stored: Incident[],
  settings: AnalysisSettings,
  analyze: AnalyzeRecords,
): Promise<ReconciledAnalysis> {
  const records: LogRecord[] = snapshot.records;
  const result = await analyze(records, settings);
  const { upserts, removals } = reconcileIncidents(stored, result.incidents);
  return {
    version: snapshot.version,
    records: records.length,
    upserts,
    removals,
    produced: result.incidents.map(({ user, fingerprint, superseded_by }) => ({
      user,
      fingerprint,
      superseded_by,
    })),
  };
}
