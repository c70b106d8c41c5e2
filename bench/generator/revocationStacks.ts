import type { CodePath, Machinery } from './CodePath';
import { atRelease } from './CodePath';
import { celeryPrefix } from './celeryFrames';
import { requestPrefix } from './frameworkFrames';
import type { DeactivationBottom } from './machinery';
import { deactivationTail } from './machinery';
import type { Prng } from './Prng';
import type { StackFrame, StackOrder } from './StackFrame';
import { resolveFrame, stackLines } from './StackFrame';
import type { StoryWorld } from './StoryWorld';

/** The stacks one revocation logs, all from the same call. */
export interface RevocationStacks {
  /** `[REVOKE_ALL_SESSIONS]` start: down to the caller of the machinery. */
  start: StackFrame[];
  /** `[SESSION_DEACTIVATED]`: the start's frames and the machinery below them. */
  deactivation: StackFrame[];
  /** `[USER_SAVE]`: down to the frame that saved the user; null when the path saves no user. */
  userSave: StackFrame[] | null;
}

export function revocationStacks(
  w: StoryWorld,
  path: CodePath,
  machinery: Machinery,
  bottom: DeactivationBottom,
  release: number,
): RevocationStacks {
  const s = w.settings;
  const prefix =
    path.entry === 'task'
      ? celeryPrefix(w.prng)
      : requestPrefix(
          {
            worker: s.worker,
            middlewares: s.middlewares,
            appMiddleware: s.appMiddleware,
            skipOuter: s.skipOuter,
          },
          path.dispatch,
        );
  const own = path.frames.map((f) => atRelease(f, release));
  const caller = path.callers[machinery];
  if (!caller) throw new Error(`${path.group} does not call ${machinery}`);
  const start = [...prefix, ...own, atRelease(caller, release)];
  const tail = deactivationTail(machinery, bottom).map((f) => atRelease(f, release));
  const resolve = (specs: typeof start) => specs.map((f) => resolveFrame(f, s.layout));
  return {
    start: resolve(start),
    deactivation: resolve([...start, ...tail]),
    userSave:
      path.saveAt === null
        ? null
        : resolve([...prefix, ...own.slice(0, path.saveAt + 1)]),
  };
}

/**
 * How a stack was cut short: `lines`, whole lines lost (a platform split);
 * `chars`, the SDK's string limit, mid-line with `...`. Either way every
 * in-app frame is gone: the app writes outermost frames first, and the cut
 * keeps the framework's.
 */
export type Truncation = 'none' | 'lines' | 'chars';

/** The stack text as the app logs it, cut short when asked. */
export function stackText(
  frames: readonly StackFrame[],
  order: StackOrder,
  truncation: Truncation,
  prng: Prng,
  headerLength: number,
): string {
  const lines = stackLines(frames, order);
  if (truncation === 'none') return lines.join('\n');
  if (order !== 'outermost-first')
    throw new Error('only outermost-first stacks are cut short');

  const firstInApp = lines.findIndex(
    (line) => line.startsWith('  File "/app/') && isInAppLine(line, frames),
  );
  if (firstInApp < 2)
    throw new Error('a stack to cut short needs framework frames first');
  if (truncation === 'lines') {
    // Keep at least one whole frame, end on a frame boundary or after its code line.
    return lines.slice(0, prng.int(2, firstInApp)).join('\n');
  }
  const before = lines.slice(0, firstInApp).join('\n');
  const sdkLimit = 1021 - headerLength;
  const cut = Math.max(
    40,
    Math.min(before.length - 5, sdkLimit > 200 ? sdkLimit : before.length - 5),
  );
  return `${before.slice(0, prng.int(Math.min(cut, 60), cut))}...`;
}

function isInAppLine(line: string, frames: readonly StackFrame[]): boolean {
  return frames.some((f) => f.inApp && line.startsWith(`  File "${f.path}"`));
}
