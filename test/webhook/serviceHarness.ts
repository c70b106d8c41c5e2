import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { createLogger, type Logger } from '../../src/logging/createLogger';
import { type RunningService, startService } from '../../webhook/startService';
import { LogLines } from './LogLines';
import { SECRET, sign } from './signBody';
import { makeTempDir } from './tempDirs';

export { LogLines } from './LogLines';
export { makeTempDir, removeTempDirs } from './tempDirs';
export { SECRET, sign } from './signBody';

export const TOKEN = 'test-api-token';

export function databasePathIn(dir: string): string {
  return join(dir, 'data', 'logout-lens.sqlite');
}

export interface TestService {
  url: string;
  dir: string;
  service: RunningService;
  logs: LogLines;
  logger: Logger;
}

/** The real service on an OS-chosen port, on a SQLite file in `dir`. */
export async function startTestService(
  options: { dir?: string; env?: NodeJS.ProcessEnv; analysisDelayMs?: number } = {},
): Promise<TestService> {
  const dir = options.dir ?? makeTempDir();
  const env: NodeJS.ProcessEnv = {
    PORT: '0',
    DATABASE_URL: `sqlite:${databasePathIn(dir)}`,
    SENTRY_CLIENT_SECRET: SECRET,
    LOGOUT_LENS_API_TOKEN: TOKEN,
    ...options.env,
  };
  const logs = new LogLines();
  const logger = createLogger({ level: 'debug', destination: logs });
  const service = await startService({
    env,
    cwd: dir,
    logger,
    analysisDelayMs: options.analysisDelayMs ?? 10,
  });
  return { url: `http://127.0.0.1:${service.port}`, dir, service, logs, logger };
}

/** Posts a body as Sentry would: signed over its bytes, with a new Request-ID. */
export function deliver(
  url: string,
  body: Buffer | string,
  headers: Record<string, string | undefined> = {},
): Promise<Response> {
  const all: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'request-id': randomBytes(16).toString('hex'),
    'sentry-hook-resource': 'event_alert',
    'sentry-hook-timestamp': String(Math.floor(Date.now() / 1000)),
    'sentry-hook-signature': sign(body),
    ...headers,
  };
  const sent = Object.fromEntries(
    Object.entries(all).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  return fetch(`${url}/webhooks/sentry`, { method: 'POST', headers: sent, body });
}

export function getApi(url: string, path: string, token: string | null = TOKEN) {
  const headers: Record<string, string> =
    token === null ? {} : { authorization: `Bearer ${token}` };
  return fetch(`${url}${path}`, { headers });
}

/** How many deliveries and records the service's SQLite file holds, read beside it. */
export function storedCounts(dir: string): { deliveries: number; records: number } {
  const db = new Database(databasePathIn(dir), { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { deliveries: count('deliveries'), records: count('records') };
  } finally {
    db.close();
  }
}
