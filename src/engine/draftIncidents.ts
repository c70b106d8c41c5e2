import type { Stack } from '../model/Frame';
import type { Cause } from '../model/Incident';
import type { AnalysisSettings } from '../model/Settings';
import type { Evidence } from './Evidence';
import { evidenceOf } from './Evidence';
import { fingerprintOf } from './fingerprintOf';
import { failureIncidentId, revocationIncidentId } from './incidentId';
import type { IncidentDraft } from './IncidentDraft';
import { ownCopy } from './ownCopy';
import type { Revocation } from './Revocation';
import { revocationSignals } from './Revocation';
import type { SeenSignal } from './SeenSignal';
import type { Trigger } from './triggerOf';
import { revocationCause, triggerOf } from './triggerOf';

/** A revocation's incident, `suspected` until a refresh failure joins it. */
export function revocationIncident(
  revocation: Revocation,
  actions: SeenSignal[],
  others: SeenSignal[],
  settings: AnalysisSettings,
): IncidentDraft {
  const stacks: (Stack | null)[] = [
    revocation.start?.signal.stack ?? null,
    ...revocation.deactivations.map((d) => d.signal.stack),
  ];
  const hasStack = stacks.some((stack) => stack !== null);
  const actionStack = lastUserSaveStack(actions);
  const trigger = hasStack ? ownTrigger(triggerOf(stacks, actionStack, settings)) : null;
  const cause = trigger ? revocationCause(trigger, settings) : 'backend_revocation';

  const draft: IncidentDraft = {
    id: revocationIncidentId(
      revocation.user,
      revocation.first.time,
      revocation.first.signal.firstLine,
    ),
    user: ownCopy(revocation.user),
    cause,
    fingerprint: fingerprintOf(cause, trigger ?? emptyTrigger),
    title: ownCopy(revocationTitle(cause, trigger)),
    trigger,
    action: describeAction(actions),
    sessions: revokedSessions(revocation),
    gaps: revocationGaps(revocation, trigger),
    timeline: [...actions, ...others, ...revocationSignals(revocation)].map(evidenceOf),
    failedJtis: [],
    confirmed: false,
  };
  return draft;
}

/** An incident anchored on a failing JTI: races, stale tokens, unexplained failures. */
export function failureIncident(
  user: string,
  jti: string,
  cause: Extract<Cause, 'rotation_race' | 'stale_token' | 'unexplained'>,
  timeline: Evidence[],
): IncidentDraft {
  const ownJti = ownCopy(jti);
  return {
    id: failureIncidentId(user, jti),
    user: ownCopy(user),
    cause,
    fingerprint: fingerprintOf(cause, null),
    title: ownCopy(failureTitle(cause, timeline)),
    trigger: null,
    action: null,
    sessions: [{ id: null, jti: ownJti }],
    gaps: [],
    timeline,
    failedJtis: [ownJti],
    confirmed: true,
  };
}

/**
 * The trigger with its own copies of the frames' strings: the parsed frames
 * are cut from the stack's message, which the draft would otherwise keep.
 */
function ownTrigger(trigger: Trigger): Trigger {
  return {
    ...trigger,
    frames: trigger.frames.map((frame) => ({
      absPath: ownCopy(frame.absPath),
      file: ownCopy(frame.file),
      function: ownCopy(frame.function),
      line: frame.line,
      code: ownCopy(frame.code),
      inApp: frame.inApp,
    })),
  };
}

const emptyTrigger: Trigger = { frames: [], truncated: false, basis: 'none' };

function lastUserSaveStack(actions: SeenSignal[]): Stack | null {
  for (let i = actions.length - 1; i >= 0; i -= 1) {
    const signal = actions[i]!.signal;
    if (signal.kind === 'user_save' && signal.stack) return signal.stack;
  }
  return null;
}

function describeAction(actions: SeenSignal[]): IncidentDraft['action'] {
  const appointment = actions.find((seen) => seen.signal.kind === 'admin_appointment');
  const save = [...actions].reverse().find((seen) => seen.signal.kind === 'user_save');
  const changes =
    save?.signal.kind === 'user_save'
      ? save.signal.changes
          .map((c) =>
            c.from !== null || c.to !== null
              ? `${c.field}: ${c.from} -> ${c.to}`
              : c.field,
          )
          .join(', ')
      : null;

  if (appointment?.signal.kind === 'admin_appointment') {
    const payment = appointment.signal.paymentMethod;
    const detail = [
      payment ? `payment method ${payment}` : null,
      changes ? `changed ${changes}` : null,
    ]
      .filter(Boolean)
      .join('; ');
    return {
      tag: ownCopy(appointment.signal.tag),
      actor: ownCopy(appointment.signal.admin),
      detail: ownCopy(detail || null),
    };
  }
  if (save)
    return {
      tag: ownCopy(save.signal.tag),
      actor: null,
      detail: changes ? ownCopy(`changed ${changes}`) : null,
    };
  return null;
}

function revokedSessions(revocation: Revocation): IncidentDraft['sessions'] {
  const sessions: IncidentDraft['sessions'] = [];
  const seen = new Set<string>();
  const add = (id: string | null, jti: string | null) => {
    const key = `${id}|${jti}`;
    if (seen.has(key) || (id === null && jti === null)) return;
    if (jti !== null && sessions.some((s) => s.jti === jti)) return;
    seen.add(key);
    sessions.push({ id: ownCopy(id), jti: ownCopy(jti) });
  };
  for (const s of revocation.done?.signal.sessions ?? []) add(s.id, s.jti);
  for (const d of revocation.deactivations) add(d.signal.sessionId, d.signal.jti);
  return sessions;
}

function revocationGaps(revocation: Revocation, trigger: Trigger | null): string[] {
  const gaps: string[] = [];
  if (revocation.start && !revocation.done && revocation.deactivations.length === 0) {
    gaps.push(
      'the revoke-all start line has no completion line within 5 s: ' +
        'which sessions it revoked is unknown',
    );
  }
  if (trigger === null) {
    gaps.push('no stack was logged for this revocation (only its completion line)');
  } else if (trigger.truncated) {
    gaps.push(
      trigger.basis === 'action'
        ? "the trigger stack was cut short and lost its in-app frames; the action's " +
            '[USER_SAVE] stack stands in for it'
        : trigger.frames.length === 0
          ? 'the trigger stack was cut short and lost every in-app frame'
          : 'the trigger stack was cut short: frames below the kept ones are missing',
    );
  }
  if (revocation.errors.length > 0) {
    gaps.push(
      `blacklisting failed for ${revocation.errors.length} token(s) during the revocation`,
    );
  }
  return gaps;
}

function revocationTitle(cause: Cause, trigger: Trigger | null): string {
  const outer = trigger?.frames[0];
  const what =
    cause === 'expected_revocation' ? 'Sessions revoked (expected)' : 'Sessions revoked';
  if (!outer) {
    return trigger === null
      ? `${what} by an unknown code path (no stack logged)`
      : `${what} by a code path whose stack was cut short`;
  }
  return `${what} from ${outer.file} in ${outer.function}`;
}

function failureTitle(cause: Cause, timeline: Evidence[]): string {
  switch (cause) {
    case 'rotation_race':
      return 'Refresh token rotation race: two requests refreshed the same token at once';
    case 'stale_token': {
      const times = timeline.map((s) => s.time).filter((t): t is number => t !== null);
      const span = times.length > 1 ? Math.max(...times) - Math.min(...times) : null;
      return span === null
        ? 'Refresh with a token that had been rotated earlier (stale token)'
        : `Refresh with a token rotated ${humanDuration(span)} earlier (stale token)`;
    }
    default:
      return 'Refresh failed and the logs hold no revocation or rotation that explains it';
  }
}

function humanDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}
