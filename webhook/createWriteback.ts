import { randomBytes } from 'node:crypto';

import type { IncomingWebhookSendArguments } from '@slack/webhook';

import type { WritebackConfig } from '../src/config/serviceConfig';
import {
  createIncidentLinks,
  type IncidentLinks,
} from '../src/links/createIncidentLinks';
import type { Logger } from '../src/logging/createLogger';
import { createCommentSender } from '../src/sentry/createCommentSender';
import {
  createIncidentReporter,
  type IncidentReporter,
} from '../src/sentry/createIncidentReporter';
import { createSentryApi, type SentryApi } from '../src/sentry/createSentryApi';
import { createSlackNotifier } from '../src/slack/createSlackNotifier';
import { createSlackPlanner } from '../src/slack/createSlackPlanner';
import type { Store } from '../src/store/Store';
import {
  createOutboxWorker,
  type OutboxWorker,
  type WritebackSender,
} from '../src/writeback/createOutboxWorker';
import {
  createWritebackPlanner,
  type SentryEventPayload,
  type WritebackPlanner,
} from '../src/writeback/createWritebackPlanner';
import type { WritebackTarget } from '../src/writeback/Writeback';

export interface WritebackParts {
  links: IncidentLinks;
  planner: WritebackPlanner;
  outbox: OutboxWorker;
  /** Null unless `SENTRY_AUTH_TOKEN` and `SENTRY_ORG` are set. */
  sentryApi: SentryApi | null;
  close(): Promise<void>;
}

export interface CreateWritebackOptions {
  config: WritebackConfig;
  /** Overrides `config.publicUrl` when the port is known only once listening. */
  publicUrl?: () => string;
  store: Store;
  logger: Logger;
  now: () => Date;
  fetch?: typeof fetch;
  /** Outbox poll period; default 1 s. */
  pollMs?: number;
  /** Waits of the REST reads; tests shorten them. */
  sleep?: (ms: number) => Promise<void>;
  /** The outbox's own failures (not upstream answers), for self-monitoring. */
  onError?: (error: unknown) => void;
}

/**
 * Everything write-back needs, from the settings: the link signer (its
 * secret generated and stored on first start when `LINK_SECRET` is unset),
 * the planner the analysis calls, and the outbox with one sender per
 * configured target.
 */
export async function createWriteback(
  options: CreateWritebackOptions,
): Promise<WritebackParts> {
  const { config, store, logger, now } = options;
  const doFetch = options.fetch ?? globalThis.fetch;

  const secret =
    config.linkSecret ??
    (await store.secret('link_secret', () => randomBytes(32).toString('base64url')));
  const links = createIncidentLinks({
    publicUrl: options.publicUrl ?? config.publicUrl,
    secret,
    ttlMs: config.linkTtlMs,
    now,
  });

  const sentryApi =
    config.sentryAuthToken !== null && config.sentryOrg !== null
      ? createSentryApi({
          baseUrl: config.sentryApiUrl,
          token: config.sentryAuthToken,
          org: config.sentryOrg,
          fetch: doFetch,
          logger,
          now,
          sleep: options.sleep,
        })
      : null;

  const reporter: IncidentReporter | null =
    config.incidentsDsn === null
      ? null
      : createIncidentReporter({ dsn: config.incidentsDsn, fetch: doFetch, logger, now });

  const senders: Partial<Record<WritebackTarget, WritebackSender>> = {};
  if (reporter) {
    senders.sentry_event = (writeback) => {
      const payload = writeback.payload as SentryEventPayload;
      return reporter.send(payload.eventId, payload.event);
    };
  }
  if (sentryApi) {
    senders.sentry_comment = createCommentSender(sentryApi, logger);
  }
  let planSlack: (() => Promise<void>) | undefined;
  if (config.slackWebhookUrl !== null) {
    const notifier = createSlackNotifier({
      webhookUrl: config.slackWebhookUrl,
      fetch: doFetch,
      logger,
      now,
    });
    senders.slack = (writeback) =>
      notifier.send(writeback.payload as IncomingWebhookSendArguments);
    planSlack = createSlackPlanner({ store, config, links, logger, now });
  }

  const outbox = createOutboxWorker({
    store,
    senders,
    beforePass: planSlack,
    logger,
    now,
    maxAttempts: config.maxAttempts,
    retryBaseMs: config.retryBaseMs,
    pollMs: options.pollMs,
    onError: options.onError,
  });

  return {
    links,
    planner: createWritebackPlanner({ config, links, now }),
    outbox,
    sentryApi,
    async close() {
      await outbox.close();
      await reporter?.close();
    },
  };
}
