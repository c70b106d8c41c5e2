import type { Cause } from '../model/Incident';
import type { Evidence } from './Evidence';
import { ownCopy } from './ownCopy';
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
  /** Compact entries: a draft may live until the report prints. */
  timeline: Evidence[];
  failedJtis: string[];
  confirmed: boolean;
}

export function addToTimeline(draft: IncidentDraft, entries: Evidence[]): void {
  for (const entry of entries) {
    if (!draft.timeline.includes(entry)) draft.timeline.push(entry);
  }
}

export function addGap(draft: IncidentDraft, gap: string): void {
  // A gap names the user or the JTI it is about, cut from a log line: keep a copy.
  if (!draft.gaps.includes(gap)) draft.gaps.push(ownCopy(gap));
}
