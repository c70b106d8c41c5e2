import { webhookFixture } from '../fixtures/webhook/webhookFixtures';
import {
  deliver,
  getApi,
  removeTempDirs,
  startTestService,
  type TestService,
} from './serviceHarness';

interface Listing {
  incidents: {
    id: string;
    user: string;
    cause: string;
    status: string;
    superseded_by: string | null;
    signals: unknown[];
  }[];
  next: string | null;
}

async function list(url: string, query = ''): Promise<Listing> {
  const response = await getApi(url, `/api/incidents${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Listing;
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: string }).error;
}

describe('the incidents API', () => {
  let running: TestService;
  let url: string;

  beforeEach(async () => {
    running = await startTestService();
    url = running.url;
  });

  afterEach(async () => {
    await running.service.close();
    removeTempDirs();
  });

  it('answers 401 without a bearer token', async () => {
    const response = await getApi(url, '/api/incidents', null);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await errorOf(response)).toMatch(/^Authorization header is missing/);
  });

  it('answers 401 to a wrong bearer token', async () => {
    const response = await getApi(url, '/api/incidents/x', 'wrong-token');

    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"error":"Authorization bearer token is wrong"}');
  });

  it('answers 404 naming an unknown incident', async () => {
    const response = await getApi(url, '/api/incidents/nope');

    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"error":"no incident nope"}');
  });

  it.each([
    ['?limit=0', /^limit must be a whole number from 1 to 1000/],
    ['?limit=5000', /^limit /],
    ['?since=last-tuesday', /^since must be an ISO 8601 time/],
    ['?cursor=bogus', /^cursor /],
    ['?cause=aliens', /^cause must be one of/],
  ])('answers 400 to %s naming the parameter', async (query, message) => {
    const response = await getApi(url, `/api/incidents${query}`);

    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatch(message);
  });

  it('serves one incident whole by its id', async () => {
    await deliver(url, webhookFixture('refreshFailed'));
    const [listed] = (await list(url)).incidents;

    const response = await getApi(url, `/api/incidents/${listed?.id}`);

    expect(response.status).toBe(200);
    const { writebacks, link, ...incident } =
      (await response.json()) as Listing['incidents'][number] & {
        writebacks: unknown[];
        link: string;
      };
    expect(incident).toEqual(listed);
    expect(link).toMatch(
      /^http:\/\/localhost:\d+\/incidents\/[^?]+\?sig=\d+\.[\w-]{43}$/,
    );
    // No write-back target is configured here.
    expect(writebacks).toEqual([]);
    expect(incident.signals.length).toBeGreaterThan(0);
  });

  it('re-evaluates on a late revocation: the earlier incident is superseded, not listed', async () => {
    await deliver(url, webhookFixture('refreshFailed'));
    const [before] = (await list(url)).incidents;
    expect(before).toMatchObject({ user: '+573008369007', cause: 'unexplained' });

    await deliver(url, webhookFixture('revokeDone'));
    await deliver(url, webhookFixture('revokeStart'));

    const after = (await list(url)).incidents;
    expect(after).toEqual([
      expect.objectContaining({
        user: '+573008369007',
        cause: 'backend_revocation',
        status: 'confirmed',
        superseded_by: null,
      }),
    ]);
    const withSuperseded = (await list(url, '?include_superseded=true')).incidents;
    expect(withSuperseded).toContainEqual(
      expect.objectContaining({ id: before?.id, superseded_by: after[0]?.id }),
    );
  });

  it('gives the same incidents whatever order the events arrive in', async () => {
    for (const name of ['revokeStart', 'revokeDone', 'refreshFailed'] as const) {
      await deliver(url, webhookFixture(name));
    }
    const inOrder = (await list(url)).incidents;

    const other = await startTestService();
    try {
      for (const name of ['refreshFailed', 'revokeDone', 'revokeStart'] as const) {
        await deliver(other.url, webhookFixture(name));
      }
      expect((await list(other.url)).incidents).toEqual(inOrder);
    } finally {
      await other.service.close();
    }
  });

  it('pages with limit and cursor, and filters by user written with a bare +', async () => {
    await deliver(url, webhookFixture('refreshFailed'));
    await deliver(url, webhookFixture('nonAscii'));
    await deliver(url, webhookFixture('errorCreated'), {
      'sentry-hook-resource': 'error',
    });
    const all = (await list(url)).incidents;
    expect(all).toHaveLength(3);

    const first = await list(url, '?limit=2');
    const second = await list(url, `?limit=2&cursor=${first.next}`);
    expect([...first.incidents, ...second.incidents]).toEqual(all);
    expect(second.next).toBeNull();

    const byUser = await list(url, '?user=+573000000123');
    expect(byUser.incidents.map((i) => i.user)).toEqual(['+573000000123']);
    expect((await list(url, '?since=2026-01-03T08:59:00Z')).incidents).toHaveLength(1);
  });

  it('answers /healthz with 200 {"status":"ok"}', async () => {
    const response = await fetch(`${url}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"status":"ok"}');
  });

  it('exposes deliveries, incidents by cause and answer times in Prometheus format', async () => {
    await deliver(url, webhookFixture('refreshFailed'));
    await list(url);

    const response = await fetch(`${url}/metrics`);
    const text = await response.text();

    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text).toContain(
      'logout_lens_webhook_deliveries_total{resource="event_alert",outcome="stored"} 1',
    );
    expect(text).toContain('logout_lens_incidents{cause="unexplained"} 1');
    expect(text).toContain(
      'logout_lens_webhook_response_seconds_count{outcome="stored"} 1',
    );
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${url}/nowhere`);

    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"error":"no route GET /nowhere"}');
  });
});
