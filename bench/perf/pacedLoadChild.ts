/**
 * Child process of the bench: sends the signed bodies in a file of `deliveriesFile.ts` at evenly
 * spaced times (open loop), `rate` a second for `seconds`, and prints the
 * figures as JSON. Run under `taskset`: on a core of its own, or sharing both
 * with the server.
 *
 * autocannon's fixed rate is a quota per connection per second: each second
 * every connection sends its share back to back, so the server sees one burst
 * a second, and its latency correction assumes one request per millisecond.
 * This child sends request i at start + i / rate instead, and a request's
 * latency runs from when it was due, so a server (or a busy pool) that makes
 * requests wait is charged for the wait.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { build } from 'hdr-histogram-js';
import { Pool } from 'undici';

import type { LoadFigures } from './LoadFigures';
import { readDeliveriesFile } from './deliveriesFile';

interface PacedOptions {
  url: string;
  bodiesPath: string;
  seconds: number;
  /** Deliveries per second. */
  rate: number;
  /** Open connections; a request finding all of them busy waits in the pool. */
  connections: number;
}

/** An answer slower than this counts as a timeout. */
const TIMEOUT_MS = 10_000;

/** A delivery ready to send: its body as bytes outside V8's heap. */
interface ReadyDelivery {
  body: Buffer;
  signature: string;
}

async function main(options: PacedOptions): Promise<void> {
  const total = Math.round(options.rate * options.seconds);
  // Only the bodies this run sends, as Buffers: hundreds of MB of body
  // strings in this child's heap made its collections pause the sender by
  // up to 133 ms when it shared the cores with the service.
  const deliveries: ReadyDelivery[] = readDeliveriesFile(options.bodiesPath, total).map(
    (delivery) => ({
      body: Buffer.from(delivery.body, 'utf8'),
      signature: delivery.signature,
    }),
  );
  const pool = new Pool(options.url, {
    connections: options.connections,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  // The bare endpoint answers in about a millisecond: microseconds keep its
  // percentiles apart; three significant digits, up to an hour.
  const latencies = build({ highestTrackableValue: 3_600_000_000 });
  const figures = { sent: 0, ok: 0, non2xx: 0, errors: 0, timeouts: 0 };
  let lateMs = 0;
  let lastAnswer = 0;

  const send = async (index: number, due: number): Promise<void> => {
    const delivery = deliveries[index % deliveries.length] as ReadyDelivery;
    try {
      const answer = await pool.request({
        path: '/webhooks/sentry',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'sentry-hook-resource': 'event_alert',
          'sentry-hook-signature': delivery.signature,
        },
        body: delivery.body,
      });
      await answer.body.dump();
      if (answer.statusCode >= 200 && answer.statusCode < 300) figures.ok += 1;
      else figures.non2xx += 1;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code.endsWith('_TIMEOUT')) figures.timeouts += 1;
      else figures.errors += 1;
    }
    // Failures and timeouts count with the time they took: a service that
    // fails fast under load must not look faster for it.
    latencies.recordValue(Math.round((performance.now() - due) * 1000));
    lastAnswer = performance.now();
  };

  const interval = 1000 / options.rate;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  while (figures.sent < total) {
    const due = start + figures.sent * interval;
    const now = performance.now();
    if (due > now) {
      await sleep(due - now);
      continue;
    }
    lateMs = Math.max(lateMs, now - due);
    pending.push(send(figures.sent, due));
    figures.sent += 1;
  }
  await Promise.all(pending);
  await pool.close();

  const ms = (micros: number) => Math.round(micros / 100) / 10;
  const result: LoadFigures = {
    ...figures,
    seconds: options.seconds,
    // Over the sending window, as autocannon counts: answers still owed at
    // its end show up in the latencies and in `drainMs`.
    perSecond: figures.ok / options.seconds,
    p50: ms(latencies.getValueAtPercentile(50)),
    p99: ms(latencies.getValueAtPercentile(99)),
    max: ms(latencies.maxValue),
    lateMs: Math.round(lateMs * 10) / 10,
    drainMs: Math.round(Math.max(0, lastAnswer - (start + total * interval))),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(JSON.parse(process.argv[2] ?? '{}') as PacedOptions).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
