import type { AnalysisResult } from '../src/model/Incident';
import type { LogRecord } from '../src/model/LogRecord';
import type { AnalysisSettings } from '../src/model/Settings';
import type { AnalysisScope, IncidentStore, RecordStore } from '../src/store/Store';
import type { WritebackPlanner } from '../src/writeback/createWritebackPlanner';
import { type ReconciledAnalysis, reconciledAnalysis } from './reconciledAnalysis';

export type AnalyzeRecords = (
  records: Iterable<LogRecord>,
  settings: AnalysisSettings,
) => AnalysisResult | Promise<AnalysisResult>;

/** Reads the stored records and incidents of `scope`, analyses and reconciles them. */
export type AnalyzeStore = (scope: AnalysisScope) => Promise<ReconciledAnalysis>;

export interface ReanalyzeDeps {
  store: RecordStore & IncidentStore;
  /** Where the analysis runs; default in this thread, over `store`. */
  analyzeStore?: AnalyzeStore;
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
  const analysis = await (deps.analyzeStore ?? inThisThread(deps))(scope);
  const { upserts, removals, produced } = analysis;

  const planned = deps.writeback?.plan(upserts, produced);
  await deps.store.applyAnalysis({
    upserts,
    removals,
    analyzedVersion: analysis.version,
    writebacks: planned?.writebacks,
    slackNotes: planned?.slackNotes,
  });
  if (planned && planned.writebacks.length + planned.slackNotes.length > 0) {
    deps.onWritebacks?.();
  }

  return {
    records: analysis.records,
    incidents: produced.length,
    written: upserts.length,
    removed: removals.length,
  };
}

/** The analysis in the service's own thread, over the store's own connection. */
export function inThisThread(
  deps: Pick<ReanalyzeDeps, 'store' | 'settings' | 'analyze'>,
): AnalyzeStore {
  return async (scope) => {
    const snapshot = await deps.store.loadRecords(scope);
    const stored = await deps.store.loadIncidents(scope);
    return reconciledAnalysis(snapshot, stored, deps.settings, deps.analyze);
  };
}
