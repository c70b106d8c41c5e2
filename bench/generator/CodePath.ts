import type { FrameSpec } from './StackFrame';

/** The session machinery a code path ends in (SPEC §7 `machineryFunctions`). */
export type Machinery = 'revoke_all_sessions' | 'deactivate_session_for_jti';

/** Who the request belongs to, which is Sentry's `user` of its events. */
export type Actor = 'admin' | 'self' | 'anonymous' | 'none';

/** One way the app's code reaches the session machinery: a root cause to group by. */
export interface CodePath {
  /** The truth group: incidents of one path share one fingerprint. */
  group: string;
  cause: 'backend_revocation' | 'expected_revocation';
  entry: 'request' | 'task';
  /** Framework frames between the middleware chain and the path's first frame. */
  dispatch: FrameSpec[];
  method: string | null;
  urlPath: string | null;
  /** Celery task name, for `entry: 'task'`. */
  task: string | null;
  actor: Actor;
  /** The request also logs the admin's `[ADMIN_CREATE_APPOINTMENT]` lines. */
  adminAppointment: boolean;
  /** Frames from the path's entry down to, not including, the frame that calls the machinery. */
  frames: FrameSpec[];
  /** The frame that calls the machinery, per machinery function the path can use. */
  callers: Partial<Record<Machinery, FrameSpec>>;
  /** Index in `frames` of the frame that saves the user (its `[USER_SAVE]` stack ends there). */
  saveAt: number | null;
  /** `Campos cambiados:` text of that save: `field: old -> new` or bare names. */
  userSaveFields: readonly string[];
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The frame as a later release has it: a deploy moved the app's lines (by a
 * fixed amount per function, so that every stack of the release agrees).
 */
export function atRelease(frame: FrameSpec, release: number): FrameSpec {
  if (release === 0 || frame.kind !== 'app') return frame;
  const shift = 2 + (hashOf(`${release}:${frame.file}:${frame.fn}`) % 17);
  return { ...frame, line: frame.line + shift * release };
}
