import request from 'supertest';

import { parseServiceConfig } from '../../src/config/serviceConfig';
import { createLogger } from '../../src/logging/createLogger';
import { createSqliteStore } from '../../src/store/createSqliteStore';
import type { Store } from '../../src/store/Store';
import { createApp } from '../../webhook/createApp';
import { createMetrics } from '../../webhook/createMetrics';
import { createReanalysisScheduler } from '../../webhook/createReanalysisScheduler';
import { webhookFixture } from '../fixtures/webhook/webhookFixtures';
import { LogLines } from './LogLines';
import { SECRET, sign } from './signBody';

const summary = { records: 0, incidents: 0, written: 0, removed: 0 };

// superagent JSON-encodes a Buffer sent as application/json: pass the bytes through.
const asIs = (bytes: unknown) => bytes as string;

/** Posts `body` as a signed Sentry `event_alert` delivery. */
function postEventAlert(app: Parameters<typeof request>[0], body: Buffer) {
  return request(app)
    .post('/webhooks/sentry')
    .set('content-type', 'application/json')
    .set('sentry-hook-resource', 'event_alert')
    .set('sentry-hook-signature', sign(body))
    .serialize(asIs)
    .send(body);
}

async function appWith(change: (store: Store) => Store) {
  const logs = new LogLines();
  const logger = createLogger({ level: 'debug', destination: logs });
  const store = change(await createSqliteStore({ path: ':memory:', logger }));
  const reanalysis = createReanalysisScheduler({ job: async () => summary, logger });
  const app = createApp({
    config: parseServiceConfig({
      SENTRY_CLIENT_SECRET: SECRET,
      LOGOUT_LENS_API_TOKEN: 't',
    }),
    store,
    logger,
    reanalysis,
    metrics: createMetrics(store),
    now: () => new Date('2026-01-03T10:00:00Z'),
  });
  return { app, logs, store };
}

describe('createApp', () => {
  it('answers an unexpected failure with a JSON 500 that leaks no stack, and logs it', async () => {
    const { app, logs, store } = await appWith((store) => ({
      ...store,
      saveDelivery: async () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      },
    }));
    const body = webhookFixture('refreshFailed');

    const response = await postEventAlert(app, body);

    expect(response.status).toBe(500);
    expect(response.text).toBe(
      '{"error":"internal error; the service log has the details"}',
    );
    const failure = logs.find((line) => line.msg === 'request failed');
    expect(failure[0]).toMatchObject({
      err: { message: 'SQLITE_FULL: database or disk is full' },
    });
    await store.close();
  });

  it('refuses a body that is not UTF-8 with 400 once its signature is verified', async () => {
    const { app, store } = await appWith((store) => store);
    const body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);

    const response = await request(app)
      .post('/webhooks/sentry')
      .set('content-type', 'application/json')
      .set('sentry-hook-signature', sign(body))
      .serialize(asIs)
      .send(body);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'body is not valid JSON: body is not valid UTF-8',
    });
    await store.close();
  });

  it('accepts a webhook sent without a Content-Type, as long as it is signed', async () => {
    const { app, store } = await appWith((store) => store);
    const body = webhookFixture('issueCreated');

    const response = await request(app)
      .post('/webhooks/sentry')
      .set('sentry-hook-signature', sign(body))
      .serialize(asIs)
      .send(body);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ignored' });
    await store.close();
  });

  it('answers a repeat of a committed event without storing it again', async () => {
    let saves = 0;
    const { app, store } = await appWith((store) => ({
      ...store,
      saveDelivery: (delivery, records) => {
        saves += 1;
        return store.saveDelivery(delivery, records);
      },
    }));
    const body = webhookFixture('refreshFailed');
    const send = () => postEventAlert(app, body);

    expect((await send()).body).toMatchObject({ status: 'stored' });
    const again = await send();

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate' });
    expect(saves).toBe(1);
    await store.close();
  });

  it('answers a byte-identical retry of a committed event without asking the store, and logs it as a duplicate', async () => {
    let lookups = 0;
    const { app, logs, store } = await appWith((store) => ({
      ...store,
      isStoredDelivery: (contentKey) => {
        lookups += 1;
        return store.isStoredDelivery(contentKey);
      },
    }));
    const body = webhookFixture('refreshFailed');
    const send = (bytes: Buffer) => postEventAlert(app, bytes);

    expect((await send(body)).body).toMatchObject({ status: 'stored' });
    expect(lookups).toBe(1);
    const again = await send(body);

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate' });
    expect(lookups).toBe(1);
    expect(logs.find((line) => line.msg === 'duplicate delivery')).toEqual([
      expect.objectContaining({
        resource: 'event_alert',
        action: 'triggered',
        eventId: expect.any(String),
      }),
    ]);

    // Other bytes for the same event (a second alert rule) are looked up as before.
    const reformatted = Buffer.from(`${body.toString('latin1')}\n`, 'latin1');
    expect((await send(reformatted)).body).toEqual({ status: 'duplicate' });
    expect(lookups).toBe(2);
    await store.close();
  });

  it('stores one of two copies that arrive together, before either is committed', async () => {
    const { app, store } = await appWith((store) => store);
    const body = webhookFixture('refreshFailed');
    const send = () => postEventAlert(app, body);

    const answers = await Promise.all([send(), send(), send()]);

    expect(answers.map((answer) => answer.body.status).sort()).toEqual([
      'duplicate',
      'duplicate',
      'stored',
    ]);
    await store.close();
  });
});
