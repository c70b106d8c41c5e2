/**
 * The analysis thread's entry (see `createAnalysisThread`): reads the store
 * through its own read-only connection and answers each request with the
 * analysis reconciled against the stored incidents. It runs at a lower
 * priority than the thread that answers webhooks.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

import { analyzeStoredRecords } from '../src/engine/analyzeStoredRecords';
import { createSignalCache } from '../src/engine/createSignalCache';
import type { LogRecord } from '../src/model/LogRecord';
import type { AnalysisSettings } from '../src/model/Settings';
import { createCheckpointer } from '../src/store/createCheckpointer';
import { createSnapshotReader } from '../src/store/createSnapshotReader';
import { reconciledAnalysis } from './reconciledAnalysis';

export interface AnalysisThreadData {
  path: string;
  settings: AnalysisSettings;
  /** Nice value of this thread (Linux sets it per thread); null leaves it. */
  niceness: number | null;
}

export type AnalysisThreadReply =
  | { id: number; analysis: Awaited<ReturnType<typeof reconciledAnalysis>> }
  | { id: number; error: string };

const CHECKPOINT_EVERY_MS = 250;

const data = workerData as AnalysisThreadData;
const port = parentPort;
if (port === null) throw new Error('analysisThread runs as a worker thread');

if (data.niceness !== null) {
  try {
    // pid 0 is the calling thread on Linux, so only this thread is lowered.
    setPriority(0, data.niceness);
  } catch {
    // Not permitted or not supported: the analysis still runs, at equal priority.
  }
}
const reader = createSnapshotReader(data.path);
// The reader keeps the records it parsed; this keeps their signals with them.
// Both belong to this thread's settings, so `analyze` takes no others.
const parse = createSignalCache(data.settings);
const analyze = (records: Iterable<LogRecord>) =>
  analyzeStoredRecords(records, data.settings, parse);
// Here, at this thread's priority, rather than inside the deliveries' commits.
createCheckpointer(data.path, CHECKPOINT_EVERY_MS);

port.on('message', (request: { id: number }) => {
  void answer(request.id).then((reply) => port.postMessage(reply));
});

async function answer(id: number): Promise<AnalysisThreadReply> {
  try {
    const { snapshot, incidents } = reader.read();
    const analysis = await reconciledAnalysis(
      snapshot,
      incidents,
      data.settings,
      analyze,
    );
    return { id, analysis };
  } catch (error) {
    return {
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}
