import { parseSignal } from '../../src/signals/parseSignal';
import { herokuMessageAt, logRecord } from './support/records';

const settings = { appRoot: '/app/' };

describe('parseSignal on whole records', () => {
  test('returns null for an untagged message', () => {
    expect(parseSignal(logRecord('Booting worker with pid: 117'), settings)).toBeNull();
  });

  test('sets firstLine to the first line of the message, tag included', () => {
    const message = herokuMessageAt('heroku-admin-vip.log', 34);
    expect(parseSignal(logRecord(message), settings)?.firstLine).toBe(
      '[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +573008369007. Llamado desde:',
    );
  });

  test('keeps the record it was read from', () => {
    const record = logRecord(
      '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: abc123',
    );
    expect(parseSignal(record, settings)?.record).toBe(record);
  });

  test.each([
    ['INFO users.signals ', 'level and logger'],
    ['WARNING 2026-01-03 10:00:00,123 signals ', 'level, time and module'],
    ['2026-01-03 10:00:00,123 INFO users.signals ', 'time, level and logger'],
    [
      '[2026-01-03 10:00:00,123] INFO users.signals: ',
      'bracketed time, level and logger',
    ],
    ['INFO:users.signals:', 'colon-separated level and logger'],
    [
      '2026-01-03T10:00:00.123456Z INFO 2026-01-03 10:00:00,123 users.signals ',
      'docker time',
    ],
  ])('skips an app prefix left in the message (%s: %s)', (prefix) => {
    const signal = parseSignal(
      logRecord(`${prefix}[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: abc123`),
      settings,
    );
    expect(signal).toMatchObject({
      tag: 'SESSION_REFRESH_FAILED',
      kind: 'refresh_failed',
      firstLine: '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: abc123',
    });
  });

  test('keeps an untagged message that merely starts with a level word as untagged', () => {
    expect(parseSignal(logRecord('Error al procesar el pago 12'), settings)).toBeNull();
  });

  test('reads an unknown tag as kind other, with the phone-like user it names', () => {
    expect(
      parseSignal(
        logRecord('[PAYMENT_WEBHOOK] Pago 257163 confirmado para +573001234567'),
        settings,
      ),
    ).toMatchObject({ tag: 'PAYMENT_WEBHOOK', kind: 'other', user: '+573001234567' });
  });

  test('reads an unknown tag naming no user as kind other with user null', () => {
    expect(
      parseSignal(logRecord('[REMINDERS] 14 recordatorios enviados'), settings),
    ).toMatchObject({ tag: 'REMINDERS', kind: 'other', user: null });
  });

  test('reads a known tag in an unknown shape as kind other with its phone-like user', () => {
    expect(
      parseSignal(
        logRecord('[SESSION_REFRESH] Refresco omitido por mantenimiento para +57301...'),
        settings,
      ),
    ).toMatchObject({ tag: 'SESSION_REFRESH', kind: 'other', user: '+57301' });
  });

  test('reads a refresh attempt without a JTI value as kind other', () => {
    expect(
      parseSignal(
        logRecord(
          '[SESSION_REFRESH] Intentando refrescar token - JTI: None, user_id: +573001234567',
        ),
        settings,
      ),
    ).toMatchObject({ kind: 'other', user: '+573001234567' });
  });
});

describe('parseSignal on refusals that name no user', () => {
  test('reads django.request "Unauthorized: .../token/refresh/" as a userless refusal', () => {
    const record = logRecord('Unauthorized: /api/v1/auth/token/refresh/', {
      kind: 'log',
    });
    expect(parseSignal(record, settings)).toMatchObject({
      tag: 'DJANGO_REQUEST',
      kind: 'userless_refusal',
      path: '/api/v1/auth/token/refresh/',
      status: 401,
      firstLine: 'Unauthorized: /api/v1/auth/token/refresh/',
    });
  });

  test('reads "Unauthorized:" behind an app prefix as a userless refusal', () => {
    const record = logRecord(
      'WARNING django.request Unauthorized: /api/v1/auth/token/refresh/',
    );
    expect(parseSignal(record, settings)).toMatchObject({ tag: 'DJANGO_REQUEST' });
  });

  test('returns null for "Unauthorized:" on a path other than the token refresh', () => {
    expect(
      parseSignal(logRecord('Unauthorized: /api/v1/users/me/'), settings),
    ).toBeNull();
  });

  test('reads a router 401 on the refresh path as a userless refusal tagged ROUTER', () => {
    const record = logRecord(
      'at=info method=POST path="/api/v1/auth/token/refresh/" host=x.herokuapp.com dyno=web.2 status=401 bytes=58',
      { kind: 'router', httpStatus: 401, path: '/api/v1/auth/token/refresh/' },
    );
    expect(parseSignal(record, settings)).toMatchObject({
      tag: 'ROUTER',
      kind: 'userless_refusal',
      path: '/api/v1/auth/token/refresh/',
      status: 401,
    });
  });

  test('reads status and path from the router line when the origin lacks them', () => {
    const record = logRecord(
      'at=info method=POST path="/api/v1/auth/token/refresh/" dyno=web.2 status=401',
      { kind: 'router' },
    );
    expect(parseSignal(record, settings)).toMatchObject({ tag: 'ROUTER', status: 401 });
  });

  test.each([
    [400, '/api/v1/auth/token/refresh/'],
    [401, '/api/v1/spa/services/'],
    [200, '/api/v1/auth/token/refresh/'],
  ])('returns null for a router line with status %i on %s', (httpStatus, path) => {
    const record = logRecord(`at=info method=POST path="${path}" status=${httpStatus}`, {
      kind: 'router',
      httpStatus,
      path,
    });
    expect(parseSignal(record, settings)).toBeNull();
  });
});

describe('parseSignal on the sample Heroku stream', () => {
  test('reads the revoke-all start at heroku.log line 34 with its outermost-first stack', () => {
    const signal = parseSignal(
      logRecord(herokuMessageAt('heroku-admin-vip.log', 34)),
      settings,
    );

    expect(signal).toMatchObject({ kind: 'revoke_start', user: '+573008369007' });
    if (signal?.kind !== 'revoke_start') throw new Error('wrong kind');
    expect(signal.stack?.writtenOrder).toBe('outermost-first');
    expect(signal.stack?.truncated).toBe(false);
    expect(signal.stack?.frames).toHaveLength(11);
    expect(signal.stack?.frames[0]?.absPath).toBe(
      '/usr/local/lib/python3.12/site-packages/gunicorn/workers/sync.py',
    );
    expect(
      signal.stack?.frames.filter((f) => f.inApp).map((f) => `${f.file}:${f.function}`),
    ).toEqual([
      'spa/views/appointments/appointment_viewset.py:admin_create_for_client',
      'spa/services/packages.py:grant_vip',
      'users/signals.py:audit_role_change',
    ]);
  });

  test('reads the deactivation at heroku.log line 57 with its JTI and a stack ending in the helper', () => {
    const signal = parseSignal(
      logRecord(herokuMessageAt('heroku-admin-vip.log', 57)),
      settings,
    );

    expect(signal).toMatchObject({
      kind: 'session_deactivated',
      sessionId: '1d140ed8-9cb6-463d-a9bf-ec51f0651621',
      user: '+573008369007',
      jti: '328475a738868e9b5a124b1d0fb5d240',
    });
    if (signal?.kind !== 'session_deactivated') throw new Error('wrong kind');
    expect(signal.stack?.writtenOrder).toBe('outermost-first');
    expect(signal.stack?.frames.at(-1)).toEqual({
      absPath: '/app/users/views/utils.py',
      file: 'users/views/utils.py',
      function: 'revoke_all_sessions',
      line: 95,
      code: ').update(is_active=False, updated_at=timezone.now())',
      inApp: true,
    });
  });

  test('reads the same records when the app prefix was left on the first line', () => {
    const message = `WARNING users.views.utils ${herokuMessageAt('heroku-admin-vip.log', 34)}`;
    expect(parseSignal(logRecord(message), settings)).toMatchObject({
      kind: 'revoke_start',
      user: '+573008369007',
    });
  });

  test('reads the completion at heroku.log line 83 with its one affected session', () => {
    const signal = parseSignal(
      logRecord(herokuMessageAt('heroku-admin-vip.log', 83)),
      settings,
    );
    expect(signal).toMatchObject({
      kind: 'revoke_done',
      user: '+573008369007',
      blacklisted: 1,
      invalidated: 1,
      sessions: [
        {
          id: '1d140ed8-9cb6-463d-a9bf-ec51f0651621',
          jti: '328475a738868e9b5a124b1d0fb5d240',
          ip: '203.0.113.124',
          createdAt: '2025-12-31T02:17:48.974753Z',
        },
      ],
    });
  });

  test('reads the innermost-first revoke-all stack of the sample and puts its outermost frame first', () => {
    const signal = parseSignal(
      logRecord(herokuMessageAt('heroku-innermost-first.log', 18)),
      settings,
    );
    if (signal?.kind !== 'revoke_start') throw new Error('wrong kind');
    expect(signal.stack?.writtenOrder).toBe('innermost-first');
    expect(signal.stack?.frames[0]?.function).toBe('handle');
    expect(signal.stack?.frames.filter((f) => f.inApp).map((f) => f.function)).toEqual([
      'admin_create_for_client',
      'grant_vip',
      'audit_role_change',
    ]);
  });

  test('reads the user save at heroku.log line 18 with its role change', () => {
    const signal = parseSignal(
      logRecord(herokuMessageAt('heroku-admin-vip.log', 18)),
      settings,
    );
    expect(signal).toMatchObject({
      kind: 'user_save',
      user: '+573008369007',
      changes: [{ field: 'role', from: 'CLIENT', to: 'VIP' }],
      stack: { writtenOrder: 'outermost-first', truncated: false },
    });
  });

  test('reads the empty revoke-all list of 0 sessions as an empty session list', () => {
    const signal = parseSignal(
      logRecord(
        '[REVOKE_ALL_SESSIONS] Usuario +573004853194: 0 tokens blacklisted, 0 sesiones invalidadas. Sesiones afectadas: []',
      ),
      settings,
    );
    expect(signal).toMatchObject({ kind: 'revoke_done', invalidated: 0, sessions: [] });
  });

  test('reads a completion line without a list as sessions null', () => {
    const signal = parseSignal(
      logRecord(
        '[REVOKE_ALL_SESSIONS] Usuario +573001234567: 3 tokens blacklisted, 2 sesiones invalidadas.',
      ),
      settings,
    );
    expect(signal).toMatchObject({
      kind: 'revoke_done',
      blacklisted: 3,
      invalidated: 2,
      sessions: null,
    });
  });

  test('reads a completion list cut short by the SDK as its complete sessions only', () => {
    const message =
      "[REVOKE_ALL_SESSIONS] Usuario +573008259791: 2 tokens blacklisted, 2 sesiones invalidadas. Sesiones afectadas: [{'id': UUID('a399f82a-65aa-4c82-b9f2-48b08cb4a0d7'), 'refresh_token_jti': '984181177906159644f9794cdd933160', 'ip_address': '192.0.2.224', 'created_at': datetime.datetime(2025, 12, 15, 17, 52, 12, 380922, tzinfo=datetime.timezone.utc)}, {'id': UUID('abe19f58-03e0-4813-bdc2-ae9963d2e490'), 'refresh_token_jti': 'c21b6092...";
    const signal = parseSignal(logRecord(message), settings);
    expect(signal).toMatchObject({
      kind: 'revoke_done',
      sessions: [{ jti: '984181177906159644f9794cdd933160' }],
    });
    if (signal?.kind !== 'revoke_done') throw new Error('wrong kind');
    expect(signal.sessions).toHaveLength(1);
  });

  test('reads a completion list cut before its first complete session as sessions null', () => {
    const signal = parseSignal(
      logRecord(
        "[REVOKE_ALL_SESSIONS] Usuario +573001234567: 1 tokens blacklisted, 1 sesiones invalidadas. Sesiones afectadas: [{'id': UUID('a399f8",
      ),
      settings,
    );
    expect(signal).toMatchObject({ kind: 'revoke_done', sessions: null });
  });

  test('reads a pretty-printed completion list with datetimes spread over lines', () => {
    const message = [
      '[REVOKE_ALL_SESSIONS] Usuario +573001234567: 2 tokens blacklisted, 2 sesiones invalidadas. Sesiones afectadas: [{',
      "  'created_at': datetime.datetime(2026, 1, 3, 10, 0,",
      '                                  tzinfo=datetime.timezone.utc),',
      "  'id': UUID('11111111-2222-3333-4444-555555555555'),",
      "  'ip_address': None,",
      "  'refresh_token_jti': 'abc123def456'},",
      " {'created_at': datetime.datetime(2026, 1, 3, 11, 0, 0, 5),",
      "  'id': UUID('66666666-7777-8888-9999-000000000000'),",
      "  'ip_address': '10.0.0.2',",
      '  \'refresh_token_jti\': "xyz789abc"}]',
    ].join('\n');
    expect(parseSignal(logRecord(message), settings)).toMatchObject({
      kind: 'revoke_done',
      sessions: [
        {
          id: '11111111-2222-3333-4444-555555555555',
          jti: 'abc123def456',
          ip: null,
          createdAt: '2026-01-03T10:00:00Z',
        },
        {
          id: '66666666-7777-8888-9999-000000000000',
          jti: 'xyz789abc',
          ip: '10.0.0.2',
          createdAt: '2026-01-03T11:00:00.000005',
        },
      ],
    });
  });
});
