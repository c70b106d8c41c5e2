import type { SeenSignal, Stamp } from './SeenSignal';
import { ownCopy } from './ownCopy';

/**
 * A signal as an incident's timeline keeps it: what SPEC §6 prints of it and
 * no more. Incidents and the lookback state hold these instead of signals,
 * which carry the whole record, its message and any parsed stack.
 */
export interface Evidence extends Stamp {
  tag: string;
  kind: string;
  /** The message's first line, with its tag. */
  message: string;
  source: string | null;
  eventId?: string;
  issueId?: string;
  webUrl?: string;
}

/** The timeline entry of a seen signal, made once so that the same signal is one entry. */
export function evidenceOf(seen: SeenSignal): Evidence {
  if (seen.evidence === undefined) seen.evidence = makeEvidence(seen);
  return seen.evidence;
}

function makeEvidence(seen: SeenSignal): Evidence {
  const { signal } = seen;
  const { origin } = signal.record;
  const evidence: Evidence = {
    seq: seen.seq,
    time: seen.time,
    tag: ownCopy(signal.tag),
    kind: signal.kind,
    message: ownCopy(signal.firstLine),
    source: ownCopy(signal.record.source),
  };
  if (origin.eventId) evidence.eventId = ownCopy(origin.eventId);
  if (origin.issueId) evidence.issueId = ownCopy(origin.issueId);
  if (origin.webUrl) evidence.webUrl = ownCopy(origin.webUrl);
  return evidence;
}
