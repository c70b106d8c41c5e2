import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';

import type { ServiceConfig } from '../src/config/serviceConfig';
import type { Logger } from '../src/logging/createLogger';
import { recordsFromSentryBody } from '../src/readers/recordsFromSentryBody';
import type { Store } from '../src/store/Store';
import type { ServiceMetrics } from './createMetrics';
import type { ReanalysisScheduler } from './createReanalysisScheduler';
import { errorResponse, notFound } from './errorResponses';
import { incidentRoutes } from './incidentRoutes';
import { type RecordsFromBody, sentryWebhookRoute } from './sentryWebhookRoute';

export interface AppDeps {
  config: ServiceConfig;
  store: Store;
  logger: Logger;
  /** Re-analysis after deliveries; `/api` waits for it. */
  reanalysis: ReanalysisScheduler;
  metrics: ServiceMetrics;
  /** Stamps deliveries; default the system clock. */
  now?: () => Date;
  /** The webhook body reader; default `recordsFromSentryBody`. */
  recordsFromBody?: RecordsFromBody;
}

// Sentry's Request-ID is 32 hex digits; accept any short token-like id, else make one.
const REQUEST_ID = /^[\w-]{1,128}$/;

/**
 * The HTTP app, without `listen`: tests drive it directly, `startService`
 * serves it.
 *
 * @example
 *   const app = createApp({ config, store, logger, reanalysis, metrics });
 *   app.listen(0);
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.use(
    pinoHttp({
      logger: deps.logger.child({ part: 'http' }),
      quietReqLogger: true,
      genReqId: (req, res) => {
        const given = req.headers['request-id'];
        const id =
          typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('Request-ID', id);
        return id;
      },
      customLogLevel: (req, res, error) => {
        if (error || res.statusCode >= 500) return res.statusCode === 503 ? 'warn' : 'error';
        return isRoutine(req) ? 'debug' : 'info';
      },
      // A status we chose to send (a 503 for a missing setting) is not an
      // exception: log the status, not a made-up error with a stack.
      customErrorMessage: (_req, res) => `answered ${res.statusCode}`,
      customAttributeKeys: { err: 'error' },
      serializers: { error: (error: Error) => ({ type: error.name, message: error.message }) },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/metrics', async (_req, res) => {
    const text = await deps.metrics.registry.metrics();
    res.type(deps.metrics.registry.contentType).send(text);
  });

  app.use(
    sentryWebhookRoute({
      config: deps.config,
      store: deps.store,
      reanalysis: deps.reanalysis,
      metrics: deps.metrics,
      recordsFromBody: deps.recordsFromBody ?? recordsFromSentryBody,
      now: deps.now ?? (() => new Date()),
    }),
  );

  app.use(
    incidentRoutes({
      apiToken: deps.config.apiToken,
      store: deps.store,
      reanalysis: deps.reanalysis,
    }),
  );

  app.use(notFound);
  app.use(errorResponse);
  return app;
}

// Probes and scrapes arrive every few seconds: their access lines are debug.
function isRoutine(req: IncomingMessage): boolean {
  return req.url === '/healthz' || req.url === '/metrics';
}
