import { createServer, type Server } from 'node:http';

import { loadAnalysisSettings } from '../src/config/loadAnalysisSettings';
import { ServiceConfigError, parseServiceConfig } from '../src/config/serviceConfig';
import { analyzeStoredRecords } from '../src/engine/analyzeStoredRecords';
import { createLogger, type Logger } from '../src/logging/createLogger';
import { openStore } from '../src/store/openStore';
import { createAnalysisThread } from './createAnalysisThread';
import { createApp } from './createApp';
import { createMetrics } from './createMetrics';
import { createReanalysisScheduler } from './createReanalysisScheduler';
import { initSelfMonitoring } from '../src/sentry/initSelfMonitoring';
import { createWriteback } from './createWriteback';
import { createSessionIssueFetcher } from './createSessionIssueFetcher';
import { type AnalyzeRecords, reanalyze } from './reanalyze';
import type { RecordsFromBody } from './sentryWebhookRoute';

export interface StartServiceOptions {
  env: NodeJS.ProcessEnv;
  /** Relative paths (`DATABASE_URL`, the config file) resolve against it. */
  cwd: string;
  logger?: Logger;
  now?: () => Date;
  /** Coalescing delay of the re-analysis after a delivery; default 50 ms. */
  analysisDelayMs?: number;
  /** How long `close` lets requests in flight finish before cutting them; default 10 s. */
  shutdownGraceMs?: number;
  analyze?: AnalyzeRecords;
  recordsFromBody?: RecordsFromBody;
  /** What outbound requests (Sentry, Slack) go through; default the global fetch. */
  fetch?: typeof fetch;
  /** How often the outbox looks for due write-backs; default 1 s. */
  outboxPollMs?: number;
  /** Waits of Sentry REST reads (rate limits, backoff); tests shorten them. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RunningService {
  /** The port listened on (the OS's choice when `PORT=0`). */
  port: number;
  /** The service's root logger (the one given, or one at `LOG_LEVEL`). */
  logger: Logger;
  /** Stops accepting, finishes requests in flight and pending analysis, closes the store. */
  close(): Promise<void>;
}

/**
 * Starts `logout-lens serve`: reads the settings, opens and migrates the
 * store, and listens. Throws, before listening, on a bad setting (the message
 * names it) or a bad config file. Signals are the caller's: see
 * `installShutdown`.
 *
 * @example
 *   const service = await startService({ env: process.env, cwd: process.cwd() });
 *   installShutdown(service);
 */
export async function startService(
  options: StartServiceOptions,
): Promise<RunningService> {
  const config = parseServiceConfig(options.env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const log = logger.child({ part: 'service' });
  const settings = loadAnalysisSettings({
    cwd: options.cwd,
    env: options.env,
    configPath: config.configPath ?? undefined,
  });

  const { store, description, file } = await openStore(config.database, {
    cwd: options.cwd,
    logger,
    now: options.now,
  });

  let server: Server;
  const now = options.now ?? (() => new Date());
  const selfMonitor = initSelfMonitoring(config.sentryDsn, logger, [
    config.writeback.slackWebhookUrl,
    config.writeback.sentryAuthToken,
    config.writeback.incidentsDsn,
    config.writeback.linkSecret,
    config.apiToken,
    config.sentryClientSecret,
  ]);
  const metrics = createMetrics(store);
  const analyze = options.analyze ?? analyzeStoredRecords;
  // PUBLIC_URL defaults to this service's own port, known once listening when PORT=0.
  let listeningPort = config.port;
  const publicUrl = config.writeback.publicUrlSet
    ? undefined
    : () => `http://localhost:${listeningPort}`;
  const writeback = await createWriteback({
    config: config.writeback,
    publicUrl,
    store,
    logger,
    now,
    fetch: options.fetch,
    pollMs: options.outboxPollMs,
    sleep: options.sleep,
    onError: (error) => selfMonitor.captureError(error),
  });
  // The analysis runs in its own thread over its own connection, unless the
  // store has no file to share or the caller gave its own analysis.
  const analysisThread =
    file !== null && options.analyze === undefined
      ? createAnalysisThread({ path: file, settings, logger })
      : null;
  const reanalysis = createReanalysisScheduler({
    job: (scope) =>
      reanalyze(
        {
          store,
          analyzeStore: analysisThread?.analyzeStore,
          settings,
          analyze,
          writeback: writeback.planner,
          onWritebacks: () => writeback.outbox.kick(),
        },
        scope,
      ).catch((error: unknown) => {
        selfMonitor.captureError(error);
        throw error;
      }),
    logger,
    delayMs: options.analysisDelayMs,
    // A lower-priority thread leaves the CPU to deliveries by itself.
    restFactor: analysisThread ? 0 : 2,
    metrics,
  });
  metrics.analysisLag = () => reanalysis.lagMs() / 1000;

  const sentryApi = writeback.sentryApi;
  const issueFetcher = sentryApi
    ? createSessionIssueFetcher({
        api: sentryApi,
        store,
        settings,
        logger,
        now,
        onImported: () => reanalysis.schedule({ kind: 'all' }),
      })
    : null;

  try {
    const app = createApp({
      config,
      store,
      logger,
      reanalysis,
      metrics,
      now: options.now,
      recordsFromBody: options.recordsFromBody,
      links: writeback.links,
      sentryApi,
      settings,
      onSessionIssue: issueFetcher ? (issue) => issueFetcher.fetch(issue) : undefined,
      captureError: config.sentryDsn
        ? (error) => selfMonitor.captureError(error)
        : undefined,
    });
    server = createServer(app);
    await listen(server, config.port);
  } catch (error) {
    await analysisThread?.close();
    await writeback.close();
    await store.close();
    throw error;
  }

  // Records committed before a crash, never analysed: catch up now.
  if (await store.analysisPending()) {
    log.info('stored records are newer than the stored incidents; re-analysing');
    reanalysis.schedule({ kind: 'all' });
  }

  const address = server.address();
  const port =
    typeof address === 'object' && address !== null ? address.port : config.port;
  listeningPort = port;
  await writeback.outbox.start();
  if (config.sentryClientSecret === null) {
    log.warn(
      'SENTRY_CLIENT_SECRET is not set: POST /webhooks/sentry answers 503 until it is',
    );
  }
  if (config.apiToken === null) {
    log.warn('LOGOUT_LENS_API_TOKEN is not set: /api answers 503 until it is');
  }
  const { sentryAuthToken, sentryOrg } = config.writeback;
  if ((sentryAuthToken === null) !== (sentryOrg === null)) {
    const missing = sentryOrg === null ? 'SENTRY_ORG' : 'SENTRY_AUTH_TOKEN';
    const given = sentryOrg === null ? 'SENTRY_AUTH_TOKEN' : 'SENTRY_ORG';
    log.warn(
      { missing },
      `${given} is set but ${missing} is not: no comments on Sentry issues, no issue fetches, and POST /api/reanalyze cannot read Sentry until both are set`,
    );
  }
  log.info(
    {
      port,
      database: description,
      writeback: {
        sentryEvents: config.writeback.incidentsDsn !== null,
        sentryComments: sentryApi !== null,
        slack: config.writeback.slackWebhookUrl !== null,
        selfMonitoring: config.sentryDsn !== null,
      },
    },
    'logout-lens serve listening',
  );

  let closing: Promise<void> | null = null;
  const graceMs = options.shutdownGraceMs ?? 10_000;

  async function stop() {
    log.info('stopping: refusing new connections, finishing requests in flight');
    await closeServer(server, graceMs, log);
    await issueFetcher?.idle();
    await reanalysis.close();
    await analysisThread?.close();
    await writeback.close();
    await selfMonitor.close();
    await store.close();
    log.info('stopped');
  }

  return {
    port,
    logger,
    close() {
      closing ??= stop();
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((done, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? 'is in use'
          : `cannot be listened on (${error.message})`;
      fail(new ServiceConfigError(`PORT ${port} ${reason}`));
    };
    server.once('error', onError);
    server.listen(port, () => {
      server.off('error', onError);
      done();
    });
  });
}

async function closeServer(server: Server, graceMs: number, log: Logger) {
  const closed = new Promise<void>((done) => server.close(() => done()));

  // A keep-alive connection turns idle when its request in flight ends; close it
  // then rather than after the keep-alive timeout.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  sweep.unref();

  const grace = setTimeout(() => {
    log.warn(
      { graceMs },
      'requests still in flight after the grace period; closing them',
    );
    server.closeAllConnections();
  }, graceMs);
  grace.unref();

  await closed;
  clearInterval(sweep);
  clearTimeout(grace);
}
