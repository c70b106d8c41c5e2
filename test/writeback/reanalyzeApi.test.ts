import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import type { Incident } from '../../src/model/Incident';
import { analyzeFiles } from '../helpers/analyzeFiles';
import {
  deliver,
  getApi,
  removeTempDirs,
  TOKEN,
  type TestService,
} from '../webhook/serviceHarness';
import { type FakeSentry, startFakeSentry } from './fakeSentry';
import {
  drained,
  outboxCounts,
  startWritebackService,
  waitFor,
} from './writebackHarness';

const SAMPLES = join(__dirname, '../../../shared/samples/generated');
const restEvents = () =>
  JSON.parse(readFileSync(join(SAMPLES, 'sentry-rest-events.json'), 'utf8')) as Record<
    string,
    unknown
  >[];

const fixed = (incident: Incident) =>
  [
    incident.id,
    incident.user,
    incident.cause,
    incident.status,
    incident.fingerprint,
  ].join(' ');

function reanalyze(url: string, body: string | Buffer, contentType = 'application/json') {
  return fetch(`${url}/api/reanalyze`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': contentType },
    body,
  });
}

async function incidentsOf(response: Response): Promise<Incident[]> {
  expect(response.status).toBe(200);
  return ((await response.json()) as { incidents: Incident[] }).incidents;
}

let webhookIncidents: string[];

beforeAll(async () => {
  const analyzed = await analyzeFiles([join(SAMPLES, 'sentry-webhooks.ndjson')]);
  webhookIncidents = analyzed.incidents.map(fixed).sort();
});

afterAll(removeTempDirs);

describe('POST /api/reanalyze over a local Sentry holding the sample events', () => {
  let sentry: FakeSentry;
  let running: TestService;

  beforeEach(async () => {
    sentry = await startFakeSentry({ perPage: 100 });
    sentry.setIssueEvents(restEvents());
    running = await startWritebackService({ sentry });
  });

  afterEach(async () => {
    await running.service.close();
    await sentry.close();
  });

  it('gives the webhook path’s incidents for every issue id, and the write-backs follow', async () => {
    const ids = [...new Set(restEvents().map((event) => String(event.groupID)))];
    const incidents = await incidentsOf(
      await reanalyze(running.url, JSON.stringify({ issue_ids: ids })),
    );

    expect(incidents).toHaveLength(18);
    expect(incidents.map(fixed).sort()).toEqual(webhookIncidents);
    expect(sentry.requests.every((line) => line.includes('full=true'))).toBe(true);
    expect(sentry.requests.every((line) => line.includes('per_page=100'))).toBe(true);

    await waitFor(() => outboxCounts(running.dir), drained);
    expect(sentry.acceptedEvents().length).toBeGreaterThanOrEqual(17);
  });

  it('gives the same incidents for a time range, through the issue search', async () => {
    const incidents = await incidentsOf(
      await reanalyze(
        running.url,
        JSON.stringify({ since: '2026-01-03T00:00:00Z', until: '2026-01-04T00:00:00Z' }),
      ),
    );

    expect(incidents.map(fixed).sort()).toEqual(webhookIncidents);
    expect(sentry.requests[0]).toMatch(
      /^GET \/api\/0\/organizations\/acme\/issues\/\?query=SESSION&start=2026-01-03T00%3A00%3A00Z&end=2026-01-04/,
    );
  });

  it('waits out a 429 and retries a 500 while reading', async () => {
    sentry.scriptRest([
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 500 },
      {
        status: 429,
        headers: { 'x-sentry-rate-limit-reset': String(Math.ceil(Date.now() / 1000)) },
      },
    ]);
    const ids = [...new Set(restEvents().map((event) => String(event.groupID)))];
    const incidents = await incidentsOf(
      await reanalyze(running.url, JSON.stringify({ issue_ids: ids })),
    );

    expect(incidents.map(fixed).sort()).toEqual(webhookIncidents);
  });

  it('fetches the events of an issue.created webhook whose title is a session line', async () => {
    const failed = restEvents().find((event) =>
      String(event.title).startsWith('[SESSION_REFRESH_FAILED]'),
    );
    const body = JSON.stringify({
      action: 'created',
      installation: { uuid: 'x' },
      data: {
        issue: {
          id: String(failed?.groupID),
          title: String(failed?.title),
          lastSeen: '2026-01-03T15:00:00Z',
        },
      },
      actor: { type: 'application', id: 'sentry', name: 'Sentry' },
    });

    const response = await deliver(running.url, body, {
      'sentry-hook-resource': 'issue',
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      status: 'fetching',
      issue_id: String(failed?.groupID),
    });

    await waitFor(
      async () =>
        (
          (await (await getApi(running.url, '/api/incidents')).json()) as {
            incidents: Incident[];
          }
        ).incidents,
      (incidents) => incidents.length > 0,
    );
    expect(
      sentry.requests.some((line) => line.includes(`/issues/${failed?.groupID}/events/`)),
    ).toBe(true);
  });
  it('leaves issue webhooks alone when the title is no session line, or the action is not new', async () => {
    const issue = (title: string, action: string) =>
      JSON.stringify({
        action,
        installation: { uuid: 'x' },
        data: { issue: { id: '5', title, lastSeen: '2026-01-03T15:00:00Z' } },
        actor: { type: 'application', id: 'sentry', name: 'Sentry' },
      });

    for (const body of [
      issue('Booting worker with pid: 117', 'created'),
      issue('[SESSION_REFRESH_FAILED] x', 'resolved'),
    ]) {
      const response = await deliver(running.url, body, {
        'sentry-hook-resource': 'issue',
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ignored' });
    }
    const unresolved = await deliver(
      running.url,
      issue('[REVOKE_ALL_SESSIONS] y', 'unresolved'),
      {
        'sentry-hook-resource': 'issue',
      },
    );
    expect(unresolved.status).toBe(202);
    await waitFor(
      () => sentry.requests.length,
      (n) => n > 0,
    );
    expect(sentry.requests).toEqual([
      'GET /api/0/organizations/acme/issues/5/events/?full=true&per_page=100&start=2026-01-02T15%3A00%3A00.000Z',
    ]);
  });
});

describe('POST /api/reanalyze with Link pagination', () => {
  it('follows rel="next" while results="true"', async () => {
    const sentry = await startFakeSentry({ perPage: 10 });
    sentry.setIssueEvents(restEvents());
    const running = await startWritebackService({ sentry });
    try {
      const ids = [...new Set(restEvents().map((event) => String(event.groupID)))];
      const incidents = await incidentsOf(
        await reanalyze(running.url, JSON.stringify({ issue_ids: ids })),
      );
      expect(incidents.map(fixed).sort()).toEqual(webhookIncidents);
      // The biggest issue has 36 events: pages at 0, 10, 20 and 30.
      expect(
        sentry.requests.filter((line) => line.includes('cursor=0%3A30%3A0')).length,
      ).toBe(1);
      expect(sentry.requests.some((line) => line.includes('cursor=0%3A40%3A0'))).toBe(
        false,
      );
    } finally {
      await running.service.close();
      await sentry.close();
    }
  });
});

describe('POST /api/reanalyze with an uploaded log', () => {
  let running: TestService;

  beforeAll(async () => {
    running = await startWritebackService();
  });

  afterAll(async () => {
    await running.service.close();
  });

  it('reads a gzipped text/plain Heroku log like `analyze` does', async () => {
    const path = join(SAMPLES, 'heroku.log');
    const expected = (await analyzeFiles([path])).incidents.map(fixed).sort();

    const incidents = await incidentsOf(
      await reanalyze(running.url, gzipSync(readFileSync(path)), 'text/plain'),
    );
    expect(incidents.map(fixed).sort()).toEqual(expected);
  });

  it('answers 400 naming the accepted bodies, 503 without Sentry settings, 401 without token', async () => {
    const bad = await reanalyze(running.url, JSON.stringify({ issue: 1 }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/issue_id/);

    const unset = await reanalyze(running.url, JSON.stringify({ issue_id: '1' }));
    expect(unset.status).toBe(503);
    expect(((await unset.json()) as { error: string }).error).toMatch(
      /SENTRY_AUTH_TOKEN/,
    );

    const anonymous = await fetch(`${running.url}/api/reanalyze`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
