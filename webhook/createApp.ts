import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import express, { type ErrorRequestHandler, type Express } from 'express';
import { pinoHttp } from 'pino-http';

import type { ServiceConfig } from '../src/config/serviceConfig';
import type { Logger } from '../src/logging/createLogger';
import { recordsFromSentryBody } from '../src/readers/recordsFromSentryBody';
import type { Store } from '../src/store/Store';
import type { ServiceMetrics } from './createMetrics';
import type { ReanalysisScheduler } from './createReanalysisScheduler';
import type { IncidentLinks } from '../src/links/createIncidentLinks';
import type { AnalysisSettings } from '../src/model/Settings';
import type { SentryApi } from '../src/sentry/createSentryApi';
import { errorResponse, notFound } from './errorResponses';
import { incidentPageRoute } from './incidentPageRoute';
import { incidentRoutes } from './incidentRoutes';
import { reanalyzeRoute } from './reanalyzeRoute';
import {
  type RecordsFromBody,
  type SessionIssue,
  sentryWebhookRoute,
} from './sentryWebhookRoute';

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
  /** Signed incident links; without them `/incidents/:id` is not served. */
  links?: IncidentLinks;
  /** Sentry's REST API for `/api/reanalyze` and session issue webhooks; null when unset. */
  sentryApi?: SentryApi | null;
  /** Timezone and lookback for uploaded logs; the defaults when not given. */
  settings?: Pick<AnalysisSettings, 'timezone' | 'lookbackHours'>;
  /** Issue webhooks whose events must be fetched. */
  onSessionIssue?: (issue: SessionIssue) => void;
  /** Server errors go here too (self-monitoring). */
  captureError?: (error: unknown) => void;
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
        if (error || res.statusCode >= 500)
          return res.statusCode === 503 ? 'warn' : 'error';
        // A request that went well is routine; a refused one is worth a line.
        return res.statusCode < 400 || isRoutine(req) ? 'debug' : 'info';
      },
      // A status we chose to send (a 503 for a missing setting) is not an
      // exception: log the status, not a made-up error with a stack.
      customErrorMessage: (_req, res) => `answered ${res.statusCode}`,
      customAttributeKeys: { err: 'error' },
      serializers: {
        error: (error: Error) => ({ type: error.name, message: error.message }),
      },
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
      onSessionIssue: deps.onSessionIssue,
    }),
  );

  if (deps.links) {
    app.use(
      incidentPageRoute({
        links: deps.links,
        store: deps.store,
        reanalysis: deps.reanalysis,
      }),
    );
  }

  app.use(
    incidentRoutes({
      apiToken: deps.config.apiToken,
      store: deps.store,
      reanalysis: deps.reanalysis,
      links: deps.links,
    }),
  );

  app.use(
    reanalyzeRoute({
      apiToken: deps.config.apiToken,
      store: deps.store,
      reanalysis: deps.reanalysis,
      sentryApi: deps.sentryApi ?? null,
      settings: deps.settings ?? { timezone: 'UTC', lookbackHours: 24 },
      maxBodyBytes: deps.config.maxBodyBytes,
      logger: deps.logger,
      now: deps.now ?? (() => new Date()),
    }),
  );

  app.use(notFound);
  if (deps.captureError) {
    const capture = deps.captureError;
    app.use(((error, _req, _res, next) => {
      const status = (error as { status?: unknown }).status;
      if (typeof status !== 'number' || status >= 500) capture(error);
      next(error);
    }) as ErrorRequestHandler);
  }
  app.use(errorResponse);
  return app;
}

// Probes and scrapes arrive every few seconds: their access lines are debug.
function isRoutine(req: IncomingMessage): boolean {
  return req.url === '/healthz' || req.url === '/metrics';
}
