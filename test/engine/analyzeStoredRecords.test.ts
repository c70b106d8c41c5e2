import { analysisSettingsSchema } from '../../src/config/analysisSettingsSchema';
import { analyzeStoredRecords } from '../../src/engine/analyzeStoredRecords';
import { logRecord } from '../helpers/logRecord';

const settings = analysisSettingsSchema.parse({});
const USER = '+573001234567';
const JTI = 'aaaaaaaa11111111aaaaaaaa11111111';
const COMPLETION =
  `[REVOKE_ALL_SESSIONS] Usuario ${USER}: 1 tokens blacklisted, 1 sesiones invalidadas. ` +
  `Sesiones afectadas: [{'id': UUID('00000000-0000-0000-0000-000000000001'), ` +
  `'refresh_token_jti': '${JTI}', 'ip_address': '192.0.2.1'}]`;

describe('analyzeStoredRecords', () => {
  test('a breadcrumb copy cut inside its first line is the same line as its event: one revocation', async () => {
    const whole = logRecord('2026-01-03T10:00:00.120Z', COMPLETION, 'sentry:a');
    const cut = logRecord(
      '2026-01-03T10:00:00.120Z',
      `${COMPLETION.slice(0, 150)}...`,
      'sentry:b',
    );
    const failure = logRecord(
      '2026-01-03T10:30:00Z',
      `[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: ${JTI}, user_id: ${USER}`,
      'sentry:c',
    );

    const { incidents } = await analyzeStoredRecords([cut, whole, failure], settings);

    expect(incidents.map((i) => [i.cause, i.status])).toEqual([
      ['backend_revocation', 'confirmed'],
    ]);
  });
});
