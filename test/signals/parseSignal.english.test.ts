import { parseSignal } from '../../src/signals/parseSignal';
import { logRecord } from './support/records';

const settings = { appRoot: '/app/' };
const parse = (message: string) => parseSignal(logRecord(message), settings);

describe('parseSignal on the English messages', () => {
  test('reads "Trying to refresh token" as a refresh attempt', () => {
    expect(
      parse(
        '[SESSION_REFRESH] Trying to refresh token - JTI: abc123..., user_id: +573001234567',
      ),
    ).toMatchObject({ kind: 'refresh_attempt', jti: 'abc123', user: '+573001234567' });
  });

  test('reads "Session found" as a found session with id, user and IP', () => {
    expect(
      parse(
        '[SESSION_REFRESH] Session found - ID: 1d140ed8-9cb6-463d-a9bf-ec51f0651621, User: +573001234567, IP: 10.0.0.7',
      ),
    ).toMatchObject({
      kind: 'session_found',
      sessionId: '1d140ed8-9cb6-463d-a9bf-ec51f0651621',
      user: '+573001234567',
      ip: '10.0.0.7',
    });
  });

  test('reads "Token rotated" as a rotation from the old to the new JTI', () => {
    expect(
      parse(
        '[SESSION_REFRESH] Token rotated - User: +573001234567, Old JTI: abc123..., New JTI: xyz789...',
      ),
    ).toMatchObject({ kind: 'rotation', oldJti: 'abc123', newJti: 'xyz789' });
  });

  test('reads "Session NOT found" as a refresh failure', () => {
    expect(
      parse(
        '[SESSION_REFRESH_FAILED] Session NOT found - JTI: abc123..., user_id: +573001234567',
      ),
    ).toMatchObject({ kind: 'refresh_failed', jti: 'abc123', user: '+573001234567' });
  });

  test('reads "User U has N active sessions with JTIs" as the active sessions', () => {
    expect(
      parse(
        "[SESSION_DEBUG] User +573001234567 has 2 active sessions with JTIs: ['xyz789...', 'def456...']",
      ),
    ).toMatchObject({ kind: 'active_sessions', count: 2, jtis: ['xyz789', 'def456'] });
  });

  test('reads "New session for U" as a new session', () => {
    expect(
      parse(
        '[SESSION_CREATED] New session for +573001234567 - ID: uuid-..., JTI: abc123..., IP: 192.168.1.1',
      ),
    ).toMatchObject({ kind: 'session_created', user: '+573001234567', jti: 'abc123' });
  });

  test('reads "Session S marked inactive for U. JTI: J. Called from:" with its stack', () => {
    const signal = parse(
      [
        '[SESSION_DEACTIVATED] Session uuid-... marked inactive for +573001234567. JTI: abc123.... Called from:',
        '  File "/app/users/views/utils.py", line 95, in revoke_all_sessions',
        '    ).update(is_active=False, updated_at=timezone.now())',
      ].join('\n'),
    );
    expect(signal).toMatchObject({
      kind: 'session_deactivated',
      user: '+573001234567',
      jti: 'abc123',
      stack: {
        frames: [{ file: 'users/views/utils.py', function: 'revoke_all_sessions' }],
      },
    });
  });

  test('reads "Revoking all sessions for U. Called from:" as a revoke-all start with its stack', () => {
    const signal = parse(
      [
        '[REVOKE_ALL_SESSIONS] Revoking all sessions for +573001234567. Called from:',
        '  File "/app/users/views/password.py", line 130, in post',
        '    revoke_all_sessions(user)',
      ].join('\n'),
    );
    expect(signal).toMatchObject({
      kind: 'revoke_start',
      user: '+573001234567',
      stack: {
        truncated: false,
        frames: [{ file: 'users/views/password.py', line: 130 }],
      },
    });
  });

  test('reads "N tokens blacklisted, M sessions invalidated. Affected sessions:" with its list', () => {
    const signal = parse(
      "[REVOKE_ALL_SESSIONS] User +573001234567: 3 tokens blacklisted, 2 sessions invalidated. Affected sessions: [{'id': UUID('0b7e9c52-1b7a-4a3e-9a52-6f1d2c3b4a5e'), 'jti': 'abc123def456', 'ip': None, 'created_at': None}]",
    );
    expect(signal).toMatchObject({
      kind: 'revoke_done',
      user: '+573001234567',
      blacklisted: 3,
      invalidated: 2,
      sessions: [
        {
          id: '0b7e9c52-1b7a-4a3e-9a52-6f1d2c3b4a5e',
          jti: 'abc123def456',
          ip: null,
          createdAt: null,
        },
      ],
    });
  });

  test('reads "Error blacklisting token for U: ..." as a revoke-all error', () => {
    expect(
      parse(
        '[REVOKE_ALL_SESSIONS] Error blacklisting token for +573001234567: IntegrityError duplicate key',
      ),
    ).toMatchObject({
      kind: 'revoke_error',
      user: '+573001234567',
      detail: 'IntegrityError duplicate key',
    });
  });

  test('reads "User U modified. Changed fields: ... Called from:" with several changes', () => {
    const signal = parse(
      [
        '[USER_SAVE] User +573001234567 modified. Changed fields: role: CLIENT -> VIP, vip_expires_at: None -> 2026-02-01. Called from:',
        '  File "/app/spa/services/packages.py", line 88, in grant_vip',
        "    client.save(update_fields=['role', 'vip_expires_at', 'updated_at'])",
      ].join('\n'),
    );
    expect(signal).toMatchObject({
      kind: 'user_save',
      user: '+573001234567',
      changes: [
        { field: 'role', from: 'CLIENT', to: 'VIP' },
        { field: 'vip_expires_at', from: 'None', to: '2026-02-01' },
      ],
      stack: { frames: [{ file: 'spa/services/packages.py', function: 'grant_vip' }] },
    });
  });

  test('reads "Admin A creating appointment for client U. Payment method: P"', () => {
    expect(
      parse(
        '[ADMIN_CREATE_APPOINTMENT] Admin +573009876543 creating appointment for client +573001234567. Payment method: CASH',
      ),
    ).toMatchObject({
      kind: 'admin_appointment',
      phase: 'creating',
      admin: '+573009876543',
      user: '+573001234567',
      paymentMethod: 'CASH',
    });
  });

  test('reads "Appointment C created successfully for client U"', () => {
    expect(
      parse(
        '[ADMIN_CREATE_APPOINTMENT] Appointment 2f4f1ffa-7d82-4c04-b157-72242b11500a created successfully for client +573001234567',
      ),
    ).toMatchObject({
      kind: 'admin_appointment',
      phase: 'created',
      appointmentId: '2f4f1ffa-7d82-4c04-b157-72242b11500a',
      user: '+573001234567',
    });
  });
});

describe('parseSignal on spelling variants', () => {
  test('reads user_id: None as user null', () => {
    expect(
      parse(
        '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: 74d0df35a0c2995f40498cb35e819615, user_id: None',
      ),
    ).toMatchObject({
      kind: 'refresh_failed',
      jti: '74d0df35a0c2995f40498cb35e819615',
      user: null,
    });
  });

  test('reads a refresh attempt with user_id: None as user null', () => {
    expect(
      parse(
        '[SESSION_REFRESH] Intentando refrescar token - JTI: abc123def456, user_id: None',
      ),
    ).toMatchObject({ kind: 'refresh_attempt', jti: 'abc123def456', user: null });
  });

  test('reads "Sesion" and "Metodo" written without accents', () => {
    expect([
      parse(
        '[SESSION_REFRESH_FAILED] Sesion NO encontrada - JTI: abc123, user_id: +573001234567',
      ),
      parse(
        '[ADMIN_CREATE_APPOINTMENT] Admin +573009876543 creando cita para cliente +573001234567. Metodo de pago: VOUCHER',
      ),
    ]).toMatchObject([
      { kind: 'refresh_failed', jti: 'abc123' },
      { kind: 'admin_appointment', paymentMethod: 'VOUCHER' },
    ]);
  });

  test('reads upper-case phrases and accents decomposed into o + combining acute', () => {
    expect([
      parse(
        '[SESSION_REFRESH_FAILED] SESIÓN NO ENCONTRADA - JTI: abc123, USER_ID: +573001234567',
      ),
      parse(
        '[SESSION_CREATED] Nueva sesio\u0301n para +573001234567 - ID: s1, JTI: j1234567, IP: 1.2.3.4',
      ),
    ]).toMatchObject([
      { kind: 'refresh_failed', jti: 'abc123', user: '+573001234567' },
      { kind: 'session_created', jti: 'j1234567' },
    ]);
  });

  test('reads fields separated by extra spaces', () => {
    expect(
      parse(
        '[SESSION_REFRESH]   Token   rotado  -  User:   +573001234567 ,  Old JTI:  abc123def  ,  New JTI:   xyz789abc  ',
      ),
    ).toMatchObject({
      kind: 'rotation',
      user: '+573001234567',
      oldJti: 'abc123def',
      newJti: 'xyz789abc',
    });
  });

  test('reads UUID-style JTIs with dashes and JTIs abbreviated with a unicode ellipsis', () => {
    expect(
      parse(
        '[SESSION_REFRESH] Token rotado - User: +573001234567, Old JTI: 8f1c2d3e-4b5a-6c7d-8e9f-0a1b2c3d4e5f, New JTI: 1a2b3c…',
      ),
    ).toMatchObject({
      kind: 'rotation',
      oldJti: '8f1c2d3e-4b5a-6c7d-8e9f-0a1b2c3d4e5f',
      newJti: '1a2b3c',
    });
  });

  test('reads CRLF line ends in a stacked message', () => {
    const signal = parse(
      '[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +573001234567. Llamado desde:\r\n' +
        '  File "/app/users/views/password.py", line 130, in post\r\n' +
        '    revoke_all_sessions(user)\r\n',
    );
    expect(signal).toMatchObject({
      kind: 'revoke_start',
      firstLine:
        '[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +573001234567. Llamado desde:',
      stack: { frames: [{ function: 'post', code: 'revoke_all_sessions(user)' }] },
    });
  });
});

describe('parseSignal on active-session lists', () => {
  test('reads a JTI list pretty-printed over several lines', () => {
    expect(
      parseSignal(
        logRecord(
          "[SESSION_DEBUG] User +573001234567 has 2 active sessions with JTIs: [\n    'abc123def456',\n    'xyz789abc012',\n]",
        ),
        settings,
      ),
    ).toMatchObject({
      kind: 'active_sessions',
      count: 2,
      jtis: ['abc123def456', 'xyz789abc012'],
    });
  });

  test('reads the quoted JTIs of a QuerySet repr, not the word QuerySet', () => {
    expect(
      parseSignal(
        logRecord(
          "[SESSION_DEBUG] Usuario +573001234567 tiene 1 sesiones activas con JTIs: <QuerySet ['5e80dfffc2134f15500b2f292f6c48f6']>",
        ),
        settings,
      ),
    ).toMatchObject({ jtis: ['5e80dfffc2134f15500b2f292f6c48f6'] });
  });

  test('reads an empty JTI list as no JTIs', () => {
    expect(
      parseSignal(
        logRecord(
          '[SESSION_DEBUG] Usuario +573008369007 tiene 0 sesiones activas con JTIs: []',
        ),
        settings,
      ),
    ).toMatchObject({ count: 0, jtis: [] });
  });
});
