import type { StorySpec, StreamShape } from '../../bench/generateStream';
import { CODE_PATHS } from '../../bench/generator/codePaths';
import { LAYOUTS } from '../../bench/generator/StackFrame';
import type { RevocationVariant } from '../../bench/generator/stories/revocationVariant';
import { normalizeRevocationVariant } from '../../bench/generator/stories/revocationVariant';
import { removeTempFiles } from './support/analyze';
import { scoreShape, scripted } from './support/scoreStream';

afterAll(removeTempFiles);

/** A single-dyno console, a multi-dyno platform stream, and Sentry's request scopes. */
const SHAPES: StreamShape[] = ['heroku', 'django-bracket', 'sentry'];

const backend = (variant: Partial<RevocationVariant>): StorySpec => ({
  kind: 'backend_revocation',
  variant: {
    failures: 1,
    retries: false,
    truncation: 'none',
    order: 'outermost-first',
    ...variant,
  },
});
/** A whole revocation variant (for stories that embed one). */
function backendVariant(variant: Partial<RevocationVariant>): RevocationVariant {
  return normalizeRevocationVariant({
    path: 'cancellation_streak',
    form: 'full',
    machinery: 'revoke_all_sessions',
    bottom: 'loop',
    order: 'outermost-first',
    lang: 'es',
    affected: 'inline',
    values: 'python',
    sessions: 2,
    loggedIn: 1,
    rotatedBefore: false,
    failures: 1,
    retries: false,
    userNone: false,
    truncation: 'none',
    blacklistError: false,
    reLogin: false,
    crash: false,
    release: null,
    ...variant,
  });
}
const expected = (variant: Partial<RevocationVariant>): StorySpec => ({
  kind: 'expected_revocation',
  variant: { failures: 1, truncation: 'none', ...variant },
});

async function expectTruth(script: StorySpec[], shape: StreamShape, options = {}) {
  const stream = scripted(script, options);
  const { problems } = await scoreShape(stream, shape, {}, 'focused');
  return { stream, problems };
}

describe('a revocation by each code path is one incident grouped by its path', () => {
  const paths = CODE_PATHS.map((p) => p.group);

  test.each(SHAPES)(
    '%s: every path, two users each, one fingerprint per path',
    async (shape) => {
      const script = paths.flatMap((path) => {
        const cause = CODE_PATHS.find((p) => p.group === path)!.cause;
        const spec = cause === 'backend_revocation' ? backend : expected;
        return [spec({ path, form: 'full' }), spec({ path, form: 'bulk', sessions: 2 })];
      });

      const { stream, problems } = await expectTruth(script, shape);

      expect(new Set(stream.truth.map((t) => t.group)).size).toBe(paths.length);
      expect(problems).toEqual([]);
    },
  );
});

describe('whichever lines of a revocation survive, its path keeps one fingerprint', () => {
  const forms: Partial<RevocationVariant>[] = [
    { form: 'full', sessions: 2, bottom: 'update' },
    { form: 'full', sessions: 3, bottom: 'loop' },
    { form: 'bulk', sessions: 2 },
    { form: 'deactivations', sessions: 2, bottom: 'loop-trimmed' },
    { form: 'start_only', failures: 1, loggedIn: 2, sessions: 2 },
    { form: 'full', release: 1 },
    { form: 'deactivations', release: 1, bottom: 'loop' },
  ];

  test.each(SHAPES)(
    '%s: cancellation_streak in seven forms and two releases',
    async (shape) => {
      const script = forms.map((f) => backend({ path: 'cancellation_streak', ...f }));

      const { problems } = await expectTruth(script, shape);

      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: stacks written innermost first group with outermost-first ones',
    async (shape) => {
      const script = [
        backend({ path: 'admin_vip_grant', form: 'full', order: 'innermost-first' }),
        backend({
          path: 'admin_vip_grant',
          form: 'deactivations',
          order: 'innermost-first',
          bottom: 'loop',
        }),
        backend({ path: 'admin_vip_grant', form: 'bulk' }),
        backend({ path: 'nightly_vip_expiry', form: 'bulk', order: 'innermost-first' }),
        expected({ path: 'password_change', form: 'full', order: 'innermost-first' }),
      ];

      const { problems } = await expectTruth(script, shape);

      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: the English build groups with the Spanish one',
    async (shape) => {
      const script = [
        backend({ path: 'staff_admin_edit', form: 'full', lang: 'en' }),
        backend({ path: 'staff_admin_edit', form: 'bulk', lang: 'es' }),
        backend({ path: 'profile_email_change', form: 'deactivations', lang: 'en' }),
        expected({
          path: 'logout',
          form: 'full',
          machinery: 'revoke_all_sessions',
          lang: 'en',
        }),
      ];

      const { problems } = await expectTruth(script, shape);

      expect(problems).toEqual([]);
    },
  );
});

describe('Sesiones afectadas in every layout names the revoked JTIs', () => {
  const layouts: Partial<RevocationVariant>[] = [
    { affected: 'inline', values: 'python' },
    { affected: 'indented', values: 'python' },
    { affected: 'pprint', values: 'python' },
    { affected: 'next-line', values: 'python' },
    { affected: 'pprint', values: 'strings' },
    { affected: 'inline', values: 'strings' },
  ];

  test.each(SHAPES)(
    '%s: bulk revocations, failures only through the list',
    async (shape) => {
      const script = layouts.map((l) =>
        backend({ path: 'payment_refund', form: 'bulk', sessions: 3, failures: 2, ...l }),
      );

      const { problems } = await expectTruth(script, shape);

      expect(problems).toEqual([]);
    },
  );
});

describe('many devices, and a user with two incidents', () => {
  test.each(SHAPES)(
    '%s: eight sessions in one list, six of them failing',
    async (shape) => {
      const script = [
        backend({
          path: 'admin_vip_grant',
          form: 'full',
          sessions: 8,
          failures: 6,
          affected: 'inline',
        }),
        backend({
          path: 'admin_vip_grant',
          form: 'bulk',
          sessions: 7,
          failures: 1,
          affected: 'pprint',
        }),
      ];

      const { problems } = await expectTruth(script, shape);

      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: a stale token first, the same user revoked later',
    async (shape) => {
      const script: StorySpec[] = [
        {
          kind: 'two_incidents',
          variant: { revocation: backendVariant({ path: 'cancellation_streak' }) },
        },
        {
          kind: 'two_incidents',
          variant: {
            revocation: backendVariant({ path: 'payment_refund', form: 'start_only' }),
          },
        },
      ];

      const { stream, problems } = await expectTruth(script, shape);

      expect(stream.truth.map((t) => t.cause).sort()).toEqual([
        'backend_revocation',
        'backend_revocation',
        'stale_token',
        'stale_token',
      ]);
      expect(problems).toEqual([]);
    },
  );
});

describe('status, counts and missing lines', () => {
  test.each(SHAPES)('%s: no failure leaves the revocation suspected', async (shape) => {
    const script = [
      backend({ path: 'admin_vip_grant', form: 'full', failures: 0 }),
      backend({
        path: 'admin_vip_grant',
        form: 'full',
        failures: 2,
        sessions: 2,
        retries: true,
      }),
      backend({ path: 'payment_refund', form: 'start_only', failures: 0, crash: true }),
      backend({ path: 'payment_refund', form: 'start_only', failures: 0, crash: false }),
    ];

    const { problems } = await expectTruth(script, shape);

    expect(problems).toEqual([]);
  });

  test.each(SHAPES)(
    '%s: a revoke-all that invalidated 0 sessions is no incident',
    async (shape) => {
      const script: StorySpec[] = [
        { kind: 'zero_revocation', variant: { path: 'admin_vip_grant' } },
        {
          kind: 'zero_revocation',
          variant: { path: 'nightly_vip_expiry', form: 'completion_only' },
        },
      ];

      const { stream, problems } = await expectTruth(script, shape);

      expect(stream.truth).toEqual([]);
      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: a completion line alone is backend_revocation:unknown-trigger',
    async (shape) => {
      const script = [
        backend({ path: 'payment_refund', form: 'completion_only', failures: 1 }),
        backend({ path: 'password_change', form: 'completion_only', failures: 0 }),
        backend({
          path: 'admin_vip_grant',
          form: 'completion_no_list',
          failures: 1,
          loggedIn: 1,
        }),
      ];

      const { stream, problems } = await expectTruth(script, shape);

      expect(stream.truth.every((t) => t.group === 'unknown_trigger')).toBe(true);
      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: user_id None on the failure, user found through the JTI',
    async (shape) => {
      const script = [
        backend({ path: 'cancellation_streak', form: 'bulk', userNone: true }),
        backend({
          path: 'cancellation_streak',
          form: 'deactivations',
          userNone: true,
          loggedIn: 0,
        }),
        backend({ path: 'staff_admin_edit', form: 'start_only', userNone: true }),
        backend({ path: 'staff_admin_edit', form: 'completion_no_list', userNone: true }),
        backend({
          path: 'payment_refund',
          form: 'completion_only',
          userNone: true,
          rotatedBefore: true,
        }),
      ];

      const { problems } = await expectTruth(script, shape);

      expect(problems).toEqual([]);
    },
  );
});

describe('a stack cut short', () => {
  test.each(SHAPES)(
    '%s: cut by lines, the USER_SAVE stack stands in, in a group of its own',
    async (shape) => {
      const script = [
        backend({ path: 'admin_vip_grant', form: 'bulk', truncation: 'lines' }),
        backend({
          path: 'admin_vip_grant',
          form: 'full',
          truncation: 'lines',
          sessions: 2,
        }),
        backend({ path: 'admin_vip_grant', form: 'full' }),
        backend({
          path: 'nightly_vip_expiry',
          form: 'deactivations',
          truncation: 'lines',
        }),
      ];

      const { stream, problems } = await expectTruth(script, shape);

      expect(stream.truth.map((t) => t.group).sort()).toEqual([
        'admin_vip_grant',
        'admin_vip_grant_truncated',
        'admin_vip_grant_truncated',
        'nightly_vip_expiry_truncated',
      ]);
      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: without a USER_SAVE it is backend_revocation:unknown-trigger',
    async (shape) => {
      const script = [
        backend({ path: 'payment_refund', form: 'bulk', truncation: 'lines' }),
        backend({ path: 'payment_refund', form: 'completion_only' }),
        backend({ path: 'payment_refund', form: 'full' }),
      ];

      const { problems } = await expectTruth(script, shape);

      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: cut mid-line by the SDK (`...`), docker Python layout',
    async (shape) => {
      const script = [
        backend({ path: 'cancellation_streak', form: 'bulk', truncation: 'chars' }),
        backend({ path: 'payment_refund', form: 'deactivations', truncation: 'chars' }),
        backend({ path: 'payment_refund', form: 'completion_only' }),
      ];

      const { problems } = await expectTruth(script, shape, {
        world: { layout: LAYOUTS[0] },
      });

      expect(problems).toEqual([]);
    },
  );

  // Framework frames live under /app/.heroku/: a cut inside such a path must not make an
  // in-app frame (minimalCases.test.ts holds the exact cut that does).
  test.each(SHAPES)(
    '%s: cut mid-line by the SDK (`...`), Heroku Python layout',
    async (shape) => {
      const script = [
        backend({ path: 'cancellation_streak', form: 'bulk', truncation: 'chars' }),
        backend({ path: 'payment_refund', form: 'deactivations', truncation: 'chars' }),
        backend({ path: 'payment_refund', form: 'completion_only' }),
      ];

      const { problems } = await expectTruth(script, shape, {
        world: { layout: LAYOUTS[1] },
      });

      expect(problems).toEqual([]);
    },
  );
});

describe('expected revocations and the session machinery', () => {
  test.each(SHAPES)(
    '%s: password change and logout are expected, shown not alerted',
    async (shape) => {
      const script = [
        expected({ path: 'password_change', form: 'full', sessions: 2, failures: 1 }),
        expected({ path: 'password_change', form: 'bulk', failures: 0 }),
        expected({
          path: 'logout',
          machinery: 'revoke_all_sessions',
          form: 'full',
          sessions: 3,
          failures: 2,
        }),
        expected({
          path: 'logout',
          machinery: 'deactivate_session_for_jti',
          failures: 0,
        }),
      ];

      const { problems } = await expectTruth(script, shape);

      expect(problems).toEqual([]);
    },
  );

  test.each(SHAPES)(
    '%s: deactivate_session_for_jti from a login is a backend path',
    async (shape) => {
      const script = [
        backend({ path: 'device_limit', failures: 1 }),
        backend({ path: 'device_limit', failures: 0, lang: 'en' }),
      ];

      const { problems } = await expectTruth(script, shape);

      expect(problems).toEqual([]);
    },
  );
});

describe('deployments', () => {
  const worlds = [
    {
      name: 'Heroku Python, gthread',
      world: { layout: LAYOUTS[1], worker: 'gthread' as const },
    },
    {
      name: 'virtualenv, short stacks',
      world: { layout: LAYOUTS[2], skipOuter: 9, middlewares: 0 },
    },
    {
      name: 'an in-app middleware above every view',
      world: { appMiddleware: true, middlewares: 4 },
    },
    { name: 'uuid JTIs', world: { jtiStyles: ['uuid' as const] } },
    { name: 'url-safe JTIs', world: { jtiStyles: ['urlsafe' as const] } },
  ];

  test.each(worlds)('$name: paths keep their groups', async ({ world }) => {
    const script = [
      backend({ path: 'admin_vip_grant', form: 'full' }),
      backend({ path: 'admin_vip_grant', form: 'bulk', release: 1 }),
      backend({ path: 'profile_email_change', form: 'deactivations', bottom: 'loop' }),
      backend({ path: 'nightly_vip_expiry', form: 'full' }),
      expected({ path: 'logout', machinery: 'deactivate_session_for_jti', failures: 0 }),
    ];

    for (const shape of SHAPES) {
      const { problems } = await expectTruth(script, shape, { world });
      expect({ shape, problems }).toEqual({ shape, problems: [] });
    }
  });
});

describe('the action in progress', () => {
  test('an admin action is the incident action, with the admin as actor, not as user', async () => {
    const stream = scripted([backend({ path: 'admin_vip_grant', form: 'full' })]);
    const admin = stream.records.find((r) =>
      r.template.startsWith('[ADMIN_CREATE_APPOINTMENT]'),
    )!.args[0];

    for (const shape of SHAPES) {
      const { result } = await scoreShape(stream, shape);
      const [incident] = result.incidents;
      expect({
        shape,
        tag: incident?.action?.tag,
        actor: incident?.action?.actor,
      }).toEqual({
        shape,
        tag: 'ADMIN_CREATE_APPOINTMENT',
        actor: admin,
      });
      expect(incident?.user).not.toBe(admin);
    }
  });
});
