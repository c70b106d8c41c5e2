import { join } from 'node:path';

import type { Incident } from '../../src/model/Incident';
import { generatedStream, generatedTruth } from '../fixtures/webhook/webhookFixtures';
import { analyzeFiles } from '../helpers/analyzeFiles';
import { scoreIncidents } from '../helpers/scoreIncidents';

const SAMPLES = join(__dirname, '../../../shared/samples/generated');
import {
  deliver,
  getApi,
  removeTempDirs,
  startTestService,
  type TestService,
} from './serviceHarness';

const key = (incident: { user: string; cause: string; status: string }) =>
  `${incident.user} ${incident.cause} ${incident.status}`;

describe('the generated six-hour stream delivered as signed webhooks', () => {
  let running: TestService;

  beforeAll(async () => {
    running = await startTestService();
  });

  afterAll(async () => {
    await running.service.close();
    removeTempDirs();
  });

  // Latency is measured by the benchmarks, not asserted here.
  it('answers every delivery with 2xx', async () => {
    const statuses = new Set<number>();

    const lines = generatedStream();
    expect(lines).toHaveLength(306);
    for (const line of lines) {
      const response = await deliver(running.url, line);
      await response.arrayBuffer();
      statuses.add(response.status);
    }

    expect([...statuses].every((status) => status >= 200 && status < 300)).toBe(true);
  });

  it('lists the 18 incidents of truth.json by user, cause and status', async () => {
    const response = await getApi(running.url, '/api/incidents?limit=1000');
    const { incidents } = (await response.json()) as {
      incidents: { user: string; cause: string; status: string }[];
    };

    expect(incidents.map(key).sort()).toEqual(generatedTruth().map(key).sort());
  });

  it('passes the samples score: triggers, one fingerprint per group, no extra incident', async () => {
    const response = await getApi(running.url, '/api/incidents?limit=1000');
    const { incidents } = (await response.json()) as { incidents: Incident[] };

    expect(scoreIncidents(generatedTruth(), incidents)).toEqual([]);
  });

  it('gives the same incidents as `logout-lens analyze` over the same events', async () => {
    const response = await getApi(running.url, '/api/incidents?limit=1000');
    const served = ((await response.json()) as { incidents: Incident[] }).incidents;
    const analyzed = await analyzeFiles([join(SAMPLES, 'sentry-webhooks.ndjson')]);

    const fixed = (incident: Incident) =>
      [
        incident.id,
        incident.user,
        incident.cause,
        incident.status,
        incident.fingerprint,
      ].join(' ');
    expect(served.map(fixed).sort()).toEqual(analyzed.incidents.map(fixed).sort());
  });
});
