import type { LogRecord } from '../../src/model/LogRecord';
import { Prng } from '../generator/Prng';

/** Signals each user logs: a login, six refreshes of three lines, one last line. */
const SIGNALS_PER_USER = 20;
/** Users between their first and last line at any moment. */
const ACTIVE_USERS = 2000;
const STEP_MS = 40;
const START_MS = Date.parse('2026-01-04T00:00:00Z');

interface ActiveUser {
  phone: string;
  sent: number;
  jti: string;
  failing: boolean;
}

function hex(prng: Prng, length: number): string {
  let text = '';
  while (text.length < length)
    text += prng.int(0, 0xffffff).toString(16).padStart(6, '0');
  return text.slice(0, length);
}

function lineOf(user: ActiveUser, prng: Prng): string {
  const step = user.sent;
  if (step === 0)
    return `[SESSION_CREATED] New session for ${user.phone} - ID: ${hex(prng, 32)}, JTI: ${user.jti}, IP: 203.0.113.${step}`;
  if (step === SIGNALS_PER_USER - 1)
    return user.failing
      ? `[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: ${hex(prng, 32)}, user_id: ${user.phone}`
      : `[SESSION_REFRESH] Trying to refresh token - JTI: ${user.jti}, user_id: ${user.phone}`;
  const phase = (step - 1) % 3;
  if (phase === 0)
    return `[SESSION_REFRESH] Trying to refresh token - JTI: ${user.jti}, user_id: ${user.phone}`;
  if (phase === 1)
    return `[SESSION_REFRESH] Session found - ID: ${hex(prng, 32)}, User: ${user.phone}, IP: 203.0.113.7`;
  const old = user.jti;
  user.jti = hex(prng, 32);
  return `[SESSION_REFRESH] Token rotated - User: ${user.phone}, Old JTI: ${old}, New JTI: ${user.jti}`;
}

/**
 * `count` session signals over `users` users in time order, 40 ms apart, as
 * the readers would hand them to the engine: a login, refreshes that rotate
 * the token, and for one user in ten a refresh of an unknown token (an
 * incident). Seeded; made lazily so that only the engine's memory grows.
 */
export function* sessionSignals(
  count: number,
  users: number,
  seen: { users: number } = { users: 0 },
): Generator<LogRecord> {
  const prng = new Prng(4);
  const active: ActiveUser[] = [];
  let started = 0;
  const start = (): ActiveUser => {
    const phone = `+57300${String(1_000_000 + started).slice(-7)}`;
    const failing = started % 10 === 3;
    started++;
    seen.users = started;
    return { phone, sent: 0, jti: hex(prng, 32), failing };
  };
  const width = Math.min(ACTIVE_USERS, users);
  while (active.length < width) active.push(start());

  for (let emitted = 0; emitted < count; emitted++) {
    const slot = prng.int(0, active.length - 1);
    const user = active[slot] as ActiveUser;
    const message = lineOf(user, prng);
    user.sent++;
    if (user.sent >= SIGNALS_PER_USER) active[slot] = start();
    yield {
      time: START_MS + emitted * STEP_MS,
      source: `web.${1 + (emitted % 3)}`,
      logger: 'users.serializers',
      level: 'INFO',
      message,
      origin: { kind: 'log', input: 'bench', line: emitted + 1 },
    };
  }
}
