import { join } from 'node:path';

import { analyzeFiles } from '../helpers/analyzeFiles';

/** The debugging guide's own example lines, as a person would paste them: no times. */
const GUIDE = join(__dirname, '../fixtures/guide');

describe("the debugging guide's examples read as logs", () => {
  test('scenario 3 (two tabs, placeholder JTIs) gives one rotation_race', async () => {
    const { incidents } = await analyzeFiles([join(GUIDE, 'scenario-3.log')]);

    expect(incidents.map((i) => [i.cause, i.status])).toEqual([
      ['rotation_race', 'confirmed'],
    ]);
  });

  test('the password-change revoke-all and its deactivation give one fingerprint', async () => {
    const revokeAll = await analyzeFiles([join(GUIDE, 'revoke-all-example.log')]);
    const deactivation = await analyzeFiles([join(GUIDE, 'deactivation-example.log')]);

    expect(revokeAll.incidents).toHaveLength(1);
    expect(revokeAll.incidents[0]).toMatchObject({
      cause: 'expected_revocation',
      status: 'confirmed',
      sessions: [
        { id: 'uuid-1', jti: 'abc123' },
        { id: 'uuid-2', jti: 'xyz789' },
      ],
    });
    expect(deactivation.incidents[0]!.fingerprint).toBe(
      revokeAll.incidents[0]!.fingerprint,
    );
  });
});
