import type { FillerContext } from './FillerContext';
import * as app from './fillerApp';
import * as sessions from './fillerSessions';
import { QuietUsers } from './QuietUsers';
import type { StreamRecord } from './StreamRecord';
import type { StoryWorld } from './StoryWorld';

type FillerKind =
  | 'request'
  | 'requestWithInfo'
  | 'notFound'
  | 'traceback'
  | 'celery'
  | 'unknownTag'
  | 'gunicorn'
  | 'login'
  | 'refresh'
  | 'appointment'
  | 'userSave'
  | 'unauthorized';

const WEIGHTS: Record<FillerKind, number> = {
  request: 40,
  requestWithInfo: 12,
  notFound: 4,
  traceback: 3,
  celery: 10,
  unknownTag: 8,
  gunicorn: 1,
  login: 3,
  refresh: 5,
  appointment: 1.5,
  userSave: 1,
  unauthorized: 0.5,
};

const EVENTS: Record<
  FillerKind,
  (f: FillerContext, out: StreamRecord[], t: number) => void
> = {
  request: (f, out, t) => app.request(f, out, t),
  requestWithInfo: app.requestWithInfo,
  notFound: app.notFound,
  traceback: app.traceback,
  celery: app.celery,
  unknownTag: app.unknownTag,
  gunicorn: app.gunicorn,
  login: sessions.login,
  refresh: sessions.refresh,
  appointment: sessions.appointment,
  userSave: sessions.userSave,
  unauthorized: sessions.unauthorized,
};

/**
 * The ordinary lines of a busy app around the stories: requests, access and
 * router lines, other tags, celery and gunicorn chatter, tracebacks of
 * unrelated errors, and quiet users' logins and refreshes.
 */
export class Filler {
  private readonly context: FillerContext;

  constructor(w: StoryWorld) {
    this.context = { w, quiet: new QuietUsers(w, 400) };
  }

  /** Appends one filler event (one or more records) starting at `t`. */
  add(out: StreamRecord[], t: number): void {
    EVENTS[this.context.w.prng.weighted(WEIGHTS)](this.context, out, t);
  }
}
