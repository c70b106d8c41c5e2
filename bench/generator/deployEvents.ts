import { escapePercent } from './pythonPercent';
import type { StreamRecord } from './StreamRecord';
import type { StoryWorld } from './StoryWorld';
import { log } from './StoryWorld';

const MS = 1000;

/** gunicorn's own `[2026-01-03 10:00:00 +0000] [4] [INFO] msg` line. */
function gunicornRaw(us: number, pid: number, level: string, message: string): string {
  const iso = new Date(Math.floor(us / 1000)).toISOString();
  return `[${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000] [${pid}] [${level}] ${message}`;
}

/**
 * A release: each web dyno restarts in turn, with Heroku's own `heroku[web.N]`
 * lines, gunicorn's shutdown and boot lines, and new workers booting.
 */
export function deployEvents(w: StoryWorld, atUs: number): StreamRecord[] {
  const out: StreamRecord[] = [];
  let t = atUs;
  for (const dyno of [...w.settings.webDynos, ...w.settings.workerDynos]) {
    const platform = (timeUs: number, message: string) =>
      log(out, {
        timeUs,
        source: dyno,
        kind: 'platform',
        level: 'INFO',
        logger: 'heroku',
        template: escapePercent(message),
      });
    const raw = (timeUs: number, pid: number, level: string, message: string) =>
      log(out, {
        timeUs,
        source: dyno,
        kind: 'raw',
        level: 'INFO',
        logger: 'gunicorn',
        template: escapePercent(gunicornRaw(timeUs, pid, level, message)),
      });
    const master = w.prng.int(2, 9);
    platform(t, 'Restarting');
    platform(t + 2 * MS, 'State changed from up to starting');
    platform(t + 900 * MS, 'Stopping all processes with SIGTERM');
    if (dyno.startsWith('web')) {
      raw(t + 905 * MS, master, 'INFO', 'Handling signal: term');
      raw(t + 910 * MS, master + 5, 'INFO', `Worker exiting (pid: ${master + 5})`);
      raw(t + 1200 * MS, master, 'INFO', 'Shutting down: Master');
    }
    platform(t + 1400 * MS, 'Process exited with status 0');
    platform(
      t + 4000 * MS,
      'Starting process with command `gunicorn studiozens.wsgi --log-file -`',
    );
    if (dyno.startsWith('web')) {
      raw(t + 6000 * MS, master, 'INFO', 'Starting gunicorn 23.0.0');
      raw(
        t + 6010 * MS,
        master,
        'INFO',
        `Listening at: http://0.0.0.0:${w.prng.int(10000, 60000)} (${master})`,
      );
      log(out, {
        timeUs: t + 6030 * MS,
        source: dyno,
        level: 'INFO',
        logger: 'gunicorn.error',
        template: `Booting worker with pid: ${master + 7}`,
      });
    }
    platform(t + 7000 * MS, 'State changed from starting to up');
    t += w.prng.int(8, 20) * 1_000_000;
  }
  return out;
}
