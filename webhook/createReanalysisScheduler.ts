import type { Logger } from '../src/logging/createLogger';
import type { AnalysisScope } from '../src/store/Store';
import type { ServiceMetrics } from './createMetrics';
import type { ReanalysisSummary } from './reanalyze';

export interface ReanalysisScheduler {
  /** Asks for a re-analysis of `scope`; bursts within the delay coalesce into one run. */
  schedule(scope: AnalysisScope): void;
  /** Runs what is pending now and resolves once nothing is pending or running. */
  idle(): Promise<void>;
  /** Flushes like `idle`, then ignores further requests. */
  close(): Promise<void>;
  /**
   * How far the analysis is behind: milliseconds since the oldest request
   * that no finished run has served yet (0 when none waits).
   */
  lagMs(): number;
}

export interface ReanalysisSchedulerOptions {
  job: (scope: AnalysisScope) => Promise<ReanalysisSummary>;
  logger: Logger;
  /** How long a first request waits for others to join it; default 50 ms. */
  delayMs?: number;
  /**
   * A run waits this many times the last run's length after it (default 2),
   * leaving the CPU to deliveries when the analysis shares their thread.
   */
  restFactor?: number;
  metrics?: Pick<ServiceMetrics, 'analysisRuns' | 'analysisSeconds'>;
}

/**
 * Runs the re-analysis off the request path: the webhook answers once the
 * records are committed, and the incidents follow within the delay. One run
 * at a time; requests that arrive during a run are served by the next one.
 * The delay counts from the first request, so a steady stream of deliveries
 * cannot postpone the analysis forever.
 */
export function createReanalysisScheduler(
  options: ReanalysisSchedulerOptions,
): ReanalysisScheduler {
  const log = options.logger.child({ part: 'analysis' });
  const delayMs = options.delayMs ?? 50;
  const restFactor = options.restFactor ?? 2;

  let pending: AnalysisScope | null = null;
  // When the oldest request of `pending`, and of the run in progress, came.
  let pendingSince: number | null = null;
  let runningSince: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  let lastRunMs = 0;

  // A run re-reads the whole store, so under a steady stream of deliveries
  // back-to-back runs would take the CPU the webhook needs to answer within
  // Sentry's 1 s. Waiting twice the last run's length keeps the analysis to
  // about a third of the time while incidents still follow within seconds.
  function arm() {
    if (timer || running || !pending) return;
    timer = setTimeout(start, Math.max(delayMs, restFactor * lastRunMs));
    timer.unref();
  }

  function start() {
    timer = null;
    if (running || !pending) return;

    const scope = pending;
    pending = null;
    runningSince = pendingSince;
    pendingSince = null;
    running = runOnce(scope).finally(() => {
      running = null;
      runningSince = null;
      arm();
    });
  }

  async function runOnce(scope: AnalysisScope) {
    const began = performance.now();
    try {
      const summary = await options.job(scope);
      lastRunMs = performance.now() - began;
      const seconds = lastRunMs / 1000;
      options.metrics?.analysisRuns.inc({ outcome: 'ok' });
      options.metrics?.analysisSeconds.observe(seconds);
      log.debug(
        { scope, ...summary, ms: Math.round(seconds * 1000) },
        're-analysis done',
      );
    } catch (error) {
      lastRunMs = performance.now() - began;
      // The records stay stored and the store still marks them pending: the
      // next delivery, or the next start, runs the analysis again.
      options.metrics?.analysisRuns.inc({ outcome: 'failed' });
      log.error({ err: error, scope }, 're-analysis failed');
    }
  }

  async function idle() {
    while (timer || running || pending) {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      if (!running) start();
      if (running) await running;
    }
  }

  return {
    schedule(scope) {
      if (closed) {
        log.warn({ scope }, 're-analysis requested after close; the next start runs it');
        return;
      }
      pending = mergeScopes(pending, scope);
      pendingSince ??= performance.now();
      arm();
    },
    idle,
    async close() {
      closed = true;
      await idle();
    },
    lagMs() {
      const since = runningSince ?? pendingSince;
      return since === null ? 0 : performance.now() - since;
    },
  };
}

function mergeScopes(a: AnalysisScope | null, b: AnalysisScope): AnalysisScope {
  // Only `all` exists for now; user scopes will merge by union here.
  return a ?? b;
}
