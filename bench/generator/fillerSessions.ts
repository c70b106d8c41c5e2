import type { FillerContext } from './FillerContext';
import { MS } from './FillerContext';
import { DRF_PARTIAL_UPDATE, requestPrefix, viewDispatch } from './frameworkFrames';
import {
  endRequest,
  loginRequest,
  refreshSuccess,
  unauthorizedRefresh,
} from './requests';
import { resolveFrame, stackLines } from './StackFrame';
import type { StreamRecord } from './StreamRecord';
import { log, text } from './StoryWorld';

export function login(f: FillerContext, out: StreamRecord[], t: number): void {
  const { w } = f;
  const user = f.quiet.pick();
  const device = { sessionId: w.prng.uuid(), jti: w.jti(), ip: w.ip() };
  loginRequest(
    out,
    w,
    { user, sessionId: device.sessionId, jti: device.jti, ip: device.ip, atUs: t },
    w.lang(),
  );
  f.quiet.setDevice(user, device);
}

export function refresh(f: FillerContext, out: StreamRecord[], t: number): void {
  const { w } = f;
  const user = f.quiet.pick();
  const device = f.quiet.device(user);
  if (!device) return login(f, out, t);
  const newJti = w.jti();
  const refresh = {
    user,
    userId: user,
    jti: device.jti,
    newJti,
    sessionId: device.sessionId,
    ip: device.ip,
  };
  refreshSuccess(out, w, { ...refresh, atUs: t, dyno: w.webDyno() }, w.lang());
  f.quiet.setDevice(user, { ...device, jti: newJti });
}

/** An admin books a quiet client: the action lines, no revocation. */
export function appointment(f: FillerContext, out: StreamRecord[], t: number): void {
  const { w } = f;
  const admin = w.prng.pick(w.admins);
  const client = f.quiet.pick();
  const dyno = w.webDyno();
  const lang = w.lang();
  const scope = w.scope(
    { id: admin, ip_address: w.ip() },
    'POST',
    '/api/v1/spa/appointments/admin-create/',
  );
  const at = {
    source: dyno,
    level: 'INFO' as const,
    logger: 'spa.views.appointments.appointment_viewset',
    scope,
  };
  log(out, {
    ...at,
    timeUs: t,
    template: text('adminCreate', lang),
    args: [admin, client, w.prng.pick(['CASH', 'CARD', 'VOUCHER'])],
  });
  log(out, {
    ...at,
    timeUs: t + 45 * MS,
    template: text('adminCreated', lang),
    args: [w.prng.uuid(), client],
  });
  endRequest(out, w, {
    scope,
    dyno,
    startUs: t - 10 * MS,
    endUs: t + 80 * MS,
    status: 201,
  });
}

/** A quiet user edits their name: `[USER_SAVE]` with a stack, no revocation. */
export function userSave(f: FillerContext, out: StreamRecord[], t: number): void {
  const { w } = f;
  const user = f.quiet.pick();
  const dyno = w.webDyno();
  const lang = w.lang();
  const scope = w.scope({ id: user, ip_address: w.ip() }, 'PATCH', '/api/v1/users/me/');
  const s = w.settings;
  const frames = [
    ...requestPrefix(
      {
        worker: s.worker,
        middlewares: s.middlewares,
        appMiddleware: s.appMiddleware,
        skipOuter: s.skipOuter,
      },
      viewDispatch('apiview'),
    ),
    {
      kind: 'app' as const,
      file: 'users/views/profile.py',
      line: 41,
      fn: 'patch',
      code: 'return self.partial_update(request, *args, **kwargs)',
    },
    ...DRF_PARTIAL_UPDATE,
    {
      kind: 'app' as const,
      file: 'users/serializers.py',
      line: 163,
      fn: 'update',
      code: 'instance.save()',
    },
  ].map((f) => resolveFrame(f, s.layout));
  log(out, {
    timeUs: t,
    source: dyno,
    level: 'INFO',
    logger: 'users.signals',
    template: text('userSave', lang),
    args: [
      user,
      w.prng.pick([
        'first_name',
        'first_name, last_name',
        'avatar: None -> avatars/u.png',
      ]),
      stackLines(frames, 'outermost-first').join('\n'),
    ],
    scope,
  });
  endRequest(out, w, {
    scope,
    dyno,
    startUs: t - 30 * MS,
    endUs: t + 40 * MS,
    status: 200,
  });
}

export function unauthorized(f: FillerContext, out: StreamRecord[], t: number): void {
  unauthorizedRefresh(out, f.w, t, f.w.webDyno());
}
