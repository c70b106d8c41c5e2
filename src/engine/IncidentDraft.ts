import type { Cause } from '../model/Incident';
import type { SeenSignal } from './SeenSignal';
import type { Trigger } from './triggerOf';

/** An incident while the engine still works on it; `toIncident` makes the SPEC §6 shape. */
export interface IncidentDraft {
  id: string;
  user: string;
  cause: Cause;
  fingerprint: string;
  title: string;
  /** Null for causes without a stack (races, stale tokens, unexplained failures). */
  trigger: Trigger | null;
  action: { tag: string; actor: string | null; detail: string | null } | null;
  sessions: { id: string | null; jti: string | null }[];
  gaps: string[];
  timeline: SeenSignal[];
  failedJtis: string[];
  confirmed: boolean;
}

export function addToTimeline(draft: IncidentDraft, signals: SeenSignal[]): void {
  for (const seen of signals) {
    if (!draft.timeline.includes(seen)) draft.timeline.push(seen);
  }
}

export function addGap(draft: IncidentDraft, gap: string): void {
  if (!draft.gaps.includes(gap)) draft.gaps.push(gap);
}
