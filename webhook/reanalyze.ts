import type { AnalysisResult } from '../src/model/Incident';
import type { LogRecord } from '../src/model/LogRecord';
import type { AnalysisSettings } from '../src/model/Settings';
import type { AnalysisScope, IncidentStore, RecordStore } from '../src/store/Store';
import type { WritebackPlanner } from '../src/writeback/createWritebackPlanner';
import { reconcileIncidents } from './reconcileIncidents';

export type AnalyzeRecords = (
  records: Iterable<LogRecord>,
  settings: AnalysisSettings,
) => AnalysisResult | Promise<AnalysisResult>;

export interface ReanalyzeDeps {
  store: RecordStore & IncidentStore;
  settings: AnalysisSettings;
  analyze: AnalyzeRecords;
  /** Plans the write-backs of what changed; they are stored with the incidents. */
  writeback?: WritebackPlanner;
  /** Called after write-backs were stored (the outbox looks at once). */
  onWritebacks?: () => void;
}

export interface ReanalysisSummary {
  records: number;
  incidents: number;
  written: number;
  removed: number;
}

/**
 * Re-runs the analysis over the stored records of `scope` and writes what
 * changed. Incident ids are hashes of their anchors, so an incident keeps its
 * id as evidence arrives in any order.
 */
export async function reanalyze(
  deps: ReanalyzeDeps,
  scope: AnalysisScope,
): Promise<ReanalysisSummary> {
  const snapshot = await deps.store.loadRecords(scope);
  const result = await deps.analyze(snapshot.records, deps.settings);

  const stored = await deps.store.loadIncidents(scope);
  const { upserts, removals } = reconcileIncidents(stored, result.incidents);
  const planned = deps.writeback?.plan(upserts, result.incidents);
  await deps.store.applyAnalysis({
    upserts,
    removals,
    analyzedVersion: snapshot.version,
    writebacks: planned?.writebacks,
    slackNotes: planned?.slackNotes,
  });
  if (planned && planned.writebacks.length + planned.slackNotes.length > 0) {
    deps.onWritebacks?.();
  }

  return {
    records: snapshot.records.length,
    incidents: result.incidents.length,
    written: upserts.length,
    removed: removals.length,
  };
}
