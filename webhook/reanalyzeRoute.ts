import { createHash } from 'node:crypto';

import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';

import type { Logger } from '../src/logging/createLogger';
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

const isoTime = z.iso.datetime({ offset: true });
const requestSchema = z.union([
  z.strictObject({ issue_id: z.union([z.string().min(1), z.number()]) }),
  z.strictObject({
    issue_ids: z
      .array(z.union([z.string().min(1), z.number()]))
      .min(1)
      .max(1000),
  }),
  z.strictObject({ since: isoTime, until: isoTime, query: z.string().min(1).optional() }),
]);

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
    express.json({ limit: deps.maxBodyBytes }),
    express.raw({
      type: [
        'text/*',
        'application/gzip',
        'application/x-gzip',
        'application/octet-stream',
      ],
      limit: deps.maxBodyBytes,
    }),
    async (req: Request, res: Response) => {
      let imported: ImportedRecords & { events?: number; issues?: number };
      try {
        imported = Buffer.isBuffer(req.body)
          ? await importUpload(req.body)
          : await importFromSentry(req.body, res);
      } catch (error) {
        if (error instanceof InputError) {
          res
            .status(400)
            .json({ error: `the uploaded log cannot be read: ${error.reason}` });
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
      const page = await deps.store.listIncidents({
        limit: 1000,
        after: null,
        includeSuperseded: false,
      });
      const incidents = page.incidents.filter((incident) => bearsOn(incident, imported));
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
    const parsed = requestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      res.status(400).json({
        error:
          'body must be {"issue_id"}, {"issue_ids": [...]}, {"since", "until", "query"} as JSON, or a log as text/plain',
      });
      return emptyImport();
    }
    if (deps.sentryApi === null) {
      res.status(503).json({
        error: 'SENTRY_AUTH_TOKEN and SENTRY_ORG must be set to read issues from Sentry',
      });
      return emptyImport();
    }

    const api = deps.sentryApi;
    const request = parsed.data;
    const importDeps = { ...deps, api, timezone: deps.settings.timezone };
    if ('issue_id' in request) {
      return {
        ...(await importSentryIssues(importDeps, [String(request.issue_id)])),
        issues: 1,
      };
    }
    if ('issue_ids' in request) {
      const ids = [...new Set(request.issue_ids.map(String))];
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

  return router;
}
