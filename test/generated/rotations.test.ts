import type { StorySpec, StreamShape } from '../../bench/generateStream';
import { removeTempFiles } from './support/analyze';
import { scoreShape, scripted } from './support/scoreStream';

afterAll(removeTempFiles);

const SHAPES: StreamShape[] = ['heroku', 'docker', 'jsonl', 'sentry'];

async function problemsOf(script: StorySpec[], shape: StreamShape) {
  const stream = scripted(script);
  const { problems, result } = await scoreShape(stream, shape, {}, 'rotations');
  return { stream, problems, result };
}

describe('two tabs refresh at once (rotation_race)', () => {
  test.each(SHAPES)(
    '%s: the loser is refused 1–300 ms after the winning rotation',
    async (shape) => {
      const script: StorySpec[] = [
        { kind: 'rotation_race', variant: { offsetMs: 1, retries: false } },
        { kind: 'rotation_race', variant: { offsetMs: 300, retries: true } },
        {
          kind: 'rotation_race',
          variant: { offsetMs: 4000, loggedIn: true, lang: 'en' },
        },
      ];

      const { problems } = await problemsOf(script, shape);

      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: the loser is logged 1–300 ms before the winning rotation',
    async (shape) => {
      const script: StorySpec[] = [
        { kind: 'rotation_race', variant: { offsetMs: -1, retries: false } },
        {
          kind: 'rotation_race',
          variant: { offsetMs: -300, retries: true, winnerContinues: true },
        },
      ];

      const { problems } = await problemsOf(script, shape);

      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: user_id None, the user found through the rotation',
    async (shape) => {
      const script: StorySpec[] = [
        { kind: 'rotation_race', variant: { offsetMs: 120, userNone: true } },
        { kind: 'rotation_race', variant: { offsetMs: -120, userNone: true } },
      ];

      const { problems } = await problemsOf(script, shape);

      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: both tabs rotated the same JTI; the other new JTI fails later',
    async (shape) => {
      const script: StorySpec[] = [
        { kind: 'double_rotation', variant: { gapMs: 15, firstLoses: true } },
        {
          kind: 'double_rotation',
          variant: { gapMs: 800, firstLoses: false, retries: true },
        },
        { kind: 'double_rotation', variant: { gapMs: 200, userNone: true, lang: 'en' } },
      ];

      const { problems } = await problemsOf(script, shape);

      expect(problems).toEqual([]);
    },
  );
});

describe('an old token comes back (stale_token)', () => {
  test.each(SHAPES)(
    '%s: rotated 45 s, 20 min or 2 h before the failure',
    async (shape) => {
      const script: StorySpec[] = [
        { kind: 'stale_token', variant: { gapSeconds: 45 } },
        { kind: 'stale_token', variant: { gapSeconds: 1200, rotatedAgain: true } },
        {
          kind: 'stale_token',
          variant: { gapSeconds: 7200, userNone: true, retries: true },
        },
      ];

      const { problems } = await problemsOf(script, shape);

      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: two rotations of one JTI minutes apart make the other stale',
    async (shape) => {
      const script: StorySpec[] = [
        { kind: 'double_rotation', variant: { gapMs: 180_000 } },
      ];

      const { stream, problems } = await problemsOf(script, shape);

      expect(stream.truth.map((t) => t.cause)).toEqual(['stale_token']);
      expect(problems).toEqual([]);
    },
  );
});

describe('nothing explains the failure (unexplained)', () => {
  test.each(SHAPES)('%s: a JTI never seen elsewhere is unexplained', async (shape) => {
    const script: StorySpec[] = [
      { kind: 'unexplained', variant: { otherDevice: true, userNone: false } },
      {
        kind: 'unexplained',
        variant: { otherDevice: false, userNone: false, retries: true },
      },
    ];

    const { problems } = await problemsOf(script, shape);

    expect(problems).toEqual([]);
  });

  test.each(SHAPES)(
    '%s: with user_id None and an unknown JTI there is no incident',
    async (shape) => {
      const script: StorySpec[] = [
        { kind: 'unexplained', variant: { otherDevice: true, userNone: true } },
      ];

      const { stream, problems } = await problemsOf(script, shape);

      expect(stream.truth).toEqual([]);
      expect(problems).toEqual([]);
    },
  );
});

describe('refusals that name no user', () => {
  test.each(['heroku', 'syslog'] as StreamShape[])(
    '%s: Unauthorized lines and router 401s form no incident and are counted',
    async (shape) => {
      const script: StorySpec[] = [
        { kind: 'userless_refusal', variant: { shape: 'lone' } },
        { kind: 'userless_refusal', variant: { shape: 'burst' } },
        { kind: 'userless_refusal', variant: { shape: 'race' } },
      ];

      const { problems, result } = await problemsOf(script, shape);

      expect(problems).toEqual([]);
      expect(result.stats.userless_refusals).toBeGreaterThanOrEqual(5);
    },
  );

  test.each(SHAPES)('%s: no incident from userless refusals', async (shape) => {
    const script: StorySpec[] = [
      { kind: 'userless_refusal', variant: { shape: 'burst' } },
      { kind: 'userless_refusal', variant: { shape: 'race' } },
    ];

    const { result } = await problemsOf(script, shape);

    expect(result.incidents).toEqual([]);
  });
});
