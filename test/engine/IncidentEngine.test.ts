import { analysisSettingsSchema } from '../../src/config/analysisSettingsSchema';
import { analyzeRecords } from '../../src/engine/analyzeRecords';
import type { LogRecord } from '../../src/model/LogRecord';
import { FRAMEWORK, SAVE_FRAMES, logRecord, stackText } from '../helpers/logRecord';

const settings = analysisSettingsSchema.parse({});
const USER = '+573001234567';
const ADMIN = '+573009876543';
const J1 = 'aaaaaaaa11111111aaaaaaaa11111111';
const J2 = 'bbbbbbbb22222222bbbbbbbb22222222';
const J3 = 'cccccccc33333333cccccccc33333333';

function analyze(records: LogRecord[], overrides = {}) {
  return analyzeRecords(records, { ...settings, ...overrides });
}

/** The app's revoke-all from a signal receiver reached through `view`. */
function revokeAllStack(view: [string, number, string, string], receiverLine = 61) {
  return stackText([
    ...FRAMEWORK,
    view,
    ...SAVE_FRAMES,
    [
      '/app/users/signals.py',
      receiverLine,
      'audit_role_change',
      'revoke_all_sessions(instance)',
    ],
  ]);
}

const PACKAGES_VIEW: [string, number, string, string] = [
  '/app/spa/views/packages.py',
  57,
  'post',
  "user.save(update_fields=['vip_auto_renew', 'updated_at'])",
];

function revokeAll(
  at: string,
  user: string,
  jtis: string[],
  stack: string,
  source = 'web.1',
) {
  const t = Date.parse(at);
  const sessions = jtis
    .map(
      (jti, i) =>
        `{'id': UUID('0000000${i}-0000-0000-0000-000000000000'), 'refresh_token_jti': '${jti}', 'ip_address': '192.0.2.1', 'created_at': datetime.datetime(2026, 1, 1, 10, 0, 0, tzinfo=datetime.timezone.utc)}`,
    )
    .join(', ');
  return [
    logRecord(
      new Date(t).toISOString(),
      `[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para ${user}. Llamado desde:\n${stack}`,
      source,
    ),
    logRecord(
      new Date(t + 10).toISOString(),
      `[REVOKE_ALL_SESSIONS] Usuario ${user}: ${jtis.length} tokens blacklisted, ${jtis.length} sesiones invalidadas. Sesiones afectadas: [${sessions}]`,
      source,
    ),
  ];
}

function failure(
  at: string | null,
  jti: string,
  user: string | null = USER,
  source = 'web.2',
) {
  return logRecord(
    at,
    `[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: ${jti}, user_id: ${user ?? 'None'}`,
    source,
  );
}

function rotation(
  at: string | null,
  oldJti: string,
  newJti: string,
  user = USER,
  source = 'web.1',
) {
  return logRecord(
    at,
    `[SESSION_REFRESH] Token rotado - User: ${user}, Old JTI: ${oldJti}, New JTI: ${newJti}`,
    source,
  );
}

describe('IncidentEngine', () => {
  test("the guide's scenario-3 lines, message only, give one rotation_race", () => {
    const lines = [
      '[SESSION_REFRESH] Token rotado - User: +57301..., Old JTI: abc123, New JTI: xyz789',
      '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: abc123, user_id: +57301...',
      "[SESSION_DEBUG] Usuario +57301... tiene 1 sesiones activas con JTIs: ['xyz789']",
    ];
    const { incidents } = analyze(lines.map((line) => logRecord(null, line, null)));

    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ cause: 'rotation_race', status: 'confirmed' });
  });

  test('a bulk revoke-all (no deactivation lines) explains a later failure of a listed JTI', () => {
    const records = [
      ...revokeAll('2026-01-03T10:00:00Z', USER, [J1, J2], revokeAllStack(PACKAGES_VIEW)),
      failure('2026-01-03T10:30:00Z', J2),
    ];
    const { incidents } = analyze(records);

    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident).toMatchObject({
      user: USER,
      cause: 'backend_revocation',
      status: 'confirmed',
      title: 'Sessions revoked from spa/views/packages.py in post',
    });
    expect(incident!.trigger!.frames.map((f) => `${f.file}:${f.function}`)).toEqual([
      'spa/views/packages.py:post',
      'users/signals.py:audit_role_change',
    ]);
    expect(incident!.failed_jtis).toEqual([J2]);
  });

  test('the same path gives one fingerprint from a revoke-all stack or from deactivation stacks only, after lines moved', () => {
    const fromRevokeAll = analyze(
      revokeAll('2026-01-03T10:00:00Z', USER, [J1], revokeAllStack(PACKAGES_VIEW)),
    ).incidents[0]!;

    const movedView: [string, number, string, string] = [...PACKAGES_VIEW];
    movedView[1] = 64;
    const deactivationStack = stackText([
      ...FRAMEWORK,
      movedView,
      ...SAVE_FRAMES,
      ['/app/users/signals.py', 70, 'audit_role_change', 'revoke_all_sessions(instance)'],
      [
        '/app/users/views/utils.py',
        98,
        'revoke_all_sessions',
        ').update(is_active=False)',
      ],
      ['/app/users/signals.py', 30, 'log_user_session_changes', 'logger.warning(msg)'],
    ]);
    const fromDeactivation = analyze([
      logRecord(
        '2026-01-03T11:00:00Z',
        `[SESSION_DEACTIVATED] Sesión s-1 marcada como inactiva para +573000000001. JTI: ${J3}. Llamado desde:\n${deactivationStack}`,
      ),
    ]).incidents[0]!;

    expect(fromDeactivation.cause).toBe('backend_revocation');
    expect(fromDeactivation.status).toBe('suspected');
    expect(fromDeactivation.fingerprint).toBe(fromRevokeAll.fingerprint);
  });

  test('different code paths give different fingerprints', () => {
    const other: [string, number, string, string] = [
      '/app/spa/views/appointments/appointment_viewset.py',
      214,
      'admin_create_for_client',
      'package_service.grant_vip(client, package)',
    ];
    const a = analyze(
      revokeAll('2026-01-03T10:00:00Z', USER, [J1], revokeAllStack(PACKAGES_VIEW)),
    );
    const b = analyze(
      revokeAll('2026-01-03T10:00:00Z', USER, [J1], revokeAllStack(other)),
    );

    expect(a.incidents[0]!.fingerprint).not.toBe(b.incidents[0]!.fingerprint);
  });

  test('a password change is an expected_revocation', () => {
    const stack = stackText([
      ...FRAMEWORK,
      ['/app/users/views/password.py', 130, 'post', 'revoke_all_sessions(user)'],
    ]);
    const { incidents } = analyze([
      ...revokeAll('2026-01-03T10:00:00Z', USER, [J1, J2], stack),
      failure('2026-01-03T10:05:00Z', J1),
    ]);

    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      cause: 'expected_revocation',
      status: 'confirmed',
    });
    expect(incidents[0]!.trigger!.frames[0]).toMatchObject({
      file: 'users/views/password.py',
      function: 'post',
    });
  });

  test('a failure logged a few ms before the winning rotation on another dyno is a rotation_race', () => {
    const { incidents } = analyze([
      failure('2026-01-03T10:00:00.100Z', J1, USER, 'web.2'),
      rotation('2026-01-03T10:00:00.104Z', J1, J2, USER, 'web.1'),
    ]);

    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      cause: 'rotation_race',
      fingerprint: 'rotation_race',
    });
  });

  test("a race's timeline shows the rotation line and the failure as logged", () => {
    const records = [
      rotation('2026-01-03T10:00:00.000Z', J1, J2, USER, 'web.1'),
      failure('2026-01-03T10:00:01.000Z', J1, USER, 'web.2'),
    ];
    const logged = records.map((record) => record.message);
    const { incidents } = analyze(records);

    expect(incidents[0]?.signals.map((s) => [s.message, s.source, s.at])).toEqual([
      [logged[0], 'web.1', '2026-01-03T10:00:00.000Z'],
      [logged[1], 'web.2', '2026-01-03T10:00:01.000Z'],
    ]);
  });

  test('a failure long after the rotation of its JTI is a stale_token', () => {
    const { incidents } = analyze([
      rotation('2026-01-03T10:00:00Z', J1, J2),
      failure('2026-01-03T11:00:00Z', J1),
    ]);

    expect(incidents.map((i) => i.cause)).toEqual(['stale_token']);
  });

  test("two tabs both rotating the same JTI make the other tab's new JTI fail as a rotation_race", () => {
    const { incidents } = analyze([
      rotation('2026-01-03T10:00:00.000Z', J1, J2, USER, 'web.1'),
      rotation('2026-01-03T10:00:00.300Z', J1, J3, USER, 'web.2'),
      failure('2026-01-03T10:20:00Z', J2),
    ]);

    expect(incidents.map((i) => i.cause)).toEqual(['rotation_race']);
  });

  test('the window is configurable: 5 s makes a 7 s gap stale', () => {
    const records = [
      rotation('2026-01-03T10:00:00Z', J1, J2),
      failure('2026-01-03T10:00:07Z', J1),
    ];

    expect(analyze(records).incidents[0]!.cause).toBe('rotation_race');
    expect(analyze(records, { raceWindowSeconds: 5 }).incidents[0]!.cause).toBe(
      'stale_token',
    );
  });

  test('a revocation with only its start line explains a later failure of the user (rule 3) and notes the missing completion', () => {
    const { incidents } = analyze([
      logRecord(
        '2026-01-03T10:00:00Z',
        `[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para ${USER}. Llamado desde:\n${revokeAllStack(PACKAGES_VIEW)}`,
      ),
      failure('2026-01-03T12:00:00Z', J1),
    ]);

    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      cause: 'backend_revocation',
      status: 'confirmed',
    });
    expect(incidents[0]!.evidence_gaps.join(' ')).toMatch(/no completion line/);
  });

  test('a revocation that lists its JTIs and not the failing one does not explain it', () => {
    const { incidents } = analyze([
      ...revokeAll('2026-01-03T10:00:00Z', USER, [J1], revokeAllStack(PACKAGES_VIEW)),
      failure('2026-01-03T10:30:00Z', J3),
    ]);

    expect(incidents.map((i) => [i.cause, i.status]).sort()).toEqual([
      ['backend_revocation', 'suspected'],
      ['unexplained', 'confirmed'],
    ]);
    const unexplained = incidents.find((i) => i.cause === 'unexplained')!;
    expect(unexplained.fingerprint).toBe('unexplained');
    expect(unexplained.evidence_gaps.length).toBeGreaterThan(0);
  });

  test('a revoke-all that invalidated 0 sessions is no incident', () => {
    const { incidents } = analyze(
      revokeAll('2026-01-03T10:00:00Z', USER, [], revokeAllStack(PACKAGES_VIEW)),
    );

    expect(incidents).toEqual([]);
  });

  test('a failure with user_id None is attributed through the JTI history', () => {
    const { incidents } = analyze([
      logRecord(
        '2026-01-03T09:00:00Z',
        `[SESSION_CREATED] Nueva sesión para ${USER} - ID: s-1, JTI: ${J1}, IP: 192.0.2.1`,
      ),
      failure('2026-01-03T10:00:00Z', J1, null),
    ]);

    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ user: USER, cause: 'unexplained' });
  });

  test('a failure naming no user and with no history forms no incident but is counted', () => {
    const { incidents, stats } = analyze([failure('2026-01-03T10:00:00Z', J1, null)]);

    expect(incidents).toEqual([]);
    expect(stats.userless_refusals).toBe(1);
  });

  test('a completion line without any stack is a backend_revocation with the unknown-trigger fingerprint', () => {
    const [, completion] = revokeAll('2026-01-03T10:00:00Z', USER, [J1], '');
    const { incidents } = analyze([completion!, failure('2026-01-03T10:10:00Z', J1)]);

    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      cause: 'backend_revocation',
      fingerprint: 'backend_revocation:unknown-trigger',
      trigger: null,
    });
  });

  test("a stack cut short falls back to the action's USER_SAVE frames, in a group of its own", () => {
    const saveStack = stackText([...FRAMEWORK, PACKAGES_VIEW]);
    const cutStack = stackText(FRAMEWORK.slice(0, 2));
    const whole = analyze(
      revokeAll('2026-01-03T10:00:00Z', USER, [J1], revokeAllStack(PACKAGES_VIEW)),
    ).incidents[0]!;

    const { incidents } = analyze([
      logRecord(
        '2026-01-03T10:59:59.900Z',
        `[USER_SAVE] Usuario ${USER} modificado. Campos cambiados: vip_auto_renew. Llamado desde:\n${saveStack}`,
      ),
      ...revokeAll('2026-01-03T11:00:00Z', USER, [J1], cutStack),
    ]);

    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.trigger).toMatchObject({ truncated: true });
    expect(incidents[0]!.trigger!.frames[0]).toMatchObject({
      file: 'spa/views/packages.py',
    });
    expect(incidents[0]!.fingerprint).not.toBe(whole.fingerprint);
    expect(incidents[0]!.evidence_gaps.join(' ')).toMatch(/cut short/);
  });

  test('retries of the same failing JTI join one incident', () => {
    const { incidents } = analyze([
      failure('2026-01-03T10:00:00Z', J1),
      failure('2026-01-03T10:00:03Z', J1),
      failure('2026-01-03T10:05:00Z', J1),
    ]);

    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.signals.filter((s) => s.kind === 'refresh_failed')).toHaveLength(
      3,
    );
  });

  test("the admin's appointment is the action in progress, and the user is the client named in the message", () => {
    const { incidents } = analyze([
      logRecord(
        '2026-01-03T09:59:59Z',
        `[ADMIN_CREATE_APPOINTMENT] Admin ${ADMIN} creando cita para cliente ${USER}. Método de pago: PAYMENT_LINK`,
      ),
      ...revokeAll('2026-01-03T10:00:00Z', USER, [J1], revokeAllStack(PACKAGES_VIEW)),
      failure('2026-01-03T14:00:00Z', J1),
    ]);

    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      user: USER,
      action: { tag: 'ADMIN_CREATE_APPOINTMENT', actor: ADMIN },
    });
  });

  test('an abbreviated JTI in the failure matches the whole JTI of the revocation list', () => {
    const { incidents } = analyze([
      ...revokeAll('2026-01-03T10:00:00Z', USER, [J1], revokeAllStack(PACKAGES_VIEW)),
      failure('2026-01-03T10:10:00Z', `${J1.slice(0, 8)}...`),
    ]);

    expect(incidents.map((i) => [i.cause, i.status])).toEqual([
      ['backend_revocation', 'confirmed'],
    ]);
  });

  test('incident ids do not change when a failure joins', () => {
    const revocation = revokeAll(
      '2026-01-03T10:00:00Z',
      USER,
      [J1],
      revokeAllStack(PACKAGES_VIEW),
    );
    const before = analyze(revocation).incidents[0]!;
    const after = analyze([...revocation, failure('2026-01-03T10:10:00Z', J1)])
      .incidents[0]!;

    expect(after.id).toBe(before.id);
    expect([before.status, after.status]).toEqual(['suspected', 'confirmed']);
  });

  test('a completion list cut short (fewer sessions than invalidated) does not prove a missing JTI was spared', () => {
    const [start, completion] = revokeAll(
      '2026-01-03T10:00:00Z',
      USER,
      [J1],
      revokeAllStack(PACKAGES_VIEW),
    );
    const cut = {
      ...completion!,
      message: completion!.message.replace(
        '1 sesiones invalidadas',
        '2 sesiones invalidadas',
      ),
    };
    const { incidents } = analyze([start!, cut, failure('2026-01-03T10:30:00Z', J3)]);

    expect(incidents.map((i) => [i.cause, i.status])).toEqual([
      ['backend_revocation', 'confirmed'],
    ]);
  });

  test('a rotation older than the lookback explains nothing, whether or not it was pruned yet', () => {
    const { incidents } = analyze([
      rotation('2026-01-02T04:00:00Z', J1, J2),
      failure('2026-01-03T10:00:00Z', J1),
    ]);
    const recent = analyze(
      [rotation('2026-01-02T04:00:00Z', J1, J2), failure('2026-01-03T10:00:00Z', J1)],
      { lookbackHours: 48 },
    );

    expect(incidents.map((i) => i.cause)).toEqual(['unexplained']);
    expect(recent.incidents.map((i) => i.cause)).toEqual(['stale_token']);
    const pruned = analyze([
      rotation('2026-01-02T04:00:00Z', J1, J2),
      ...Array.from({ length: 2048 }, (_, i) =>
        logRecord(
          new Date(Date.parse('2026-01-03T09:00:00Z') + i).toISOString(),
          'GET /',
        ),
      ),
      failure('2026-01-03T10:00:00Z', J1),
    ]);
    expect(pruned.incidents.map((i) => i.cause)).toEqual(['unexplained']);
  });

  test('a stack cut below the machinery frame keeps the whole-stack fingerprint', () => {
    const whole = stackText([
      ...FRAMEWORK,
      PACKAGES_VIEW,
      ...SAVE_FRAMES,
      ['/app/users/signals.py', 61, 'audit_role_change', 'revoke_all_sessions(instance)'],
      [
        '/app/users/views/utils.py',
        95,
        'revoke_all_sessions',
        ').update(is_active=False)',
      ],
    ]);
    const deactivation = (user: string, stack: string) =>
      logRecord(
        '2026-01-03T10:00:00Z',
        `[SESSION_DEACTIVATED] Sesión s-1 marcada como inactiva para ${user}. JTI: ${J1}. Llamado desde:\n${stack}`,
      );

    const a = analyze([deactivation(USER, whole)]).incidents[0]!;
    const b = analyze([deactivation(USER, `${whole}\n  File "/app/users/mod`)])
      .incidents[0]!;

    expect(b.fingerprint).toBe(a.fingerprint);
    expect(b.trigger!.truncated).toBe(false);
  });

  test('incidents finished long before the end of a stream are still reported, with what joined them', () => {
    const start = Date.parse('2026-01-03T10:00:00Z');
    const filler = Array.from({ length: 4000 }, (_, i) =>
      logRecord(new Date(start + 2 * 3_600_000 + i * 60_000).toISOString(), `GET /${i}`),
    );
    const { incidents } = analyze([
      ...revokeAll('2026-01-03T10:00:00Z', USER, [J1], revokeAllStack(PACKAGES_VIEW)),
      failure('2026-01-03T11:00:00Z', J1),
      ...filler,
      failure(new Date(start + 70 * 3_600_000).toISOString(), J2),
    ]);

    expect(incidents.map((i) => [i.cause, i.status, i.failed_jtis])).toEqual([
      ['backend_revocation', 'confirmed', [J1]],
      ['unexplained', 'confirmed', [J2]],
    ]);
  });
});
