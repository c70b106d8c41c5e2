import type { Machinery } from './CodePath';
import { MODEL_SAVE } from './frameworkFrames';
import type { FrameSpec } from './StackFrame';

/**
 * How the bottom of a `[SESSION_DEACTIVATED]` stack looks:
 * - `update`: the guide's example, ending in `revoke_all_sessions`'s `.update(...)`;
 * - `loop`: `revoke_all_sessions` saves each session, so the `post_save` hook
 *   `log_user_session_changes` logs from its own frame;
 * - `loop-trimmed`: the same, the hook leaving its own frame out.
 */
export type DeactivationBottom = 'update' | 'loop' | 'loop-trimmed';

const REVOKE_UPDATE: FrameSpec = {
  kind: 'app',
  file: 'users/views/utils.py',
  line: 95,
  fn: 'revoke_all_sessions',
  code: ').update(is_active=False, updated_at=timezone.now())',
};
const REVOKE_LOOP: FrameSpec = {
  kind: 'app',
  file: 'users/views/utils.py',
  line: 97,
  fn: 'revoke_all_sessions',
  code: 'deactivate_session_for_jti(session.refresh_token_jti)',
};
const DEACTIVATE: FrameSpec = {
  kind: 'app',
  file: 'users/views/utils.py',
  line: 71,
  fn: 'deactivate_session_for_jti',
  code: "session.save(update_fields=['is_active', 'updated_at'])",
};
const HOOK: FrameSpec = {
  kind: 'app',
  file: 'users/signals.py',
  line: 38,
  fn: 'log_user_session_changes',
  code: "stack = ''.join(traceback.format_stack())",
};

/** The machinery frames below the caller in a `[SESSION_DEACTIVATED]` stack, outermost first. */
export function deactivationTail(
  machinery: Machinery,
  bottom: DeactivationBottom,
): FrameSpec[] {
  const hook = bottom === 'loop-trimmed' ? [] : [HOOK];
  if (machinery === 'deactivate_session_for_jti')
    return [DEACTIVATE, ...MODEL_SAVE, ...hook];
  if (bottom === 'update') return [REVOKE_UPDATE];
  return [REVOKE_LOOP, DEACTIVATE, ...MODEL_SAVE, ...hook];
}
