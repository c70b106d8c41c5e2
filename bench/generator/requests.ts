import type { Lang } from './messages';
import { stringListRepr } from './pythonRepr';
import { escapePercent } from './pythonPercent';
import type { RequestScope, StreamRecord } from './StreamRecord';
import { log, text, type StoryWorld } from './StoryWorld';

export const REFRESH_PATH = '/api/v1/auth/token/refresh/';
const MS = 1000;

const CLF_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** `03/Jan/2026:10:00:00 +0000`, gunicorn's `%(t)s` without the brackets. */
function clfTime(us: number): string {
  const d = new Date(Math.floor(us / 1000));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${CLF_MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const AGENTS = [
  'okhttp/4.12.0',
  'StudioZens/3.4.1 CFNetwork/1494.0.7 Darwin/23.4.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
];

export interface RequestEnd {
  scope: RequestScope;
  dyno: string;
  /** When the request started (the access line's `%(t)s`). */
  startUs: number;
  endUs: number;
  status: number;
  ip?: string;
}

/**
 * The end of a request: gunicorn's access line (when the deployment logs
 * them) on the dyno, then the router's line, written when the response is
 * done, so after the app's lines.
 */
export function endRequest(out: StreamRecord[], w: StoryWorld, end: RequestEnd): void {
  const { scope } = end;
  if (scope.method === null || scope.path === null) return;
  const ip = end.ip ?? w.ip();
  const bytes = w.prng.int(90, 4800);
  if (w.settings.accessLog) {
    const line = `${ip} - - [${clfTime(end.startUs)}] "${scope.method} ${scope.path} HTTP/1.1" ${end.status} ${bytes} "-" "${w.prng.pick(AGENTS)}"`;
    log(out, {
      timeUs: end.endUs,
      source: end.dyno,
      level: 'INFO',
      logger: 'gunicorn.access',
      template: escapePercent(line),
      scope,
    });
  }
  const service = Math.max(1, Math.round((end.endUs - end.startUs) / MS));
  const router =
    `at=info method=${scope.method} path="${scope.path}" host=${w.settings.host} ` +
    `request_id=${scope.id} fwd="${ip}" dyno=${end.dyno} connect=${w.prng.int(0, 2)}ms ` +
    `service=${service}ms status=${end.status} bytes=${bytes + 310} protocol=https`;
  log(out, {
    timeUs: end.endUs + w.prng.int(1, 40) * MS,
    source: 'router',
    kind: 'router',
    level: 'INFO',
    logger: 'heroku.router',
    template: escapePercent(router),
    scope,
  });
}

export interface Login {
  user: string;
  sessionId: string;
  jti: string;
  ip: string;
  atUs: number;
}

/** A login request that creates a session (`[SESSION_CREATED]`). */
export function loginRequest(
  out: StreamRecord[],
  w: StoryWorld,
  login: Login,
  lang: Lang,
  dyno = w.webDyno(),
): void {
  const scope = w.scope(null, 'POST', '/api/v1/auth/login/');
  log(out, {
    timeUs: login.atUs,
    source: dyno,
    level: 'INFO',
    logger: 'users.signals',
    template: text('created', lang),
    args: [login.user, login.sessionId, login.jti, login.ip],
    scope,
  });
  const endUs = login.atUs + w.prng.int(20, 120) * MS;
  endRequest(out, w, {
    scope,
    dyno,
    startUs: login.atUs - 30 * MS,
    endUs,
    status: 200,
    ip: login.ip,
  });
}

export interface Refresh {
  /** The user as the token names it; null logs `user_id: None`. */
  userId: string | null;
  jti: string;
  /** When the `Intentando refrescar` line is logged. */
  atUs: number;
  dyno: string;
}

/** A refresh that rotates `jti` to `newJti`: attempt, session found, rotated. Returns the rotation line's time. */
export function refreshSuccess(
  out: StreamRecord[],
  w: StoryWorld,
  refresh: Refresh & { user: string; newJti: string; sessionId: string; ip: string },
  lang: Lang,
): number {
  const scope = w.scope(null, 'POST', REFRESH_PATH);
  const base = {
    source: refresh.dyno,
    level: 'INFO' as const,
    logger: 'users.serializers',
    scope,
  };
  log(out, {
    ...base,
    timeUs: refresh.atUs,
    template: text('refreshAttempt', lang),
    args: [refresh.jti, refresh.userId ?? 'None'],
  });
  log(out, {
    ...base,
    timeUs: refresh.atUs + 10 * MS,
    template: text('sessionFound', lang),
    args: [refresh.sessionId, refresh.user, refresh.ip],
  });
  const rotatedUs = refresh.atUs + 30 * MS;
  log(out, {
    ...base,
    timeUs: rotatedUs,
    template: text('rotated', lang),
    args: [refresh.user, refresh.jti, refresh.newJti],
  });
  endRequest(out, w, {
    scope,
    dyno: refresh.dyno,
    startUs: refresh.atUs - 5 * MS,
    endUs: rotatedUs + w.prng.int(5, 40) * MS,
    status: 200,
    ip: refresh.ip,
  });
  return rotatedUs;
}

/**
 * A refresh the app refuses with `[SESSION_REFRESH_FAILED]` (HTTP 400):
 * attempt, failure, and (when the user is known) `[SESSION_DEBUG]` with the
 * JTIs still active. `failedAtUs` is the failure line's time.
 */
export function refreshFailure(
  out: StreamRecord[],
  w: StoryWorld,
  refresh: Refresh & { activeJtis: string[]; user: string },
  lang: Lang,
): { failedAtUs: number } {
  const scope = w.scope(null, 'POST', REFRESH_PATH);
  const base = { source: refresh.dyno, logger: 'users.serializers', scope };
  const userText = refresh.userId ?? 'None';
  log(out, {
    ...base,
    level: 'INFO',
    timeUs: refresh.atUs,
    template: text('refreshAttempt', lang),
    args: [refresh.jti, userText],
  });
  const failedAtUs = refresh.atUs + 10 * MS;
  log(out, {
    ...base,
    level: 'ERROR',
    timeUs: failedAtUs,
    template: text('refreshFailed', lang),
    args: [refresh.jti, userText],
  });
  if (refresh.userId !== null) {
    log(out, {
      ...base,
      level: 'ERROR',
      timeUs: failedAtUs + 2 * MS,
      template: text('debug', lang),
      args: [refresh.user, refresh.activeJtis.length, stringListRepr(refresh.activeJtis)],
    });
  }
  log(out, {
    ...base,
    level: 'WARNING',
    logger: 'django.request',
    timeUs: failedAtUs + 4 * MS,
    template: `Bad Request: ${REFRESH_PATH}`,
  });
  endRequest(out, w, {
    scope,
    dyno: refresh.dyno,
    startUs: refresh.atUs - 5 * MS,
    endUs: failedAtUs + w.prng.int(6, 30) * MS,
    status: 400,
  });
  return { failedAtUs };
}

/** simplejwt refusing a blacklisted or expired token before the app's own check: nothing names the user. */
export function unauthorizedRefresh(
  out: StreamRecord[],
  w: StoryWorld,
  atUs: number,
  dyno: string,
  attempt?: { jti: string; userId: string; lang: Lang },
): void {
  const scope = w.scope(null, 'POST', REFRESH_PATH);
  if (attempt) {
    log(out, {
      timeUs: atUs - 3 * MS,
      source: dyno,
      level: 'INFO',
      logger: 'users.serializers',
      template: text('refreshAttempt', attempt.lang),
      args: [attempt.jti, attempt.userId],
      scope,
    });
  }
  log(out, {
    timeUs: atUs,
    source: dyno,
    level: 'WARNING',
    logger: 'django.request',
    template: `Unauthorized: ${REFRESH_PATH}`,
    scope,
  });
  endRequest(out, w, {
    scope,
    dyno,
    startUs: atUs - 8 * MS,
    endUs: atUs + 2 * MS,
    status: 401,
  });
}
