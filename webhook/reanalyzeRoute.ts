import { createHash } from 'node:crypto';

import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
  Router,
} from 'express';

import type { Logger } from '../src/logging/createLogger';
import type { Incident } from '../src/model/Incident';
import type { LogRecord } from '../src/model/LogRecord';
import type { AnalysisSettings } from '../src/model/Settings';
import { InputError } from '../src/readers/InputError';
import { readInputs } from '../src/readers/readInputs';
import type { SentryApi } from '../src/sentry/createSentryApi';
import { SentryApiError } from '../src/sentry/SentryApiError';
import type { DeliveryStore, IncidentStore } from '../src/store/Store';
import type { ReanalysisScheduler } from './createReanalysisScheduler';
import {
  bearsOn,
  emptyImport,
  type ImportedRecords,
  storeImportedRecords,
} from './importedRecords';
import { importSentryIssues } from './importSentryIssues';
import { requireBearerToken } from './requireBearerToken';
import { parseReanalyzeRequest } from './parseReanalyzeRequest';
import { isSessionIssueTitle, SESSION_ISSUE_QUERY } from './sessionIssues';

export interface ReanalyzeRouteDeps {
  apiToken: string | null;
  store: DeliveryStore & IncidentStore;
  reanalysis: Pick<ReanalysisScheduler, 'schedule' | 'idle'>;
  /** Null when `SENTRY_AUTH_TOKEN` or `SENTRY_ORG` is unset. */
  sentryApi: SentryApi | null;
  settings: Pick<AnalysisSettings, 'timezone' | 'lookbackHours'>;
  maxBodyBytes: number;
  logger: Logger;
  now: () => Date;
}

// Bodies read as an uploaded log; JSON is a request for Sentry issues.
const UPLOAD_TYPES = [
  'text/*',
  'application/gzip',
  'application/x-gzip',
  'application/octet-stream',
];

/**
 * `POST /api/reanalyze`: fetches Sentry issues (`issue_id`, `issue_ids`), or
 * the issues of a time range (`since`, `until`, `query`), or reads an
 * uploaded log (`text/plain`, gzip welcome); stores the records, runs the
 * analysis, and answers with the incidents that rest on them. Write-backs
 * follow through the outbox like after any analysis.
 */
export function reanalyzeRoute(deps: ReanalyzeRouteDeps): Router {
  const router = Router();
  const log = deps.logger.child({ part: 'reanalyze' });

  router.post(
    '/api/reanalyze',
    requireBearerToken(deps.apiToken),
    (req: Request, res: Response, next: NextFunction) => {
      // `req.is` is null without a body, false for a type neither parser reads.
      if (req.is(['application/json', ...UPLOAD_TYPES]) === false) {
        res.status(415).json({
          error: `Content-Type must be application/json (issue ids, a time range) or text/plain (a log, gzip welcome); got "${req.headers['content-type'] ?? ''}"`,
        });
        return;
      }
      next();
    },
    express.json({ limit: deps.maxBodyBytes }),
    express.raw({ type: UPLOAD_TYPES, limit: deps.maxBodyBytes }),
    async (req: Request, res: Response) => {
      let imported: ImportedRecords & { events?: number; issues?: number };
      try {
        imported = Buffer.isBuffer(req.body)
          ? await importUpload(req.body)
          : await importFromSentry(req.body, res);
      } catch (error) {
        if (error instanceof InputError) {
          const gzipped = Buffer.isBuffer(req.body) && isGzip(req.body);
          res.status(400).json({
            error: gzipped
              ? `the uploaded log is not valid gzip: ${error.reason}`
              : `the uploaded log cannot be read: ${error.reason}`,
          });
          return;
        }
        if (error instanceof SentryApiError) {
          log.warn(
            { status: error.status, error: error.message },
            'Sentry API read failed',
          );
          res.status(502).json({ error: `Sentry API: ${error.message}` });
          return;
        }
        throw error;
      }
      if (res.headersSent) return;

      deps.reanalysis.schedule({ kind: 'all' });
      await deps.reanalysis.idle();
      // Every stored incident, not a page of the newest: the ones this import
      // bears on may be older than any number of others.
      const incidents = (await deps.store.loadIncidents({ kind: 'all' }))
        .filter((incident) => !incident.superseded_by && bearsOn(incident, imported))
        .sort(newestFirst);
      log.info(
        {
          records: imported.records,
          tagged: imported.tagged,
          incidents: incidents.length,
        },
        're-analysis requested over HTTP done',
      );
      res.json({
        incidents,
        stats: {
          records: imported.records,
          tagged_records: imported.tagged,
          ...(imported.events === undefined ? {} : { events: imported.events }),
          ...(imported.issues === undefined ? {} : { issues: imported.issues }),
        },
      });
    },
  );

  async function importUpload(body: Buffer) {
    const hash = createHash('sha256').update(body).digest('hex');
    const { records: stream } = readInputs([{ name: 'upload', data: body }], {
      timezone: deps.settings.timezone,
      lookbackHours: deps.settings.lookbackHours,
    });
    const records: LogRecord[] = [];
    for await (const record of stream) records.push(record);

    const imported = emptyImport();
    await storeImportedRecords(deps.store, imported, {
      records,
      carrierId: `upload-${hash.slice(0, 16)}`,
      timeMs: null,
      contentKey: `upload:${hash}`,
      resource: 'upload',
      receivedAt: deps.now().toISOString(),
    });
    return imported;
  }

  async function importFromSentry(body: unknown, res: Response) {
    const parsed = parseReanalyzeRequest(body ?? {});
    if ('error' in parsed) {
      res.status(400).json({ error: parsed.error });
      return emptyImport();
    }
    if (deps.sentryApi === null) {
      res.status(503).json({
        error: 'SENTRY_AUTH_TOKEN and SENTRY_ORG must be set to read issues from Sentry',
      });
      return emptyImport();
    }

    const api = deps.sentryApi;
    const request = parsed.request;
    const importDeps = { ...deps, api, timezone: deps.settings.timezone };
    if (request.kind === 'issue') {
      const ids = request.issueIds;
      return { ...(await importSentryIssues(importDeps, ids)), issues: ids.length };
    }

    const range = { start: request.since, end: request.until };
    const found = await api.searchIssues(request.query ?? SESSION_ISSUE_QUERY, range);
    // The default query is loose: keep the issues whose title is a session line.
    const issues =
      request.query === undefined
        ? found.filter((issue) => isSessionIssueTitle(issue.title))
        : found;
    const ids = issues.map((issue) => issue.id);
    return { ...(await importSentryIssues(importDeps, ids, range)), issues: ids.length };
  }

  // The parsers' failures, as one-line JSON naming what is wrong.
  const bodyErrors: ErrorRequestHandler = (error, req, res, next) => {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      res.status(413).json({
        error: `body is larger than MAX_BODY_BYTES (${deps.maxBodyBytes} bytes)`,
      });
      return;
    }
    if (type === 'entity.parse.failed') {
      res.status(400).json({
        error: `body is not valid JSON: ${(error as Error).message}`,
      });
      return;
    }
    next(error);
  };
  router.use('/api/reanalyze', bodyErrors);

  return router;
}

/** The listing's order: last seen first, then id. */
function newestFirst(a: Incident, b: Incident): number {
  const seen = (b.last_seen ?? '').localeCompare(a.last_seen ?? '');
  return seen !== 0 ? seen : b.id.localeCompare(a.id);
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
