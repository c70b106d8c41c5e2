import { createHash } from 'node:crypto';

import type { Cause } from '../model/Incident';
import type { Trigger } from './triggerOf';

/**
 * The grouping key of an incident (SPEC §5). Revocations: the trigger's
 * files and functions, outermost first, without line numbers, so a deploy
 * that moves lines keeps the group. A trigger that is only part of a path
 * (a cut stack, or the action's stack standing in) gets a group of its own,
 * since it cannot be known to be the same path as a whole stack.
 */
export function fingerprintOf(cause: Cause, trigger: Trigger | null): string {
  if (trigger === null) return cause;
  if (trigger.frames.length === 0) return `${cause}:unknown-trigger`;

  const path = trigger.frames.map((frame) => `${frame.file}:${frame.function}`).join('>');
  const digest = createHash('sha256').update(path).digest('hex').slice(0, 16);
  const partial = trigger.truncated || trigger.basis !== 'stack';
  return partial ? `${cause}:partial:${digest}` : `${cause}:${digest}`;
}
