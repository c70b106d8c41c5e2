import type { StorySpec } from '../../bench/generateStream';
import { removeTempFiles } from './support/analyze';
import { scoreShape, scripted } from './support/scoreStream';

afterAll(removeTempFiles);

/**
 * The SDK cuts long strings (1024 characters, 512 in older SDKs): a
 * breadcrumb copy of a line may be cut short while the event copy is whole
 * (SPEC §1: keep the longest copy, count nothing twice).
 */
const threeSessionsInline: StorySpec = {
  kind: 'backend_revocation',
  variant: {
    path: 'admin_vip_grant',
    form: 'bulk',
    sessions: 3,
    failures: 1,
    affected: 'inline',
    truncation: 'none',
  },
};

describe('a completion line repeated as a cut breadcrumb of the same request', () => {
  test("cut at 1024 characters (after its first line's end) it is one revocation", async () => {
    const stream = scripted([threeSessionsInline]);

    const { problems } = await scoreShape(stream, 'sentry', { breadcrumbMaxChars: 1024 });

    expect(problems).toEqual([]);
  });

  // The cut copy's first line only begins the event's: read as a second completion line
  // (with a shorter list) it would make a second revocation.
  test('cut at 512 characters (inside its first line) it is still one revocation', async () => {
    const stream = scripted([threeSessionsInline]);

    const { problems } = await scoreShape(stream, 'sentry', { breadcrumbMaxChars: 512 });

    expect(problems).toEqual([]);
  });
});
