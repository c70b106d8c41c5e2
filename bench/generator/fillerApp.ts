import type { FillerContext } from './FillerContext';
import { MS } from './FillerContext';
import { escapePercent } from './pythonPercent';
import { endRequest } from './requests';
import type { StackFrame } from './StackFrame';
import { resolveFrame, stackLines } from './StackFrame';
import type { StreamRecord } from './StreamRecord';
import { log } from './StoryWorld';

const GET_PATHS = [
  '/api/v1/spa/services/',
  '/api/v1/spa/availability/?date=2026-01-05',
  '/api/v1/spa/appointments/',
  '/api/v1/users/me/',
  '/api/v1/spa/packages/',
  '/api/v1/notifications/unread/',
  '/static/img/logo.svg',
];

const INFO_LINES: [string, string][] = [
  ['spa.services.availability', 'Calculando disponibilidad para %s: %d huecos libres'],
  ['spa.views.services', 'Listando %d servicios activos'],
  ['spa.services.notifications', 'Recordatorio programado para la cita %s'],
];

const ERRORS: [string, string][] = [
  ['KeyError', "'price'"],
  ['AttributeError', "'NoneType' object has no attribute 'client'"],
  ['django.db.utils.OperationalError', 'server closed the connection unexpectedly'],
  ['ValueError', "invalid literal for int() with base 10: 'undefined'"],
];

export function request(
  f: FillerContext,
  out: StreamRecord[],
  t: number,
  info = false,
): void {
  const { w } = f;
  const dyno = w.webDyno();
  const scope = w.scope(null, 'GET', w.prng.pick(GET_PATHS));
  let end = t + w.prng.int(3, 250) * MS;
  if (info) {
    const [logger, template] = w.prng.pick(INFO_LINES);
    const args = template.includes('%d')
      ? ['2026-01-05', w.prng.int(0, 40)].slice(template.startsWith('Listando') ? 1 : 0)
      : [w.prng.uuid()];
    log(out, {
      timeUs: t + 2 * MS,
      source: dyno,
      level: 'INFO',
      logger,
      template,
      args,
      scope,
    });
    end += 5 * MS;
  }
  endRequest(out, w, { scope, dyno, startUs: t, endUs: end, status: 200 });
}

export function requestWithInfo(f: FillerContext, out: StreamRecord[], t: number): void {
  request(f, out, t, true);
}

export function notFound(f: FillerContext, out: StreamRecord[], t: number): void {
  const { w } = f;
  const dyno = w.webDyno();
  const path = `/api/v1/spa/appointments/${w.prng.int(100, 99999)}/`;
  const scope = w.scope(null, 'GET', path);
  log(out, {
    timeUs: t,
    source: dyno,
    level: 'WARNING',
    logger: 'django.request',
    template: `Not Found: ${path}`,
    scope,
  });
  endRequest(out, w, {
    scope,
    dyno,
    startUs: t - 9 * MS,
    endUs: t + 2 * MS,
    status: 404,
  });
}

/** An unrelated error's traceback; in-app frames, but nothing about sessions. */
export function traceback(f: FillerContext, out: StreamRecord[], t: number): void {
  const { w } = f;
  const dyno = w.webDyno();
  const path = w.prng.pick(GET_PATHS.slice(0, 4));
  const scope = w.scope(null, 'GET', path);
  const [type, detail] = w.prng.pick(ERRORS);
  const frames: StackFrame[] = [
    {
      kind: 'lib' as const,
      file: 'django/core/handlers/exception.py',
      line: 55,
      fn: 'inner',
      code: 'response = get_response(request)',
    },
    {
      kind: 'lib' as const,
      file: 'django/core/handlers/base.py',
      line: 197,
      fn: '_get_response',
      code: 'response = wrapped_callback(request, *callback_args, **callback_kwargs)',
    },
    {
      kind: 'app' as const,
      file: 'spa/views/services.py',
      line: 33,
      fn: 'list',
      code: 'return Response(self.serialize(qs))',
    },
    {
      kind: 'app' as const,
      file: 'spa/serializers.py',
      line: 71,
      fn: 'serialize',
      code: "return [{'name': s.name, 'price': s.extra['price']} for s in qs]",
    },
  ].map((f) => resolveFrame(f, w.settings.layout));
  const lines = [`Internal Server Error: ${path}`, 'Traceback (most recent call last):'];
  if (w.prng.chance(0.3)) {
    // A chained exception: the first traceback, a blank line, then the second.
    lines.push(
      ...stackLines(frames.slice(2), 'outermost-first'),
      "KeyError: 'extra'",
      '',
    );
    lines.push('During handling of the above exception, another exception occurred:', '');
    lines.push('Traceback (most recent call last):');
  }
  for (const line of stackLines(frames, 'outermost-first')) {
    lines.push(line);
    // Python 3.12 marks the failing expression under the code line.
    if (line.startsWith('    return [{') && w.prng.chance(0.5))
      lines.push('                                               ^^^^^^^^^^^^^^^^^^');
  }
  lines.push(`${type}: ${detail}`);
  log(out, {
    timeUs: t,
    source: dyno,
    level: 'ERROR',
    logger: 'django.request',
    template: escapePercent(lines.join('\n')),
    scope,
  });
  endRequest(out, w, {
    scope,
    dyno,
    startUs: t - 40 * MS,
    endUs: t + 3 * MS,
    status: 500,
  });
}

export function celery(f: FillerContext, out: StreamRecord[], t: number): void {
  const { w } = f;
  const dyno = w.workerDyno();
  const task = w.prng.pick([
    'spa.tasks.send_reminders',
    'spa.tasks.sync_payments',
    'notifications.tasks.push',
  ]);
  const id = w.prng.uuid();
  const scope = w.scope(null);
  log(out, {
    timeUs: t,
    source: dyno,
    level: 'INFO',
    logger: 'celery.worker.strategy',
    template: `Task ${task}[${id}] received`,
    scope,
  });
  if (task === 'spa.tasks.send_reminders') {
    log(out, {
      timeUs: t + 40 * MS,
      source: dyno,
      level: 'INFO',
      logger: 'spa.tasks',
      template: '[REMINDERS] %d recordatorios enviados',
      args: [w.prng.int(0, 40)],
      scope,
    });
  }
  const took = w.prng.between(0.01, 2.5);
  log(out, {
    timeUs: t + Math.round(took * 1e6),
    source: dyno,
    level: 'INFO',
    logger: 'celery.app.trace',
    template: `Task ${task}[${id}] succeeded in ${took.toFixed(3)}s: None`,
    scope,
  });
}

export function unknownTag(f: FillerContext, out: StreamRecord[], t: number): void {
  const { w } = f;
  const roll = w.prng.int(0, 2);
  if (roll === 0) {
    const dyno = w.webDyno();
    const scope = w.scope(null, 'POST', '/api/v1/payments/webhook/');
    log(out, {
      timeUs: t,
      source: dyno,
      level: 'INFO',
      logger: 'spa.views.payments',
      template: '[PAYMENT_WEBHOOK] Pago %s confirmado',
      args: [String(w.prng.int(100000, 999999))],
      scope,
    });
    endRequest(out, w, {
      scope,
      dyno,
      startUs: t - 20 * MS,
      endUs: t + 15 * MS,
      status: 200,
    });
  } else if (roll === 1) {
    log(out, {
      timeUs: t,
      source: w.workerDyno(),
      level: 'INFO',
      logger: 'notifications.push',
      template: '[NOTIFICATIONS] Push enviado a %s',
      args: [f.quiet.pick()],
      scope: w.scope(null),
    });
  } else {
    log(out, {
      timeUs: t,
      source: w.workerDyno(),
      level: 'INFO',
      logger: 'spa.tasks',
      template: '[REMINDERS] %d recordatorios enviados',
      args: [w.prng.int(0, 40)],
      scope: w.scope(null),
    });
  }
}

export function gunicorn(f: FillerContext, out: StreamRecord[], t: number): void {
  const { w } = f;
  const template = w.prng.chance(0.8)
    ? `Booting worker with pid: ${w.prng.int(10, 999)}`
    : `WORKER TIMEOUT (pid:${w.prng.int(10, 999)})`;
  const level = template.startsWith('WORKER') ? 'CRITICAL' : 'INFO';
  log(out, {
    timeUs: t,
    source: w.webDyno(),
    level,
    logger: 'gunicorn.error',
    template,
    scope: w.scope(null),
  });
}
