import type { IncidentDraft } from './IncidentDraft';
import type { SeenSignal, SignalOf, Stamp } from './SeenSignal';

/**
 * A user's revocation as assembled from its lines (SPEC §4): the
 * `[REVOKE_ALL_SESSIONS]` start, the `[SESSION_DEACTIVATED]` lines and the
 * completion line that lie within 5 s of the first of them.
 */
export interface Revocation {
  user: string;
  first: SeenSignal;
  source: string | null;
  start: SeenSignal<SignalOf<'revoke_start'>> | null;
  deactivations: SeenSignal<SignalOf<'session_deactivated'>>[];
  done: SeenSignal<SignalOf<'revoke_done'>> | null;
  errors: SeenSignal<SignalOf<'revoke_error'>>[];
}

/** The JTIs a revocation names: its completion list and its deactivated sessions. */
export function revokedJtis(revocation: Revocation): string[] {
  const jtis = new Set<string>();
  for (const session of revocation.done?.signal.sessions ?? []) {
    if (session.jti) jtis.add(session.jti);
  }
  for (const deactivation of revocation.deactivations) {
    if (deactivation.signal.jti) jtis.add(deactivation.signal.jti);
  }
  return [...jtis];
}

/**
 * Whether the revocation says which JTIs it revoked: a whole list, or
 * deactivation lines. A list cut short (fewer sessions than it says it
 * invalidated) cannot prove that a JTI missing from it was spared.
 */
export function hasJtiDetails(revocation: Revocation): boolean {
  if (revocation.deactivations.some((d) => d.signal.jti !== null)) return true;
  const done = revocation.done?.signal;
  if (!done || done.sessions === null) return false;
  return done.invalidated === null || done.sessions.length >= done.invalidated;
}

/** A revoke-all that invalidated nothing logged nobody out (SPEC §4). */
export function revokedNothing(revocation: Revocation): boolean {
  if (revocation.deactivations.length > 0) return false;
  const done = revocation.done?.signal;
  if (!done) return false;
  if (done.invalidated === 0) return true;
  return (
    done.invalidated === null && done.sessions !== null && done.sessions.length === 0
  );
}

export function revocationSignals(revocation: Revocation): SeenSignal[] {
  const all: SeenSignal[] = [
    ...(revocation.start ? [revocation.start] : []),
    ...revocation.deactivations,
    ...(revocation.done ? [revocation.done] : []),
    ...revocation.errors,
  ];
  return all.sort((a, b) => a.seq - b.seq);
}

/**
 * A closed revocation as the session history keeps it over the lookback
 * window: enough to decide later failures, none of its lines.
 */
export interface KeptRevocation {
  user: string;
  first: Stamp;
  /** The incident it anchors. */
  draft: IncidentDraft;
  /** Whether it said which JTIs it revoked (see `hasJtiDetails`). */
  withJtiDetails: boolean;
}
