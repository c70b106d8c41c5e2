import Database from 'better-sqlite3';

import { createLogger } from '../../src/logging/createLogger';
import { startService } from '../../webhook/startService';
import {
  databasePathIn,
  LogLines,
  makeTempDir,
  SECRET,
  TOKEN,
  type TestService,
} from '../webhook/serviceHarness';
import { API_TOKEN, type FakeSentry, ORG } from './fakeSentry';
import type { FakeSlack } from './fakeSlack';

export interface WritebackServiceOptions {
  dir?: string;
  sentry?: FakeSentry;
  slack?: FakeSlack;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** The real service with every write-back target pointed at the local fakes. */
export async function startWritebackService(
  options: WritebackServiceOptions = {},
): Promise<TestService> {
  const dir = options.dir ?? makeTempDir();
  const sentry = options.sentry;
  const env: NodeJS.ProcessEnv = {
    PORT: '0',
    DATABASE_URL: `sqlite:${databasePathIn(dir)}`,
    SENTRY_CLIENT_SECRET: SECRET,
    LOGOUT_LENS_API_TOKEN: TOKEN,
    ...(sentry
      ? {
          SENTRY_INCIDENTS_DSN: sentry.dsn,
          SENTRY_API_URL: sentry.url,
          SENTRY_AUTH_TOKEN: API_TOKEN,
          SENTRY_ORG: ORG,
        }
      : {}),
    ...(options.slack
      ? {
          SLACK_WEBHOOK_URL: options.slack.url,
          SLACK_GROUP_WAIT: '150ms',
          SLACK_GROUP_INTERVAL: '400ms',
          SLACK_REPEAT_INTERVAL: '800ms',
        }
      : {}),
    WRITEBACK_RETRY_BASE: '50ms',
    ...options.env,
  };
  const logs = new LogLines();
  const logger = createLogger({ level: 'debug', destination: logs });
  const service = await startService({
    env,
    cwd: dir,
    logger,
    now: options.now,
    analysisDelayMs: 10,
    outboxPollMs: 25,
    sleep: (ms) => new Promise((done) => setTimeout(done, Math.min(ms, 50))),
  });
  return { url: `http://127.0.0.1:${service.port}`, dir, service, logs, logger };
}

export interface OutboxCounts {
  pending: number;
  sending: number;
  done: number;
  failed: number;
  superseded: number;
  /** Slack notes not yet in a message. */
  waitingNotes: number;
}

/** The outbox's states, read from the service's SQLite file beside it. */
export function outboxCounts(dir: string): OutboxCounts {
  const db = new Database(databasePathIn(dir), { readonly: true });
  try {
    const counts: OutboxCounts = {
      pending: 0,
      sending: 0,
      done: 0,
      failed: 0,
      superseded: 0,
      waitingNotes: 0,
    };
    const rows = db
      .prepare('select state, count(*) as n from writebacks group by state')
      .all() as { state: keyof OutboxCounts; n: number }[];
    for (const row of rows) counts[row.state] = row.n;
    counts.waitingNotes = (
      db
        .prepare('select count(*) as n from slack_notes where writeback_id is null')
        .get() as {
        n: number;
      }
    ).n;
    return counts;
  } finally {
    db.close();
  }
}

/** Every write-back row, for assertions on keys and attempts. */
export function outboxRows(dir: string) {
  const db = new Database(databasePathIn(dir), { readonly: true });
  try {
    return db
      .prepare(
        'select id, target, key, state, attempts, last_status, last_error, payload from writebacks',
      )
      .all() as {
      id: number;
      target: string;
      key: string;
      state: string;
      attempts: number;
      last_status: number | null;
      last_error: string | null;
      /** JSON of what the write-back sends. */
      payload: string;
    }[];
  } finally {
    db.close();
  }
}

/** Polls until `check` holds; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) {
      throw new Error(
        `condition not met within ${timeoutMs} ms; last: ${JSON.stringify(value)}`,
      );
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Drained: nothing pending or in flight, no Slack note waiting for its message. */
export function drained(counts: OutboxCounts): boolean {
  return counts.pending === 0 && counts.sending === 0 && counts.waitingNotes === 0;
}
