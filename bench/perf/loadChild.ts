/**
 * Child process of the bench: autocannon against one URL with the signed
 * bodies in a file of `deliveriesFile.ts`, at a fixed rate or flat out. Prints autocannon's
 * figures as JSON. Run under `taskset`: on a core of its own, or sharing both
 * with the server.
 */

import autocannon from 'autocannon';

import { readDeliveriesFile } from './deliveriesFile';
import type { SignedDelivery } from './webhookBodies';

interface LoadOptions {
  url: string;
  bodiesPath: string;
  seconds: number;
  connections: number;
  /** Deliveries per second over all connections; 0 is flat out. */
  rate: number;
}

async function main(options: LoadOptions): Promise<void> {
  const deliveries = readDeliveriesFile(options.bodiesPath);
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate > 0 ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/webhooks/sentry',
        setupRequest: (request) => {
          const delivery = deliveries[next++ % deliveries.length] as SignedDelivery;
          request.body = delivery.body;
          request.headers = {
            ...request.headers,
            'content-type': 'application/json',
            'sentry-hook-resource': 'event_alert',
            'sentry-hook-signature': delivery.signature,
          };
          return request;
        },
      },
    ],
  });
  process.stdout.write(
    `${JSON.stringify({
      sent: result.requests.sent,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      seconds: result.duration,
      perSecond: result['2xx'] / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
    })}\n`,
  );
}

main(JSON.parse(process.argv[2] ?? '{}') as LoadOptions).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
