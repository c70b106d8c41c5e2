import { Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { Cause } from '../src/model/Incident';
import type { IncidentStore, WritebackStore } from '../src/store/Store';
import { writebackStates } from '../src/writeback/Writeback';

const causes: Cause[] = [
  'backend_revocation',
  'expected_revocation',
  'rotation_race',
  'stale_token',
  'unexplained',
];

/** What a delivery came to; one label value per way it can end. */
export type DeliveryOutcome =
  | 'stored'
  | 'duplicate'
  | 'ignored'
  | 'empty'
  | 'unauthorized'
  | 'invalid'
  | 'too_large'
  | 'unconfigured'
  | 'failed';

export interface ServiceMetrics {
  registry: Registry;
  deliveries: Counter<'resource' | 'outcome'>;
  deliverySeconds: Histogram<'outcome'>;
  analysisRuns: Counter<'outcome'>;
  analysisSeconds: Histogram;
  /** Seconds the analysis is behind the deliveries; the scheduler sets the source. */
  analysisLag: () => number;
}

// Resources Sentry documents; anything else is counted as `other` to bound label values.
const knownResources = new Set([
  'event_alert',
  'error',
  'issue',
  'comment',
  'installation',
  'metric_alert',
  'seer',
]);

export function resourceLabel(resource: string | null): string {
  if (resource === null) return 'unknown';
  return knownResources.has(resource) ? resource : 'other';
}

/**
 * A registry per app (never prom-client's global one, so apps in one process
 * do not share counts), with the service's metrics.
 */
export function createMetrics(
  store: Pick<IncidentStore, 'countIncidentsByCause'> &
    Partial<Pick<WritebackStore, 'countWritebacks'>>,
) {
  const registry = new Registry();

  const metrics: ServiceMetrics = {
    registry,
    deliveries: new Counter({
      name: 'logout_lens_webhook_deliveries_total',
      help: 'Sentry webhook deliveries by resource and outcome.',
      labelNames: ['resource', 'outcome'],
      registers: [registry],
    }),
    deliverySeconds: new Histogram({
      name: 'logout_lens_webhook_response_seconds',
      help: 'Time to answer a Sentry webhook delivery (Sentry gives up after 1 s).',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    analysisRuns: new Counter({
      name: 'logout_lens_analysis_runs_total',
      help: 'Re-analyses of the stored records by outcome.',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    analysisSeconds: new Histogram({
      name: 'logout_lens_analysis_seconds',
      help: 'Duration of one re-analysis of the stored records.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    analysisLag: () => 0,
  };

  new Gauge({
    name: 'logout_lens_analysis_lag_seconds',
    help: 'Age of the oldest stored delivery the incidents do not reflect yet (0: up to date).',
    registers: [registry],
    collect() {
      this.set(metrics.analysisLag());
    },
  });

  new Gauge({
    name: 'logout_lens_incidents',
    help: 'Current (not superseded) incidents by cause.',
    labelNames: ['cause'],
    registers: [registry],
    async collect() {
      const counts = await store.countIncidentsByCause();
      for (const cause of causes) this.set({ cause }, counts.get(cause) ?? 0);
    },
  });

  const countWritebacks = store.countWritebacks?.bind(store);
  if (countWritebacks) {
    new Gauge({
      name: 'logout_lens_writebacks',
      help: 'Write-backs (Sentry events, comments, Slack messages) in the outbox by state.',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const counts = await countWritebacks();
        for (const state of writebackStates) this.set({ state }, counts[state]);
      },
    });
  }

  return metrics;
}
