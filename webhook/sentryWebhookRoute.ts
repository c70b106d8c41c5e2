import { createHash } from 'node:crypto';

import express, {
  type ErrorRequestHandler,
  type Request,
  type Response,
  Router,
} from 'express';

import type { ServiceConfig } from '../src/config/serviceConfig';
import type { LogRecord } from '../src/model/LogRecord';
import type { DeliveryStore, NewDelivery } from '../src/store/Store';
import type { ReanalysisScheduler } from './createReanalysisScheduler';
import {
  type CommittedBodies,
  committedBodyKey,
  createCommittedBodies,
} from './createCommittedBodies';
import { resourceLabel, type ServiceMetrics } from './createMetrics';
import { keyRecords } from './keyRecords';
import {
  eventResources,
  inferableDataKeys,
  isEventResource,
  resolveResource,
} from './resolveResource';
import {
  describeBodyIssue,
  sentryStoredEventSchema,
  sentryWebhookBodySchema,
  storedEventTimeMs,
} from './sentryWebhookBody';
import { isOwnComment } from '../src/sentry/commentText';
import { type SessionIssue, sessionIssue } from './sessionIssues';
import { type DeliveryLocals, deliveryLogger, reject } from './rejectDelivery';
import { verifySentrySignature } from './verifySentrySignature';

export type { SessionIssue };

export type RecordsFromBody = (
  body: unknown,
  input: string,
) => { records: LogRecord[]; problems: string[] };

export interface SentryWebhookDeps {
  config: Pick<ServiceConfig, 'sentryClientSecret' | 'maxBodyBytes'>;
  store: DeliveryStore;
  reanalysis: Pick<ReanalysisScheduler, 'schedule'>;
  metrics: ServiceMetrics;
  recordsFromBody: RecordsFromBody;
  now: () => Date;
  /**
   * An `issue.created` / `issue.unresolved` whose title is a session line:
   * issue webhooks carry no events, so the caller fetches them (after the answer).
   */
  onSessionIssue?: (issue: SessionIssue) => void;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Retries of the last this many event deliveries skip the parse (about 2.5 MB).
const COMMITTED_BODIES = 10_000;

/**
 * `POST /webhooks/sentry`: verify the signature over the raw bytes, then
 * parse, validate, commit the delivery and its records, and answer. The
 * analysis runs after the answer (Sentry gives up after 1 s).
 */
export function sentryWebhookRoute(deps: SentryWebhookDeps): Router {
  const { config, metrics } = deps;
  const router = Router();
  const committed = createCommittedBodies(COMMITTED_BODIES);

  router.post(
    '/webhooks/sentry',
    (req, res, next) => {
      const began = performance.now();
      const locals: DeliveryLocals = { resource: null, outcome: null };
      res.locals.delivery = locals;
      res.on('finish', () => {
        const outcome = locals.outcome ?? 'failed';
        metrics.deliveries.inc({ resource: resourceLabel(locals.resource), outcome });
        metrics.deliverySeconds.observe({ outcome }, (performance.now() - began) / 1000);
      });

      // Checked before the body is read: without the secret nothing can be verified.
      if (config.sentryClientSecret === null) {
        reject(
          res,
          503,
          'unconfigured',
          "SENTRY_CLIENT_SECRET is not set; set it to the integration's client secret to accept webhooks",
        );
        return;
      }
      next();
    },
    express.raw({ type: () => true, limit: config.maxBodyBytes }),
    async (req, res) => {
      await handleDelivery(deps, committed, req, res, config.sentryClientSecret ?? '');
    },
  );

  const bodyErrors: ErrorRequestHandler = (error, req, res, next) => {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      reject(
        res,
        413,
        'too_large',
        `body is larger than MAX_BODY_BYTES (${config.maxBodyBytes} bytes)`,
      );
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      reject(
        res,
        status,
        'invalid',
        `body could not be read: ${(error as Error).message}`,
      );
      return;
    }
    next(error);
  };
  router.use('/webhooks/sentry', bodyErrors);

  return router;
}

async function handleDelivery(
  deps: SentryWebhookDeps,
  committed: CommittedBodies,
  req: Request,
  res: Response,
  secret: string,
) {
  const locals = res.locals.delivery as DeliveryLocals;
  const log = deliveryLogger(req);
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);

  // 1. The signature, over the exact bytes received.
  const signature = req.get('sentry-hook-signature');
  if (!signature) {
    reject(res, 401, 'unauthorized', 'Sentry-Hook-Signature header is missing');
    return;
  }
  if (!verifySentrySignature(raw, signature, secret)) {
    reject(
      res,
      401,
      'unauthorized',
      'Sentry-Hook-Signature does not match the body (hex HMAC-SHA256 of the raw body keyed with SENTRY_CLIENT_SECRET)',
    );
    return;
  }

  // 2. A verified empty body: Sentry sends some; nothing to keep.
  if (raw.every(isJsonWhitespace)) {
    locals.outcome = 'empty';
    log.debug('empty delivery');
    res.status(204).end();
    return;
  }

  // 3. The very bytes of a delivery committed before (a retry): no need to read them again.
  const bodyKey = committedBodyKey(signature, req.get('sentry-hook-resource'));
  const known = committed.get(bodyKey);
  if (known !== undefined) {
    locals.resource = known.resource;
    const knownLog = log.child({ resource: known.resource, action: known.action });
    answerDuplicate(res, locals, knownLog, known.eventId);
    return;
  }

  // 4. Parse, then validate the envelope.
  let body: unknown;
  try {
    body = JSON.parse(utf8.decode(raw));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? error.message : 'body is not valid UTF-8';
    reject(res, 400, 'invalid', `body is not valid JSON: ${reason}`);
    return;
  }
  const envelope = sentryWebhookBodySchema.safeParse(body);
  if (!envelope.success) {
    reject(res, 400, 'invalid', describeBodyIssue(envelope.error));
    return;
  }
  const { action, data } = envelope.data;

  const resource = resolveResource(req.get('sentry-hook-resource'), data);
  locals.resource = resource;
  if (resource === null) {
    reject(
      res,
      400,
      'invalid',
      `Sentry-Hook-Resource header is missing and body field "data" has none of ${inferableDataKeys.join(', ')} to infer it from`,
    );
    return;
  }

  const delivery: Omit<NewDelivery, 'contentKey' | 'outcome'> = {
    receivedAt: deps.now().toISOString(),
    resource,
    action,
    requestId: req.get('request-id') ?? null,
  };
  const deliveryLog = log.child({ resource, action });

  // 5. Resources without an event (issue, comment, installation, ...) carry no session evidence.
  if (!isEventResource(resource)) {
    const contentKey = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
    const saved = await deps.store.saveDelivery(
      { ...delivery, contentKey, outcome: 'ignored' },
      [],
    );
    locals.outcome = saved.status === 'duplicate' ? 'duplicate' : 'ignored';
    const issue = sessionIssue(resource, action, data);
    if (issue !== null && saved.status !== 'duplicate' && deps.onSessionIssue) {
      deliveryLog.debug(
        { issueId: issue.id },
        'session issue without events; fetching them',
      );
      deps.onSessionIssue(issue);
      res.status(202).json({ status: 'fetching', issue_id: issue.id });
      return;
    }
    if (resource === 'comment' && isOwnComment(commentTextOf(data))) {
      // Our own comment coming back: nothing to do, and never a reason to comment again.
      deliveryLog.debug('our own comment');
    } else {
      deliveryLog.debug(
        { outcome: locals.outcome },
        'delivery carries no session evidence',
      );
    }
    res.status(200).json({ status: locals.outcome });
    return;
  }

  const eventField = eventResources[resource];
  const event = sentryStoredEventSchema.safeParse(data[eventField]);
  if (!event.success) {
    reject(res, 400, 'invalid', describeBodyIssue(event.error, ['data', eventField]));
    return;
  }
  const eventId = event.data.event_id;

  // Retries and a second alert rule deliver the same event again: the same key.
  const contentKey = `event:${action}:${eventId}`;
  const commit = { resource, action, eventId };
  if (await deps.store.isStoredDelivery(contentKey)) {
    // Committed before: answered without reading the records again.
    committed.remember(bodyKey, commit);
    answerDuplicate(res, locals, deliveryLog, eventId);
    return;
  }

  // 6. The event's records; one without a session tag is nothing to analyse.
  const { records, problems } = deps.recordsFromBody(body, 'webhook');
  if (problems.length > 0)
    deliveryLog.warn({ eventId, problems }, 'parts of the event could not be read');
  const { keyed, tagged } = keyRecords(records, {
    eventId,
    timeMs: storedEventTimeMs(event.data),
  });

  const saved = await deps.store.saveDelivery(
    { ...delivery, contentKey, outcome: tagged > 0 ? 'stored' : 'ignored' },
    tagged > 0 ? keyed : [],
  );
  committed.remember(bodyKey, commit);

  if (saved.status === 'duplicate') {
    answerDuplicate(res, locals, deliveryLog, eventId);
    return;
  }
  if (tagged === 0) {
    locals.outcome = 'ignored';
    deliveryLog.debug(
      { eventId, records: records.length },
      'event carries no session tags',
    );
    res.status(200).json({ status: 'ignored' });
    return;
  }

  // 7. Committed: answer now, analyse after.
  if (saved.recordsChanged > 0) deps.reanalysis.schedule({ kind: 'all' });
  locals.outcome = 'stored';
  deliveryLog.debug(
    { eventId, records: keyed.length, tagged, changed: saved.recordsChanged },
    'delivery stored',
  );
  res.status(202).json({ status: 'stored', records: keyed.length });
}

function answerDuplicate(
  res: Response,
  locals: DeliveryLocals,
  log: ReturnType<typeof deliveryLogger>,
  eventId: string,
) {
  locals.outcome = 'duplicate';
  log.debug({ eventId }, 'duplicate delivery');
  res.status(200).json({ status: 'duplicate' });
}

function commentTextOf(data: Record<string, unknown>): string {
  const comment = data.comment;
  if (typeof comment === 'string') return comment;
  const text = (comment as { text?: unknown } | undefined)?.text;
  return typeof text === 'string' ? text : '';
}

function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
