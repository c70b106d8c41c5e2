import type { CodePath } from '../CodePath';
import type { RevocationStacks } from '../revocationStacks';
import { outermostInApp } from '../StackFrame';
import type { TruthIncident } from '../StreamRecord';
import type { RevocationVariant } from './revocationVariant';

/**
 * The incident a revocation must yield (SPEC §4–5): none for a revoke-all
 * that invalidated nothing; `unknown-trigger` when no stack was logged; the
 * USER_SAVE stack's group when the stack lost its in-app frames; else the
 * path's own group and cause.
 */
export function revocationTruth(
  v: RevocationVariant,
  path: CodePath,
  user: string,
  stacks: RevocationStacks,
): TruthIncident[] {
  if (v.sessions === 0) return [];
  const status = v.failures > 0 ? 'confirmed' : 'suspected';
  if (v.form === 'completion_only' || v.form === 'completion_no_list') {
    return [
      {
        user,
        cause: 'backend_revocation',
        status,
        group: 'unknown_trigger',
        trigger_outer: null,
      },
    ];
  }
  if (v.truncation !== 'none') {
    const fallback = stacks.userSave ? outermostInApp(stacks.userSave) : null;
    return [
      {
        user,
        cause: 'backend_revocation',
        status,
        group: fallback ? `${path.group}_truncated` : 'unknown_trigger',
        trigger_outer: fallback,
      },
    ];
  }
  return [
    {
      user,
      cause: path.cause,
      status,
      group: path.group,
      trigger_outer: outermostInApp(stacks.start),
    },
  ];
}
