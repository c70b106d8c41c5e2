import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { request } from 'node:http';

import { createLogger } from '../../src/logging/createLogger';
import { createSqliteStore } from '../../src/store/createSqliteStore';
import { installShutdown } from '../../webhook/installShutdown';
import { startService } from '../../webhook/startService';
import { webhookFixture } from '../fixtures/webhook/webhookFixtures';
import {
  databasePathIn,
  deliver,
  getApi,
  LogLines,
  makeTempDir,
  removeTempDirs,
  sign,
  startTestService,
} from './serviceHarness';

afterEach(removeTempDirs);

async function incidentIds(url: string) {
  const response = await getApi(url, '/api/incidents?include_superseded=true');
  const body = (await response.json()) as { incidents: { id: string }[] };
  return body.incidents.map((incident) => incident.id);
}

describe('startService', () => {
  it('starts with no settings at all and says which are missing', async () => {
    const dir = makeTempDir();
    const logs = new LogLines();
    const service = await startService({
      env: { PORT: '0', DATABASE_URL: `sqlite:${databasePathIn(dir)}` },
      cwd: dir,
      logger: createLogger({ level: 'info', destination: logs }),
    });
    const url = `http://127.0.0.1:${service.port}`;

    try {
      const webhook = await deliver(url, webhookFixture('refreshFailed'));
      expect(webhook.status).toBe(503);
      expect(((await webhook.json()) as { error: string }).error).toMatch(
        /^SENTRY_CLIENT_SECRET is not set; /,
      );
      const api = await getApi(url, '/api/incidents');
      expect(api.status).toBe(503);
      expect(await api.text()).toBe(
        '{"error":"LOGOUT_LENS_API_TOKEN is not set; set it to enable /api"}',
      );

      const warnings = logs.find((line) => line.level === 40).map((line) => line.msg);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^SENTRY_CLIENT_SECRET is not set/),
          expect.stringMatching(/^LOGOUT_LENS_API_TOKEN is not set/),
        ]),
      );
    } finally {
      await service.close();
    }
  });

  it('uses the default database path, relative to the working directory', async () => {
    const dir = makeTempDir();
    const service = await startService({
      env: { PORT: '0' },
      cwd: dir,
      logger: createLogger({ level: 'silent', destination: new LogLines() }),
    });
    await service.close();

    expect(existsSync(`${dir}/data/logout-lens.sqlite`)).toBe(true);
  });

  it('refuses a PostgreSQL DATABASE_URL before listening', async () => {
    await expect(
      startService({ env: { DATABASE_URL: 'postgres://db/ll' }, cwd: makeTempDir() }),
    ).rejects.toThrow(
      'DATABASE_URL: PostgreSQL support has not landed yet; use sqlite:PATH',
    );
  });

  it('refuses a bad analysis config file before listening', async () => {
    const dir = makeTempDir();
    await expect(
      startService({
        env: {
          PORT: '0',
          DATABASE_URL: `sqlite:${databasePathIn(dir)}`,
          LOGOUT_LENS_CONFIG: 'missing.json',
        },
        cwd: dir,
        logger: createLogger({ level: 'silent', destination: new LogLines() }),
      }),
    ).rejects.toThrow(/missing\.json does not exist/);
  });

  it('keeps every accepted delivery and incident across a stop and a start on the same file', async () => {
    const first = await startTestService();
    await deliver(first.url, webhookFixture('refreshFailed'));
    await deliver(first.url, webhookFixture('revokeStart'));
    await deliver(first.url, webhookFixture('revokeDone'));
    const before = await incidentIds(first.url);
    await first.service.close();

    const second = await startTestService({ dir: first.dir });
    try {
      expect(await incidentIds(second.url)).toEqual(before);
      const again = await deliver(second.url, webhookFixture('revokeDone'));
      expect(await again.json()).toEqual({ status: 'duplicate' });
    } finally {
      await second.service.close();
    }
  });

  it('analyses at start the records a crash left unanalysed', async () => {
    const dir = makeTempDir();
    const stopped = await startTestService({ dir, analysisDelayMs: 60_000 });
    await deliver(stopped.url, webhookFixture('refreshFailed'));
    // A crash: the process dies without flushing (here the store is simply reopened).
    const logger = createLogger({ level: 'silent', destination: new LogLines() });
    const peek = await createSqliteStore({ path: databasePathIn(dir), logger });
    expect(await peek.analysisPending()).toBe(true);
    await peek.close();

    const restarted = await startTestService({ dir });
    try {
      expect(await incidentIds(restarted.url)).toHaveLength(1);
    } finally {
      await restarted.service.close();
      await stopped.service.close();
    }
  });

  it('finishes a request in flight on SIGTERM, then refuses connections and keeps what it accepted', async () => {
    const running = await startTestService();
    const signals = new EventEmitter();
    installShutdown(running.service, undefined, { source: signals });
    const body = webhookFixture('refreshFailed');

    // Half the body is sent, then SIGTERM arrives, then the rest.
    const answer = new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request(
        `${running.url}/webhooks/sentry`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            'sentry-hook-resource': 'event_alert',
            'sentry-hook-signature': sign(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', fail);
      req.write(body.subarray(0, 100));
      setTimeout(() => {
        signals.emit('SIGTERM', 'SIGTERM');
        setTimeout(() => req.end(body.subarray(100)), 50);
      }, 50);
    });

    expect(await answer).toEqual({
      status: 202,
      body: expect.stringContaining('"stored"'),
    });
    await running.service.close();
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    expect(
      running.logs.find((line) => line.msg === 'signal received; stopping'),
    ).toHaveLength(1);

    const restarted = await startTestService({ dir: running.dir });
    try {
      expect(await incidentIds(restarted.url)).toHaveLength(1);
    } finally {
      await restarted.service.close();
    }
  });
});
