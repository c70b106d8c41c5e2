import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { analyzeStoredRecords } from '../../src/engine/analyzeStoredRecords';
import { createLogger } from '../../src/logging/createLogger';
import type { Incident } from '../../src/model/Incident';
import { startService } from '../../webhook/startService';
import { analyzeFiles } from '../helpers/analyzeFiles';
import {
  databasePathIn,
  LogLines,
  makeTempDir,
  removeTempDirs,
  SECRET,
  TOKEN,
} from '../webhook/serviceHarness';

const HEROKU_LOG = join(__dirname, '../../../shared/samples/generated/heroku.log');

afterAll(removeTempDirs);

/** An incident seen after everything in the sample log, resting on no record of it. */
function newerIncident(index: number): Incident {
  const at = new Date(Date.UTC(2030, 0, 1, 0, 0, index)).toISOString();
  return {
    id: `synthetic${String(index).padStart(6, '0')}`,
    user: `user-${index}`,
    cause: 'unexplained',
    status: 'suspected',
    fingerprint: `synthetic|${index}`,
    title: 'synthetic',
    trigger: null,
    action: null,
    sessions: [],
    first_seen: at,
    last_seen: at,
    evidence_gaps: [],
    signals: [],
    failed_jtis: [],
  };
}

describe('POST /api/reanalyze when the store holds more than 1000 newer incidents', () => {
  it('still answers with the incidents of the uploaded log', async () => {
    const dir = makeTempDir();
    const service = await startService({
      env: {
        PORT: '0',
        DATABASE_URL: `sqlite:${databasePathIn(dir)}`,
        SENTRY_CLIENT_SECRET: SECRET,
        LOGOUT_LENS_API_TOKEN: TOKEN,
      },
      cwd: dir,
      logger: createLogger({ level: 'silent', destination: new LogLines() }),
      analysisDelayMs: 10,
      // The real analysis, plus 1001 incidents newer than any in the upload.
      analyze: async (records, settings) => {
        const result = await analyzeStoredRecords(records, settings);
        const extra = Array.from({ length: 1001 }, (_, index) => newerIncident(index));
        return { ...result, incidents: [...result.incidents, ...extra] };
      },
    });
    try {
      const expected = (await analyzeFiles([HEROKU_LOG])).incidents.map((i) => i.id);
      expect(expected.length).toBeGreaterThan(0);

      const response = await fetch(`http://127.0.0.1:${service.port}/api/reanalyze`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
        body: readFileSync(HEROKU_LOG),
      });
      expect(response.status).toBe(200);
      const { incidents } = (await response.json()) as { incidents: Incident[] };
      expect(incidents.map((incident) => incident.id).sort()).toEqual(expected.sort());
    } finally {
      await service.close();
    }
  });
});
