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
    tag: internShort(signal.tag),
    kind: signal.kind,
    message: ownCopy(signal.firstLine),
    source: internShort(signal.record.source),
  };
  if (origin.eventId) evidence.eventId = ownCopy(origin.eventId);
  if (origin.issueId) evidence.issueId = ownCopy(origin.issueId);
  if (origin.webUrl) evidence.webUrl = ownCopy(origin.webUrl);
  return evidence;
}

/** Distinct short strings kept before the pool starts over, so it stays small. */
const POOL_LIMIT = 4096;
const pool = new Map<string, string>();

/**
 * One shared copy of a short, often repeated string (a tag, a dyno name),
 * so that thousands of kept entries do not each hold their own. The pool
 * starts over when full, which only costs sharing.
 */
export function internShort(text: string): string;
export function internShort(text: string | null): string | null;
export function internShort(text: string | null): string | null {
  if (typeof text !== 'string' || text.length > 64) return ownCopy(text);
  const shared = pool.get(text);
  if (shared !== undefined) return shared;
  if (pool.size >= POOL_LIMIT) pool.clear();
  const copy = ownCopy(text);
  pool.set(copy, copy);
  return copy;
}
