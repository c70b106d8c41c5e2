import type { CodePath } from '../CodePath';
import { codePath } from '../codePaths';
import { escapePercent } from '../pythonPercent';
import type { SessionRow } from '../pythonRepr';
import { affectedSessionsRepr } from '../pythonRepr';
import type { Login } from '../requests';
import { endRequest, loginRequest, refreshSuccess } from '../requests';
import { revocationStacks, stackText } from '../revocationStacks';
import { stackLines } from '../StackFrame';
import type { RequestScope, StreamRecord } from '../StreamRecord';
import type { StoryWorld } from '../StoryWorld';
import { log, text } from '../StoryWorld';
import { revocationFailures } from './revocationFailures';
import { revocationTruth } from './revocationTruth';
import type { RevocationVariant } from './revocationVariant';
import type { StoryOutput } from './StoryOutput';
import { HOUR, MINUTE, MS, SECOND } from './StoryOutput';

function requestUser(
  w: StoryWorld,
  path: CodePath,
  user: string,
  admin: string,
): RequestScope['user'] {
  if (path.actor === 'admin') return { id: admin, ip_address: w.ip() };
  if (path.actor === 'self') return { id: user, ip_address: w.ip() };
  return null;
}

/** The user's sessions before the revocation: logins in the stream, or older ones. */
function openSessions(
  out: StreamRecord[],
  w: StoryWorld,
  v: RevocationVariant,
  user: string,
  t0: number,
): { rows: SessionRow[]; lastUs: number } {
  const style = w.jtiStyle();
  const rows: SessionRow[] = [];
  let t = t0;
  for (let i = 0; i < v.sessions; i++) {
    const row: SessionRow = {
      id: w.prng.uuid(),
      jti: w.jti(style),
      ip: w.ip(),
      createdAtUs: 0,
    };
    if (i < v.loggedIn) {
      t = w.avoidDeploy(t + (i === 0 ? 0 : w.prng.int(1, 20) * MINUTE));
      row.createdAtUs = t;
      const login: Login = { user, sessionId: row.id, jti: row.jti, ip: row.ip, atUs: t };
      loginRequest(out, w, login, v.lang);
    } else {
      row.createdAtUs = t0 - w.prng.int(1, 20 * 24) * HOUR - w.prng.int(0, 3599) * SECOND;
    }
    rows.push(row);
  }
  if (v.rotatedBefore && rows.length > 0) {
    const row = rows[0]!;
    t = w.avoidDeploy(t + w.prng.int(2, 30) * MINUTE);
    const newJti = w.jti(style);
    refreshSuccess(
      out,
      w,
      {
        user,
        userId: user,
        jti: row.jti,
        newJti,
        sessionId: row.id,
        ip: row.ip,
        atUs: t,
        dyno: w.webDyno(),
      },
      v.lang,
    );
    row.jti = newJti;
  }
  return { rows, lastUs: t };
}

function completionTemplate(v: RevocationVariant): string {
  if (v.form === 'completion_no_list') return text('revokeDoneNoList', v.lang);
  return text(v.affected === 'next-line' ? 'revokeDoneNextLine' : 'revokeDone', v.lang);
}

/**
 * A revocation of one user's sessions by one code path, in one request (or
 * task) on one dyno, with the action in progress around it, and later the
 * refresh failures of the devices it logged out.
 */
export function revocationStory(
  w: StoryWorld,
  t0: number,
  v: RevocationVariant,
  user = w.newUser(),
): StoryOutput {
  const out: StreamRecord[] = [];
  const path = codePath(v.path);
  const admin = w.prng.pick(w.admins);
  const { rows, lastUs } = openSessions(out, w, v, user, t0);

  const tR = w.avoidDeploy(
    lastUs > t0 || v.loggedIn > 0
      ? lastUs + w.prng.int(1, 40) * MINUTE
      : t0 + w.prng.int(0, 30) * SECOND,
  );
  const release = v.release ?? w.releaseAt(tR);
  const stacks = revocationStacks(w, path, v.machinery, v.bottom, release);
  const dyno = path.entry === 'task' ? w.workerDyno() : w.webDyno();
  const urlPath = path.urlPath?.replace('{id}', String(w.prng.int(1000, 99999))) ?? null;
  const scope = w.scope(requestUser(w, path, user, admin), path.method, urlPath);
  const at = { source: dyno, scope };
  const taskId = w.prng.uuid();
  let t = tR;

  // The action in progress.
  if (path.entry === 'task') {
    log(out, {
      ...at,
      timeUs: t - w.prng.int(2, 40) * MS,
      level: 'INFO',
      logger: 'celery.worker.strategy',
      template: `Task ${path.task}[${taskId}] received`,
    });
  }
  if (path.adminAppointment) {
    log(out, {
      ...at,
      timeUs: t,
      level: 'INFO',
      logger: 'spa.views.appointments.appointment_viewset',
      template: text('adminCreate', v.lang),
      args: [admin, user, w.prng.pick(['PAYMENT_LINK', 'VOUCHER', 'CASH', 'CARD'])],
    });
    // Usually milliseconds before the revocation; in a slow request, seconds.
    t += (w.prng.chance(0.15) ? w.prng.int(500, 3500) : w.prng.int(30, 60)) * MS;
  }
  if (path.group === 'payment_refund') {
    log(out, {
      ...at,
      timeUs: t,
      level: 'INFO',
      logger: 'spa.views.payments',
      template: '[PAYMENT_WEBHOOK] Reembolso %s recibido para cliente %s',
      args: [String(w.prng.int(100000, 999999)), user],
    });
    t += w.prng.int(10, 30) * MS;
  }
  if (stacks.userSave !== null) {
    log(out, {
      ...at,
      timeUs: t,
      level: 'INFO',
      logger: 'users.signals',
      template: text('userSave', v.lang),
      args: [
        user,
        w.prng.pick(path.userSaveFields),
        stackLines(stacks.userSave, v.order).join('\n'),
      ],
    });
    t += w.prng.int(2, 5) * MS;
  }

  // The revocation's own lines.
  const hasStart = v.form === 'full' || v.form === 'bulk' || v.form === 'start_only';
  const hasDeactivations = v.form === 'full' || v.form === 'deactivations';
  const hasCompletion =
    v.form === 'full' ||
    v.form === 'bulk' ||
    v.form === 'completion_only' ||
    v.form === 'completion_no_list';
  const revokeLog = { ...at, level: 'WARNING' as const, logger: 'users.views.utils' };
  if (hasStart) {
    const header = text('revokeStart', v.lang).length + user.length;
    log(out, {
      ...revokeLog,
      timeUs: t,
      template: text('revokeStart', v.lang),
      args: [user, stackText(stacks.start, v.order, v.truncation, w.prng, header)],
    });
    t += w.prng.int(2, 4) * MS;
  }
  if (v.blacklistError && hasCompletion) {
    log(out, {
      ...revokeLog,
      level: 'ERROR',
      timeUs: t,
      template: text('revokeError', v.lang),
      args: [user, 'Token is blacklisted'],
    });
    t += 1 * MS;
  }
  if (hasDeactivations) {
    for (const row of rows) {
      const header =
        text('deactivated', v.lang).length + user.length + row.id.length + row.jti.length;
      log(out, {
        ...at,
        level: 'WARNING',
        logger: 'users.signals',
        timeUs: t,
        template: text('deactivated', v.lang),
        args: [
          row.id,
          user,
          row.jti,
          stackText(stacks.deactivation, v.order, v.truncation, w.prng, header),
        ],
      });
      t += w.prng.int(3, 5) * MS;
    }
  }
  if (hasCompletion) {
    const tokens = rows.length + w.prng.int(0, 3);
    const args: (string | number)[] = [user, tokens, rows.length];
    if (v.form !== 'completion_no_list') {
      const style = v.affected === 'next-line' ? 'indented' : v.affected;
      args.push(affectedSessionsRepr(rows, style, v.values));
    }
    log(out, { ...revokeLog, timeUs: t, template: completionTemplate(v), args });
    t += w.prng.int(5, 15) * MS;
  }

  // The rest of the request.
  let status = path.method === 'POST' ? 201 : 200;
  if (v.crash && path.entry === 'request') {
    status = 500;
    log(out, {
      ...at,
      timeUs: t + 30 * MS,
      level: 'ERROR',
      logger: 'django.request',
      template: escapePercent(
        crashTraceback(urlPath ?? '/', w.settings.layout.sitePackages),
      ),
    });
  }
  if (path.adminAppointment && status !== 500) {
    log(out, {
      ...at,
      timeUs: t,
      level: 'INFO',
      logger: 'spa.views.appointments.appointment_viewset',
      template: text('adminCreated', v.lang),
      args: [w.prng.uuid(), user],
    });
  }
  const active: { jti: string; fromUs: number }[] = [];
  if (path.group === 'device_limit') {
    const login: Login = {
      user,
      sessionId: w.prng.uuid(),
      jti: w.jti(),
      ip: w.ip(),
      atUs: t + 4 * MS,
    };
    log(out, {
      ...at,
      timeUs: login.atUs,
      level: 'INFO',
      logger: 'users.signals',
      template: text('created', v.lang),
      args: [login.user, login.sessionId, login.jti, login.ip],
    });
    active.push({ jti: login.jti, fromUs: login.atUs });
  }
  if (path.entry === 'task') {
    log(out, {
      ...at,
      timeUs: t + w.prng.int(5, 400) * MS,
      level: 'INFO',
      logger: 'celery.app.trace',
      template: `Task ${path.task}[${taskId}] succeeded in ${w.prng.between(0.05, 3).toFixed(3)}s: None`,
    });
  }
  endRequest(out, w, {
    scope,
    dyno,
    startUs: tR - 20 * MS,
    endUs: t + w.prng.int(20, 90) * MS,
    status,
  });

  revocationFailures(out, w, v, user, rows, tR, active);
  return { records: out, users: [user], truth: revocationTruth(v, path, user, stacks) };
}

function crashTraceback(urlPath: string, sitePackages: string): string {
  return [
    `Internal Server Error: ${urlPath}`,
    'Traceback (most recent call last):',
    `  File "${sitePackages}django/db/backends/utils.py", line 105, in _execute`,
    '    return self.cursor.execute(sql, params)',
    'psycopg2.errors.QueryCanceled: canceling statement due to statement timeout',
  ].join('\n');
}
