import { parseSignal } from '../../src/signals/parseSignal';
import { logRecord } from './support/records';

// Every line below is copied exactly as the Spanish debugging guide prints it,
// abbreviated JTIs and users included.
const settings = { appRoot: '/app/' };
const parse = (message: string) => parseSignal(logRecord(message), settings);

describe('parseSignal on the guide (Spanish)', () => {
  test('reads a refresh attempt with an abbreviated JTI as jti abc123 and the user', () => {
    const signal = parse(
      '[SESSION_REFRESH] Intentando refrescar token - JTI: abc123..., user_id: +573001234567',
    );
    expect(signal).toMatchObject({
      tag: 'SESSION_REFRESH',
      kind: 'refresh_attempt',
      jti: 'abc123',
      user: '+573001234567',
    });
  });

  test('reads a found session with the placeholder id uuid-..., its user and IP', () => {
    const signal = parse(
      '[SESSION_REFRESH] Sesión encontrada - ID: uuid-..., User: +573001234567, IP: 192.168.1.1',
    );
    expect(signal).toMatchObject({
      kind: 'session_found',
      sessionId: 'uuid-',
      user: '+573001234567',
      ip: '192.168.1.1',
    });
  });

  test('reads a rotation as old JTI abc123 to new JTI xyz789', () => {
    const signal = parse(
      '[SESSION_REFRESH] Token rotado - User: +573001234567, Old JTI: abc123..., New JTI: xyz789...',
    );
    expect(signal).toMatchObject({
      kind: 'rotation',
      user: '+573001234567',
      oldJti: 'abc123',
      newJti: 'xyz789',
    });
  });

  test('reads a refresh failure with its JTI and user', () => {
    const signal = parse(
      '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: abc123..., user_id: +573001234567',
    );
    expect(signal).toMatchObject({
      tag: 'SESSION_REFRESH_FAILED',
      kind: 'refresh_failed',
      jti: 'abc123',
      user: '+573001234567',
    });
  });

  test('reads the active sessions of a debug line as count 2 and the two JTIs without ellipsis', () => {
    const signal = parse(
      "[SESSION_DEBUG] Usuario +573001234567 tiene 2 sesiones activas con JTIs: ['xyz789...', 'def456...']",
    );
    expect(signal).toMatchObject({
      kind: 'active_sessions',
      user: '+573001234567',
      count: 2,
      jtis: ['xyz789', 'def456'],
    });
  });

  test('reads a new session with its user, id, JTI and IP', () => {
    const signal = parse(
      '[SESSION_CREATED] Nueva sesión para +573001234567 - ID: uuid-..., JTI: abc123..., IP: 192.168.1.1',
    );
    expect(signal).toMatchObject({
      kind: 'session_created',
      user: '+573001234567',
      sessionId: 'uuid-',
      jti: 'abc123',
      ip: '192.168.1.1',
    });
  });

  test('reads a deactivation and its innermost-first stack, normalised to outermost-first', () => {
    const message = [
      '[SESSION_DEACTIVATED] Sesión uuid-... marcada como inactiva para +573001234567. JTI: abc123.... Llamado desde:',
      '  File "/app/users/views/utils.py", line 95, in revoke_all_sessions',
      '    ).update(is_active=False, updated_at=timezone.now())',
      '  File "/app/users/views/password.py", line 130, in post',
      '    revoke_all_sessions(user)',
    ].join('\n');

    const signal = parse(message);

    expect(signal).toMatchObject({
      kind: 'session_deactivated',
      sessionId: 'uuid-',
      user: '+573001234567',
      jti: 'abc123',
    });
    if (signal?.kind !== 'session_deactivated') throw new Error('wrong kind');
    expect(signal.stack?.writtenOrder).toBe('innermost-first');
    expect(signal.stack?.truncated).toBe(false);
    expect(signal.stack?.frames.map((f) => [f.file, f.function, f.line])).toEqual([
      ['users/views/password.py', 'post', 130],
      ['users/views/utils.py', 'revoke_all_sessions', 95],
    ]);
  });

  test('reads a revoke-all start whose stack ends in an elision "..." as truncated', () => {
    const message = [
      '[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +573001234567. Llamado desde:',
      '  File "/app/users/views/password.py", line 130, in post',
      '    revoke_all_sessions(user)',
      '  ...',
    ].join('\n');

    const signal = parse(message);

    expect(signal).toMatchObject({ kind: 'revoke_start', user: '+573001234567' });
    if (signal?.kind !== 'revoke_start') throw new Error('wrong kind');
    expect(signal.stack?.frames).toEqual([
      {
        absPath: '/app/users/views/password.py',
        file: 'users/views/password.py',
        function: 'post',
        line: 130,
        code: 'revoke_all_sessions(user)',
        inApp: true,
      },
    ]);
    expect(signal.stack?.truncated).toBe(true);
  });

  test('reads a revoke-all completion with its pretty-printed list of affected sessions', () => {
    const message = [
      '[REVOKE_ALL_SESSIONS] Usuario +573001234567: 3 tokens blacklisted, 2 sesiones invalidadas.',
      'Sesiones afectadas: [',
      "  {'id': 'uuid-1', 'refresh_token_jti': 'abc123', 'ip_address': '192.168.1.1', 'created_at': '2026-01-03T10:00:00Z'},",
      "  {'id': 'uuid-2', 'refresh_token_jti': 'xyz789', 'ip_address': '192.168.1.2', 'created_at': '2026-01-03T11:00:00Z'}",
      ']',
    ].join('\n');

    expect(parse(message)).toMatchObject({
      kind: 'revoke_done',
      user: '+573001234567',
      blacklisted: 3,
      invalidated: 2,
      sessions: [
        {
          id: 'uuid-1',
          jti: 'abc123',
          ip: '192.168.1.1',
          createdAt: '2026-01-03T10:00:00Z',
        },
        {
          id: 'uuid-2',
          jti: 'xyz789',
          ip: '192.168.1.2',
          createdAt: '2026-01-03T11:00:00Z',
        },
      ],
    });
  });

  test('reads a revoke-all error with its user and the error text as detail', () => {
    const signal = parse(
      '[REVOKE_ALL_SESSIONS] Error al blacklist token para +573001234567: Token is blacklisted',
    );
    expect(signal).toMatchObject({
      kind: 'revoke_error',
      user: '+573001234567',
      detail: 'Token is blacklisted',
    });
  });

  test('reads a user save with its role change and the first in-app frame of its stack', () => {
    const message = [
      '[USER_SAVE] Usuario +573001234567 modificado. Campos cambiados: role: CLIENT -> VIP. Llamado desde:',
      '  File "/app/spa/views/packages.py", line 57, in post',
      "    user.save(update_fields=['vip_auto_renew', 'updated_at'])",
      '  ...',
    ].join('\n');

    const signal = parse(message);

    expect(signal).toMatchObject({
      kind: 'user_save',
      user: '+573001234567',
      changes: [{ field: 'role', from: 'CLIENT', to: 'VIP' }],
    });
    if (signal?.kind !== 'user_save') throw new Error('wrong kind');
    expect(signal.stack?.frames[0]).toMatchObject({
      file: 'spa/views/packages.py',
      line: 57,
    });
  });

  test('reads an admin creating an appointment with admin, client and payment method', () => {
    const signal = parse(
      '[ADMIN_CREATE_APPOINTMENT] Admin +573009876543 creando cita para cliente +573001234567. Método de pago: PAYMENT_LINK',
    );
    expect(signal).toMatchObject({
      kind: 'admin_appointment',
      phase: 'creating',
      admin: '+573009876543',
      user: '+573001234567',
      paymentMethod: 'PAYMENT_LINK',
      appointmentId: null,
    });
  });

  test('reads a created appointment with its id and client', () => {
    const signal = parse(
      '[ADMIN_CREATE_APPOINTMENT] Cita uuid-... creada exitosamente para cliente +573001234567',
    );
    expect(signal).toMatchObject({
      kind: 'admin_appointment',
      phase: 'created',
      admin: null,
      user: '+573001234567',
      appointmentId: 'uuid-',
    });
  });
});

describe('parseSignal on the guide scenarios (abbreviated users)', () => {
  test('reads "Admin +57300... creando cita para cliente +57301..." as admin +57300, client +57301', () => {
    const signal = parse(
      '[ADMIN_CREATE_APPOINTMENT] Admin +57300... creando cita para cliente +57301...',
    );
    expect(signal).toMatchObject({
      kind: 'admin_appointment',
      admin: '+57300',
      user: '+57301',
      paymentMethod: null,
    });
  });

  test('reads a revoke-all start without stack as user +57301 and a null stack', () => {
    const signal = parse(
      '[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +57301...',
    );
    expect(signal).toMatchObject({ kind: 'revoke_start', user: '+57301', stack: null });
  });

  test('reads a refresh attempt whose JTI has no ellipsis and whose user is abbreviated', () => {
    const signal = parse(
      '[SESSION_REFRESH] Intentando refrescar token - JTI: abc123, user_id: +57301...',
    );
    expect(signal).toMatchObject({
      kind: 'refresh_attempt',
      jti: 'abc123',
      user: '+57301',
    });
  });

  test('reads a refresh failure that names no user as user null', () => {
    const signal = parse('[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: abc123');
    expect(signal).toMatchObject({ kind: 'refresh_failed', jti: 'abc123', user: null });
  });

  test('reads a user save of a bare field name as a change with null values', () => {
    const signal = parse(
      '[USER_SAVE] Usuario +57301... modificado. Campos cambiados: cancellation_streak',
    );
    expect(signal).toMatchObject({
      kind: 'user_save',
      user: '+57301',
      changes: [{ field: 'cancellation_streak', from: null, to: null }],
      stack: null,
    });
  });

  test('reads "Sesión ... marcada como inactiva" as a deactivation with no session id or JTI', () => {
    const signal = parse(
      '[SESSION_DEACTIVATED] Sesión ... marcada como inactiva para +57301...',
    );
    expect(signal).toMatchObject({
      kind: 'session_deactivated',
      sessionId: null,
      user: '+57301',
      jti: null,
      stack: null,
    });
  });

  test('reads the rotation-race scenario lines: rotation, failure and one active JTI', () => {
    const lines = [
      '[SESSION_REFRESH] Token rotado - User: +57301..., Old JTI: abc123, New JTI: xyz789',
      '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: abc123, user_id: +57301...',
      "[SESSION_DEBUG] Usuario +57301... tiene 1 sesiones activas con JTIs: ['xyz789']",
    ];
    expect(lines.map(parse)).toMatchObject([
      { kind: 'rotation', user: '+57301', oldJti: 'abc123', newJti: 'xyz789' },
      { kind: 'refresh_failed', user: '+57301', jti: 'abc123' },
      { kind: 'active_sessions', user: '+57301', count: 1, jtis: ['xyz789'] },
    ]);
  });
});
