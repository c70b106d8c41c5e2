import type { Frame, Stack } from '../model/Frame';
import type { Cause } from '../model/Incident';
import type { AnalysisSettings } from '../model/Settings';

/** The in-app frames that caused a revocation, and how far they can be trusted. */
export interface Trigger {
  frames: Frame[];
  truncated: boolean;
  /** Where the frames came from. 'action' means a `[USER_SAVE]` stack stood in for a cut one. */
  basis: 'stack' | 'action' | 'none';
}

/**
 * The in-app frames above the session machinery, outermost first (SPEC §5):
 * the frame list is cut at the outermost machinery frame, whose frames and
 * everything below are the revoking helper's own.
 */
export function framesAboveMachinery(
  stack: Stack,
  settings: Pick<AnalysisSettings, 'machineryFunctions'>,
): Frame[] {
  const machinery = new Set(settings.machineryFunctions);
  const cut = stack.frames.findIndex((frame) => machinery.has(frame.function));
  const above = cut < 0 ? stack.frames : stack.frames.slice(0, cut);
  return above.filter((frame) => frame.inApp);
}

/**
 * Picks the best stack of a revocation: a whole stack over a cut one, the
 * start line's over a deactivation's when both are whole, and the one with
 * the most trigger frames among cut ones. Falls back to the in-app frames of
 * the action's `[USER_SAVE]` stack when every stack lost its in-app frames.
 */
export function triggerOf(
  stacks: (Stack | null)[],
  actionStack: Stack | null,
  settings: Pick<AnalysisSettings, 'machineryFunctions'>,
): Trigger {
  const present = stacks.filter((stack): stack is Stack => stack !== null);
  const candidates = present.map((stack) => ({
    stack,
    frames: framesAboveMachinery(stack, settings),
    // A cut below the machinery's outermost frame lost only frames that never count.
    whole: !stack.truncated || reachesMachinery(stack, settings),
  }));

  const whole = candidates.find((c) => c.whole && c.frames.length > 0);
  if (whole) return { frames: whole.frames, truncated: false, basis: 'stack' };

  const cut = candidates
    .filter((c) => c.frames.length > 0)
    .sort((a, b) => b.frames.length - a.frames.length)[0];
  if (cut) return { frames: cut.frames, truncated: true, basis: 'stack' };

  const truncated = present.length === 0 || present.some((stack) => stack.truncated);
  if (actionStack) {
    const frames = framesAboveMachinery(actionStack, settings);
    if (frames.length > 0) return { frames, truncated, basis: 'action' };
  }
  return { frames: [], truncated, basis: 'none' };
}

/**
 * Whether the stack goes down to the session machinery: a machinery frame,
 * or an innermost frame whose code line calls into it (the revoke-all start
 * line's stack ends at the caller of `revoke_all_sessions`). Such a stack
 * holds every frame that counts, wherever else it was cut.
 */
function reachesMachinery(
  stack: Stack,
  settings: Pick<AnalysisSettings, 'machineryFunctions'>,
): boolean {
  const machinery = settings.machineryFunctions;
  if (stack.frames.some((frame) => machinery.includes(frame.function))) return true;
  const code = stack.frames.at(-1)?.code ?? '';
  return machinery.some((fn) => {
    const at = code.indexOf(`${fn}(`);
    return at >= 0 && !/\w/.test(code[at - 1] ?? '');
  });
}

/** Whether an expected path (a password change, a logout) did the revoking. */
export function isExpectedTrigger(
  frames: Frame[],
  settings: Pick<AnalysisSettings, 'expectedTriggers'>,
): boolean {
  const needles = settings.expectedTriggers.map((needle) => needle.toLowerCase());
  return frames.some((frame) => {
    const file = frame.file.toLowerCase();
    const fn = frame.function.toLowerCase();
    return needles.some((needle) => file.includes(needle) || fn.includes(needle));
  });
}

export function revocationCause(
  trigger: Trigger,
  settings: Pick<AnalysisSettings, 'expectedTriggers'>,
): Extract<Cause, 'backend_revocation' | 'expected_revocation'> {
  return isExpectedTrigger(trigger.frames, settings)
    ? 'expected_revocation'
    : 'backend_revocation';
}
