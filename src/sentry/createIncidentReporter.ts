import { gzipSync } from 'node:zlib';

import {
  createTransport,
  type Envelope,
  type Event,
  type Transport,
  type TransportMakeRequestResponse,
} from '@sentry/core';
import { NodeClient, Scope, defaultStackParser } from '@sentry/node';

import type { Logger } from '../logging/createLogger';
import { httpOutcome, networkOutcome, retryAfterMs } from '../writeback/httpOutcome';
import type { SendOutcome } from '../writeback/Writeback';

export interface IncidentReporter {
  /** Sends one event with this id and resolves with what the intake answered. */
  send(eventId: string, event: Event): Promise<SendOutcome>;
  close(timeoutMs?: number): Promise<void>;
}

export interface IncidentReporterOptions {
  dsn: string;
  fetch: typeof fetch;
  logger: Logger;
  now: () => Date;
  /** How long to wait for the intake's answer; default 15 s. */
  timeoutMs?: number;
  /** Bodies above this are gzipped, as the SDK's own transport does; default 32 KiB. */
  gzipAboveBytes?: number;
}

/**
 * Incident events through their own `NodeClient`, never the global SDK: no
 * default integrations (so no dedupe dropping a second user's incident that
 * looks like the first), and a transport built on the SDK's `createTransport`
 * that hands each envelope's HTTP answer back to the caller. The SDK's
 * transport drops events while rate limited and never retries; the outbox
 * does both, from the outcome returned here.
 *
 * @example
 *   const reporter = createIncidentReporter({ dsn, fetch, logger, now });
 *   const outcome = await reporter.send(eventId, incidentEvent(incident, frames, links));
 */
export function createIncidentReporter(
  options: IncidentReporterOptions,
): IncidentReporter {
  const log = options.logger.child({ part: 'sentry-events' });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const waiting = new Map<string, (outcome: SendOutcome) => void>();
  // The SDK's own transport keeps rate limits too and drops items while they last.
  let limitedUntilMs = 0;

  const transport = (
    transportOptions: Parameters<typeof createTransport>[0] & { url: string },
  ) => {
    const answers = new Map<string, SendOutcome>();

    const base = createTransport(transportOptions, async ({ body }) => {
      const eventId = envelopeEventId(body);
      const bytes =
        typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
      const gzip = bytes.length > (options.gzipAboveBytes ?? 32 * 1024);

      let response: Response;
      try {
        response = await options.fetch(transportOptions.url, {
          method: 'POST',
          headers: gzip ? { 'content-encoding': 'gzip' } : {},
          body: gzip ? gzipSync(bytes) : bytes,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (eventId) answers.set(eventId, networkOutcome(error));
        throw error;
      }

      const text = await response.text().catch(() => '');
      const nowMs = options.now().getTime();
      const outcome = httpOutcome(response.status, response.headers, text, nowMs, {
        eventId,
      });
      // Sentry may announce a limit on any answer, a 200 too; the SDK then holds
      // events back until it ends, and so must the outbox.
      const waitMs =
        outcome.kind === 'retry'
          ? outcome.retryAfterMs
          : response.headers.get('x-sentry-rate-limits')
            ? retryAfterMs(response.headers, nowMs)
            : null;
      if (waitMs !== null) limitedUntilMs = Math.max(limitedUntilMs, nowMs + waitMs);
      if (eventId) answers.set(eventId, outcome);
      return {
        statusCode: response.status,
        headers: {
          'retry-after': response.headers.get('retry-after'),
          'x-sentry-rate-limits': response.headers.get('x-sentry-rate-limits'),
        },
      };
    });

    const reporting: Transport = {
      async send(envelope: Envelope): Promise<TransportMakeRequestResponse> {
        const headerId = (envelope[0] as { event_id?: unknown }).event_id;
        const eventId = typeof headerId === 'string' ? headerId : undefined;
        let sent: TransportMakeRequestResponse = {};
        try {
          sent = await base.send(envelope);
        } catch {
          // The answer map has the network error.
        }
        if (eventId) settle(eventId, answers.get(eventId) ?? droppedOutcome());
        if (eventId) answers.delete(eventId);
        return sent;
      },
      flush: (timeout) => base.flush(timeout),
    };
    return reporting;
  };

  function droppedOutcome(): SendOutcome {
    const waitMs = Math.max(0, limitedUntilMs - options.now().getTime());
    return {
      kind: 'retry',
      status: null,
      retryAfterMs: waitMs > 0 ? waitMs : null,
      // Held back because an intake rate limit still runs: a wait, not a failure.
      rateLimited: waitMs > 0,
      error:
        'not sent: the SDK transport held it back (rate limit still running, or its queue was full)',
    };
  }

  function settle(eventId: string, outcome: SendOutcome) {
    const resolve = waiting.get(eventId);
    waiting.delete(eventId);
    resolve?.(outcome);
  }

  const client = new NodeClient({
    dsn: options.dsn,
    transport,
    stackParser: defaultStackParser,
    integrations: [],
    sendClientReports: false,
    // This client only sends what it is handed: no module hooks, no spans.
    enableRuntimeChannelInjection: false,
    // Timelines and sessions sit three levels down in the context.
    normalizeDepth: 6,
  });
  client.init();
  const scope = new Scope();
  scope.setClient(client);

  return {
    send(eventId, event) {
      return new Promise<SendOutcome>((resolve) => {
        const timer = setTimeout(() => {
          settle(eventId, {
            kind: 'retry',
            status: null,
            retryAfterMs: null,
            error: `no answer from the Sentry intake within ${timeoutMs} ms`,
          });
        }, timeoutMs + 1000);
        timer.unref();
        waiting.set(eventId, (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        });

        client.captureEvent(event, { event_id: eventId }, scope);
        log.debug({ eventId }, 'incident event handed to the SDK');
      });
    },
    async close(closeTimeoutMs = 2000) {
      await client.close(closeTimeoutMs);
    },
  };
}

function envelopeEventId(body: string | Uint8Array): string | undefined {
  const text =
    typeof body === 'string' ? body : Buffer.from(body.subarray(0, 512)).toString('utf8');
  const header = text.slice(0, text.indexOf('\n') >>> 0);
  try {
    const parsed = JSON.parse(header) as { event_id?: unknown };
    return typeof parsed.event_id === 'string' ? parsed.event_id : undefined;
  } catch {
    return undefined;
  }
}
