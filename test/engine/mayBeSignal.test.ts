import type { LogRecord } from '../../src/model/LogRecord';
import { mayBeSignal } from '../../src/engine/mayBeSignal';
import { parseSignal } from '../../src/signals/parseSignal';

function record(message: string, origin: Partial<LogRecord['origin']> = {}): LogRecord {
  return {
    time: 0,
    source: 'web.1',
    logger: null,
    level: null,
    message,
    origin: { kind: 'log', ...origin },
  };
}

const settings = { appRoot: '/app/' };

describe('mayBeSignal', () => {
  test.each([
    'INFO gunicorn.access 192.0.2.1 - - [04/Jan/2026:08:00:48 +0000] "GET / HTTP/1.1" 200',
    '  File "/app/users/signals.py", line 61, in handler',
    'Listando 8 servicios activos',
    '',
  ])('rejects a message parseSignal finds nothing in: %s', (message) => {
    expect(parseSignal(record(message), settings)).toBeNull();
    expect(mayBeSignal(record(message))).toBe(false);
  });

  test.each([
    '[SESSION_CREATED] New session for +573001234567 - ID: a, JTI: b, IP: c',
    'INFO users.signals [USER_SAVE] Usuario +573001234567 modificado.',
    'Unauthorized: /api/v1/auth/token/refresh/',
    '[\u001b[0mSESSION_REFRESH] Token rotated',
    '[\u212aEY] a Kelvin sign that NFC turns into K',
  ])('keeps a message that may hold a signal: %s', (message) => {
    expect(mayBeSignal(record(message))).toBe(true);
  });

  test('keeps router lines with status 401 or none, drops other statuses', () => {
    const path = '/api/v1/auth/token/refresh/';
    expect(
      mayBeSignal(record('at=info', { kind: 'router', httpStatus: 401, path })),
    ).toBe(true);
    expect(mayBeSignal(record('at=info status=401', { kind: 'router' }))).toBe(true);
    expect(
      mayBeSignal(record('at=info', { kind: 'router', httpStatus: 200, path })),
    ).toBe(false);
  });

  test('drops a router record with neither status nor text (a skimmed router line)', () => {
    const skimmed = record('', { kind: 'router' });
    expect(parseSignal(skimmed, settings)).toBeNull();
    expect(mayBeSignal(skimmed)).toBe(false);
  });
});
