import { createServer, type Server } from 'node:http';

import { loadAnalysisSettings } from '../src/config/loadAnalysisSettings';
import { parseServiceConfig } from '../src/config/serviceConfig';
import { analyzeRecords } from '../src/engine/analyzeRecords';
import { createLogger, type Logger } from '../src/logging/createLogger';
import { openStore } from '../src/store/openStore';
import { createApp } from './createApp';
import { createMetrics } from './createMetrics';
import { createReanalysisScheduler } from './createReanalysisScheduler';
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

  const { store, description } = await openStore(config.database, {
    cwd: options.cwd,
    logger,
    now: options.now,
  });

  let server: Server;
  const metrics = createMetrics(store);
  const analyze = options.analyze ?? analyzeRecords;
  const reanalysis = createReanalysisScheduler({
    job: (scope) => reanalyze({ store, settings, analyze }, scope),
    logger,
    delayMs: options.analysisDelayMs,
    metrics,
  });
  try {
    const app = createApp({
      config,
      store,
      logger,
      reanalysis,
      metrics,
      now: options.now,
      recordsFromBody: options.recordsFromBody,
    });
    server = createServer(app);
    await listen(server, config.port);
  } catch (error) {
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
  if (config.sentryClientSecret === null) {
    log.warn(
      'SENTRY_CLIENT_SECRET is not set: POST /webhooks/sentry answers 503 until it is',
    );
  }
  if (config.apiToken === null) {
    log.warn('LOGOUT_LENS_API_TOKEN is not set: /api answers 503 until it is');
  }
  log.info({ port, database: description }, 'logout-lens serve listening');

  let closing: Promise<void> | null = null;
  const graceMs = options.shutdownGraceMs ?? 10_000;

  async function stop() {
    log.info('stopping: refusing new connections, finishing requests in flight');
    await closeServer(server, graceMs, log);
    await reanalysis.close();
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
      fail(new Error(`PORT ${port} ${reason}`));
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
