import { join } from 'node:path';

import type { BenchSizes } from './benchSizes';
import { freePort, pinned, startChildServer } from './childServer';
import { writeDeliveriesFile } from './deliveriesFile';
import { heading, line, ratio } from './formatFigures';
import type { LoadFigures } from './LoadFigures';
import { BOTH_CORES, ONE_CORE, type Placement } from './Placement';
import { runMeasured } from './runMeasured';
import { webhookBodies } from './webhookBodies';

/** How far the analysis fell behind during a service run, and the deliveries' outcomes. */
export interface AnalysisLag {
  /** Largest `logout_lens_analysis_lag_seconds` seen while loaded (sampled every 250 ms), ms. */
  maxLagMs: number;
  /** From the end of the load until `GET /api/incidents` answered (it waits for the analysis), ms. */
  settleMs: number;
  stored: number;
  duplicates: number;
}

/** The runs of one placement of the server and the load sender on the cores. */
export interface PlacedFigures {
  /** Evenly paced (`pacedLoadChild.ts`): the figures the targets are judged by. */
  serviceAtRate: LoadFigures & AnalysisLag;
  bareAtRate: LoadFigures;
  serviceMax: LoadFigures & AnalysisLag;
  /** New deliveries stored per second flat out: repeats of a body are cheaper. */
  serviceMaxNew: number;
  bareMax: LoadFigures;
}

export interface WebhookFigures {
  bodyBytes: number;
  /** Server on one core, sender on the other. */
  oneCore: PlacedFigures;
  /** The same rate through autocannon's per-second quota, for comparison (one core). */
  serviceBursts: LoadFigures & AnalysisLag;
  bareBursts: LoadFigures;
  /** Server and sender both free to run on either core. */
  bothCores: PlacedFigures;
}

const SECRET = 'bench-client-secret';
// Sentry sends each event once (a retry only when an answer fails), so every
// delivery gets a distinct body: the fixed-rate run's, and flat out as many
// as the service stores on both cores (about 1000 a second in a small run).
// Past them, flat out cycles through the bodies again.
const MIN_BODIES = 2000;
const FLAT_OUT_BODIES_PER_SECOND = 1200;
/** Enough connections that a slow answer does not hold the fixed rate back. */
const RATE_CONNECTIONS = 50;
const MAX_CONNECTIONS = 10;

/**
 * The real service (`logout-lens serve`, SQLite store in `dir`) and a bare
 * HMAC-only Express endpoint, each loaded at a fixed rate evenly paced and
 * then flat out by autocannon, first on one core (the sender on the other),
 * then the fixed rate through autocannon's quota on one core, then the paced
 * and flat-out runs again with both cores shared; a fresh store for each
 * service run.
 */
export async function webhookBench(
  dir: string,
  sizes: BenchSizes,
  out: (text: string) => void,
): Promise<WebhookFigures> {
  // Compiled into dist-bench/bench/perf: the compiled tree's root is two up.
  const dist = join(__dirname, '..', '..');
  const bodies = Math.max(
    MIN_BODIES,
    sizes.webhookRate * sizes.webhookSeconds,
    FLAT_OUT_BODIES_PER_SECOND * sizes.maxRateSeconds,
  );
  const deliveries = webhookBodies(bodies, SECRET);
  const bodiesPath = join(dir, 'bodies.ndjson');
  writeDeliveriesFile(bodiesPath, deliveries);
  const bodyBytes =
    deliveries.reduce((sum, d) => sum + Buffer.byteLength(d.body), 0) / deliveries.length;

  const load = async (
    port: number,
    seconds: number,
    rate: number,
    sender: Sender,
    placement: Placement,
  ): Promise<LoadFigures> => {
    const options = {
      url: `http://127.0.0.1:${port}`,
      bodiesPath,
      seconds,
      connections: rate > 0 ? RATE_CONNECTIONS : MAX_CONNECTIONS,
      rate,
    };
    const child = sender === 'paced' ? 'pacedLoadChild.js' : 'loadChild.js';
    const script = join(dist, 'bench/perf', child);
    const { file, args } = pinned(placement.load, process.execPath, [
      script,
      JSON.stringify(options),
    ]);
    const run = await runMeasured(file, args, { keepStdout: true });
    return JSON.parse(run.stdout) as LoadFigures;
  };

  let store = 0;
  const service = async (
    seconds: number,
    rate: number,
    sender: Sender,
    placement: Placement,
  ): Promise<LoadFigures & AnalysisLag> => {
    const port = await freePort();
    const env = {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dir, `service-${store++}.sqlite`)}`,
      SENTRY_CLIENT_SECRET: SECRET,
      LOG_LEVEL: 'error',
      LOGOUT_LENS_API_TOKEN: 'bench-api-token',
    };
    const cli = join(dist, 'src/cli/bin.js');
    const { file, args } = pinned(placement.server, process.execPath, [cli, 'serve']);
    const running = await startChildServer(file, args, env, port, '/healthz');
    try {
      const base = `http://127.0.0.1:${port}`;
      let maxLagMs = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const lag = await metric(base, 'logout_lens_analysis_lag_seconds');
          maxLagMs = Math.max(maxLagMs, lag * 1000);
          await new Promise((done) => setTimeout(done, LAG_SAMPLE_MS));
        }
      })();
      const figures = await load(port, seconds, rate, sender, placement);
      sampling = false;
      await sampler;
      const ended = performance.now();
      const answer = await fetch(`${base}/api/incidents?limit=1`, {
        headers: { authorization: `Bearer ${env.LOGOUT_LENS_API_TOKEN}` },
      });
      await answer.arrayBuffer();
      const settleMs = performance.now() - ended;
      const outcome = (name: string) =>
        metric(
          base,
          `logout_lens_webhook_deliveries_total{resource="event_alert",outcome="${name}"}`,
        );
      return {
        ...figures,
        maxLagMs,
        settleMs,
        stored: await outcome('stored'),
        duplicates: await outcome('duplicate'),
      };
    } finally {
      await running.stop();
    }
  };

  const bare = async (
    seconds: number,
    rate: number,
    sender: Sender,
    placement: Placement,
  ): Promise<LoadFigures> => {
    const port = await freePort();
    const env = { ...process.env, PORT: String(port), SENTRY_CLIENT_SECRET: SECRET };
    const script = join(dist, 'bench/perf/bareHmacServer.js');
    const { file, args } = pinned(placement.server, process.execPath, [script]);
    const running = await startChildServer(file, args, env, port, '/webhooks/sentry');
    try {
      return await load(port, seconds, rate, sender, placement);
    } finally {
      await running.stop();
    }
  };

  out(heading('webhook, POST /webhooks/sentry'));
  out(
    line(
      'bodies',
      `${bodies} distinct signed event_alert bodies, mean ${(bodyBytes / 1024).toFixed(1)} KiB, 100 breadcrumbs`,
    ),
  );
  const rate = sizes.webhookRate;
  const seconds = sizes.webhookSeconds;
  const maxSeconds = sizes.maxRateSeconds;

  // The paced rate and flat out, for one placement.
  const placed = async (placement: Placement): Promise<PlacedFigures> => {
    const serviceAtRate = await service(seconds, rate, 'paced', placement);
    out(row(`service at ${rate}/s paced, ${seconds} s`, serviceAtRate));
    out(lagRow('  analysis', serviceAtRate));
    const bareAtRate = await bare(seconds, rate, 'paced', placement);
    out(row(`bare HMAC at ${rate}/s paced`, bareAtRate));
    const serviceMax = await service(maxSeconds, 0, 'autocannon', placement);
    out(row(`service flat out ${maxSeconds} s`, serviceMax));
    out(lagRow('  analysis', serviceMax));
    const bareMax = await bare(maxSeconds, 0, 'autocannon', placement);
    out(row(`bare HMAC flat out ${maxSeconds} s`, bareMax));
    // Flat out may send a body again once the service has had them all; a
    // repeat is answered from a note, so only new deliveries count as its rate.
    const serviceMaxNew = serviceMax.stored / serviceMax.seconds;
    out(line('service flat out, new deliveries', `${serviceMaxNew.toFixed(0)}/s`));
    out(line('max rate, service / bare', ratio(serviceMaxNew / bareMax.perSecond)));
    return { serviceAtRate, bareAtRate, serviceMax, serviceMaxNew, bareMax };
  };

  out(
    line(
      'one core',
      'server on core 1 (analysis thread included, at nice 10), load sender on core 0 (taskset)',
    ),
  );
  const oneCore = await placed(ONE_CORE);
  const serviceBursts = await service(seconds, rate, 'autocannon', ONE_CORE);
  out(row(`service at ${rate}/s, autocannon quota`, serviceBursts));
  out(lagRow('  analysis', serviceBursts));
  const bareBursts = await bare(seconds, rate, 'autocannon', ONE_CORE);
  out(row(`bare HMAC at ${rate}/s, autocannon quota`, bareBursts));
  out(
    line(
      'both cores',
      'server and load sender each free to run on either core (taskset -c 0,1)',
    ),
  );
  const bothCores = await placed(BOTH_CORES);

  return { bodyBytes, oneCore, serviceBursts, bareBursts, bothCores };
}

const LAG_SAMPLE_MS = 250;

/**
 * `paced`: one request every 1/rate s (`pacedLoadChild.ts`). `autocannon`: its
 * per-connection quota each second at a rate, as fast as it can at rate 0.
 */
type Sender = 'paced' | 'autocannon';

/** One sample of a metric from the service's `/metrics` (0 when absent). */
async function metric(base: string, series: string): Promise<number> {
  try {
    const text = await (await fetch(`${base}/metrics`)).text();
    const found = text.split('\n').find((l) => l.startsWith(`${series} `));
    return found === undefined ? 0 : Number(found.slice(series.length + 1));
  } catch {
    return 0;
  }
}

function lagRow(label: string, f: AnalysisLag): string {
  return line(
    label,
    `${f.stored} new deliveries, ${f.duplicates} repeats; lag max ${(f.maxLagMs / 1000).toFixed(1)} s while loaded, ` +
      `incidents up to date ${(f.settleMs / 1000).toFixed(1)} s after the last delivery`,
  );
}

function row(label: string, f: LoadFigures): string {
  const failed = f.non2xx + f.errors + f.timeouts;
  return line(
    label,
    `${f.perSecond.toFixed(0)}/s ok  p50 ${f.p50} ms  p99 ${f.p99} ms  max ${f.max} ms` +
      (f.lateMs === undefined
        ? ''
        : `  (sender late ≤ ${f.lateMs} ms, last answer ${f.drainMs ?? 0} ms after the window)`) +
      (failed > 0
        ? `  (${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts)`
        : ''),
  );
}
