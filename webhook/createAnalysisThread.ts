import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';

import type { Logger } from '../src/logging/createLogger';
import type { AnalysisSettings } from '../src/model/Settings';
import { startWorkerThread } from '../src/store/startWorkerThread';
import type { AnalysisThreadData, AnalysisThreadReply } from './analysisThread';
import type { AnalyzeStore } from './reanalyze';
import type { ReconciledAnalysis } from './reconciledAnalysis';

export interface AnalysisThread {
  analyzeStore: AnalyzeStore;
  close(): Promise<void>;
}

export interface AnalysisThreadOptions {
  /** The store's SQLite file (not `:memory:`: the thread opens its own connection). */
  path: string;
  settings: AnalysisSettings;
  logger: Logger;
  /** Nice value of the thread; default 10, so deliveries keep the CPU they need. */
  niceness?: number | null;
}

interface Waiting {
  resolve: (analysis: ReconciledAnalysis) => void;
  reject: (error: Error) => void;
}

/**
 * Runs the re-analysis in a worker thread at a lower priority, so that a run
 * over the whole store never holds up the event loop that answers webhooks.
 * The thread reads the SQLite file through its own connection (WAL: readers
 * do not block the writer); the service's thread writes the result. A thread
 * that dies is replaced on the next request.
 */
export function createAnalysisThread(options: AnalysisThreadOptions): AnalysisThread {
  const log = options.logger.child({ part: 'analysis-thread' });
  const data: AnalysisThreadData = {
    path: options.path,
    settings: options.settings,
    niceness: options.niceness === undefined ? 10 : options.niceness,
  };
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  let worker: Worker | null = null;
  let closed = false;

  function start(): Worker {
    const started = spawnThread(data);
    started.on('message', (reply: AnalysisThreadReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if ('error' in reply) entry.reject(new Error(reply.error));
      else entry.resolve(reply.analysis);
    });
    started.on('error', (error) => log.error({ err: error }, 'analysis thread failed'));
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      const error = new Error(`analysis thread exited (code ${code})`);
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    });
    return started;
  }

  return {
    analyzeStore() {
      if (closed) return Promise.reject(new Error('analysis thread closed'));
      worker ??= start();
      const id = nextId++;
      const promise = new Promise<ReconciledAnalysis>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
      });
      worker.postMessage({ id });
      return promise;
    },
    async close() {
      closed = true;
      const running = worker;
      worker = null;
      if (running) await running.terminate();
    },
  };
}

function spawnThread(data: AnalysisThreadData): Worker {
  return startWorkerThread(join(__dirname, `analysisThread${extname(__filename)}`), data);
}
