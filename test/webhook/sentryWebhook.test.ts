import { webhookFixture } from '../fixtures/webhook/webhookFixtures';
import {
  deliver,
  getApi,
  removeTempDirs,
  sign,
  startTestService,
  storedCounts,
  type TestService,
} from './serviceHarness';

async function incidents(url: string, query = '') {
  const response = await getApi(url, `/api/incidents${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { incidents: Record<string, unknown>[] }).incidents;
}

async function metricLines(url: string, name: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split('\n').filter((line) => line.startsWith(name));
}

describe('POST /webhooks/sentry', () => {
  let running: TestService;
  let url: string;

  beforeEach(async () => {
    running = await startTestService({ env: { MAX_BODY_BYTES: '20000' } });
    url = running.url;
  });

  afterEach(async () => {
    await running.service.close();
    removeTempDirs();
  });

  it('stores a signed event delivery and answers 202 before analysing it', async () => {
    const response = await deliver(url, webhookFixture('refreshFailed'));

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      status: 'stored',
      records: expect.any(Number),
    });
    expect(await incidents(url)).toEqual([
      expect.objectContaining({ user: '+573008369007', status: 'confirmed' }),
    ]);
  });

  it('refuses a delivery without Sentry-Hook-Signature with 401 and stores nothing', async () => {
    const response = await deliver(url, webhookFixture('refreshFailed'), {
      'sentry-hook-signature': undefined,
    });

    expect(response.status).toBe(401);
    expect(await response.text()).toBe(
      '{"error":"Sentry-Hook-Signature header is missing"}',
    );
    expect(await incidents(url)).toEqual([]);
    expect(storedCounts(running.dir)).toEqual({ deliveries: 0, records: 0 });
  });

  it('refuses a signature made with another secret with 401 and stores nothing', async () => {
    const body = webhookFixture('refreshFailed');
    const response = await deliver(url, body, {
      'sentry-hook-signature': sign(body, 'not-the-secret'),
    });

    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^Sentry-Hook-Signature does not match the body/,
    );
    expect(await incidents(url)).toEqual([]);
    expect(storedCounts(running.dir)).toEqual({ deliveries: 0, records: 0 });
  });

  it('refuses a body changed after signing with 401 and stores nothing', async () => {
    const body = webhookFixture('refreshFailed');
    const tampered = Buffer.from(
      body.toString('latin1').replace('+573008369007', '+573008369008'),
      'latin1',
    );

    const response = await deliver(url, tampered, {
      'sentry-hook-signature': sign(body),
    });

    expect(response.status).toBe(401);
    expect(await incidents(url)).toEqual([]);
    expect(storedCounts(running.dir)).toEqual({ deliveries: 0, records: 0 });
  });

  it('answers a verified empty body with 204 and stores nothing', async () => {
    const response = await deliver(url, Buffer.alloc(0));

    expect(response.status).toBe(204);
    expect(await incidents(url)).toEqual([]);
    expect(await metricLines(url, 'logout_lens_webhook_deliveries_total{')).toEqual([
      'logout_lens_webhook_deliveries_total{resource="unknown",outcome="empty"} 1',
    ]);
    expect(storedCounts(running.dir)).toEqual({ deliveries: 0, records: 0 });
  });

  it('verifies the raw bytes of a body with escaped non-ASCII text and a 1.0 float', async () => {
    const body = webhookFixture('nonAscii');
    expect(JSON.stringify(JSON.parse(body.toString('utf8')))).not.toBe(
      body.toString('utf8'),
    );

    const response = await deliver(url, body);

    expect(response.status).toBe(202);
    const [incident] = await incidents(url, '?user=%2B573000000123');
    expect(incident).toMatchObject({ user: '+573000000123', cause: 'unexplained' });
    expect(JSON.stringify(incident)).toContain('Sesión NO encontrada');
  });

  it('refuses malformed JSON with 400 naming the problem and stores nothing', async () => {
    const response = await deliver(url, '{"action":"triggered","data":{');

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^body is not valid JSON: /,
    );
    expect(storedCounts(running.dir)).toEqual({ deliveries: 0, records: 0 });
  });

  it('refuses a body without data with 400 naming the field', async () => {
    const response = await deliver(
      url,
      '{"action":"triggered","installation":{"uuid":"u"}}',
    );

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^webhook body field "data" is invalid: /,
    );
    expect(storedCounts(running.dir)).toEqual({ deliveries: 0, records: 0 });
  });

  it('refuses an event without event_id with 400 naming data.event.event_id', async () => {
    const response = await deliver(
      url,
      '{"action":"triggered","data":{"event":{"message":""}}}',
    );

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^webhook body field "data.event.event_id" is invalid: /,
    );
    expect(storedCounts(running.dir)).toEqual({ deliveries: 0, records: 0 });
  });

  it('infers a missing Sentry-Hook-Resource from data.event', async () => {
    const response = await deliver(url, webhookFixture('refreshFailed'), {
      'sentry-hook-resource': undefined,
    });

    expect(response.status).toBe(202);
    expect(await metricLines(url, 'logout_lens_webhook_deliveries_total{')).toEqual([
      'logout_lens_webhook_deliveries_total{resource="event_alert",outcome="stored"} 1',
    ]);
  });

  it('refuses with 400 naming the header when the resource cannot be inferred', async () => {
    const response = await deliver(url, '{"action":"created","data":{"something":{}}}', {
      'sentry-hook-resource': undefined,
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^Sentry-Hook-Resource header is missing and body field "data" has none of event, error, issue/,
    );
    expect(storedCounts(running.dir)).toEqual({ deliveries: 0, records: 0 });
  });

  it('refuses a body over MAX_BODY_BYTES with 413 naming the setting', async () => {
    const body = Buffer.from(
      JSON.stringify({ action: 'x', data: { pad: 'x'.repeat(25_000) } }),
    );

    const response = await deliver(url, body);

    expect(response.status).toBe(413);
    expect(await response.text()).toBe(
      '{"error":"body is larger than MAX_BODY_BYTES (20000 bytes)"}',
    );
    expect(storedCounts(running.dir)).toEqual({ deliveries: 0, records: 0 });
  });

  it('reads the error.created resource from data.error', async () => {
    const response = await deliver(url, webhookFixture('errorCreated'), {
      'sentry-hook-resource': 'error',
    });

    expect(response.status).toBe(202);
    expect(await incidents(url)).toEqual([
      expect.objectContaining({ user: '+573005755947', status: 'confirmed' }),
    ]);
  });

  it.each([
    ['issue', 'issueCreated'],
    ['comment', 'commentCreated'],
    ['installation', 'installationCreated'],
  ] as const)(
    'acknowledges a %s delivery with 200 and analyses nothing',
    async (resource, fixture) => {
      const response = await deliver(url, webhookFixture(fixture), {
        'sentry-hook-resource': resource,
      });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ignored' });
      expect(await incidents(url)).toEqual([]);
    },
  );

  it('acknowledges an event without session tags with 200 and analyses nothing', async () => {
    const response = await deliver(url, webhookFixture('untagged'));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ignored' });
  });

  it('answers the same event delivered again (new Request-ID) with 200 and changes nothing', async () => {
    const body = webhookFixture('revokeDone');
    expect((await deliver(url, body)).status).toBe(202);
    const before = await incidents(url, '?include_superseded=true');
    const storedBefore = storedCounts(running.dir);

    const again = await deliver(url, body);

    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect(await incidents(url, '?include_superseded=true')).toEqual(before);
    expect(storedCounts(running.dir)).toEqual(storedBefore);
    expect(await metricLines(url, 'logout_lens_webhook_deliveries_total{')).toEqual([
      'logout_lens_webhook_deliveries_total{resource="event_alert",outcome="stored"} 1',
      'logout_lens_webhook_deliveries_total{resource="event_alert",outcome="duplicate"} 1',
    ]);
    expect(await metricLines(url, 'logout_lens_analysis_runs_total{')).toEqual([
      'logout_lens_analysis_runs_total{outcome="ok"} 1',
    ]);
  });

  it('logs each delivery with its Request-ID as the delivery id', async () => {
    await deliver(url, webhookFixture('refreshFailed'), {
      'request-id': '0123456789abcdef0123456789abcdef',
      'sentry-hook-signature': 'f'.repeat(64),
    });

    const refused = running.logs.find((line) => line.msg === 'delivery refused');
    expect(refused).toEqual([
      expect.objectContaining({
        delivery: 'sentry-webhook',
        deliveryId: '0123456789abcdef0123456789abcdef',
        level: 40,
      }),
    ]);
    const access = running.logs.find((line) => line.msg === 'request completed');
    expect(access[0]).toMatchObject({ reqId: '0123456789abcdef0123456789abcdef' });
    expect(JSON.stringify(running.logs.lines)).not.toContain('f'.repeat(64));
  });
});
