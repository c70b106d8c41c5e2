import type { Evidence } from './Evidence';
import { evidenceOf, internShort } from './Evidence';
import type { SeenSignal, SignalOf, Stamp } from './SeenSignal';

/**
 * The first lines of a rotation as the app writes it (SPEC §2), in English
 * and Spanish. A kept rotation whose line is one of these holds the
 * template's number, not the line: hundreds of thousands of rotations sit
 * in a day of lookback and almost none ever reaches an incident.
 */
const TEMPLATES: ((user: string, oldJti: string, newJti: string) => string)[] = [
  (user, oldJti, newJti) =>
    `[SESSION_REFRESH] Token rotated - User: ${user}, Old JTI: ${oldJti}, New JTI: ${newJti}`,
  (user, oldJti, newJti) =>
    `[SESSION_REFRESH] Token rotado - User: ${user}, Old JTI: ${oldJti}, New JTI: ${newJti}`,
];

/** A rotation as the session history keeps it over the lookback window. */
export interface KeptRotation extends Stamp {
  oldJti: string;
  newJti: string;
  /** The rotation's user, when its line is a template's. */
  user: string | null;
  /** The template its line matches, with `source`; -1 when `evidence` was made at once. */
  template: number;
  source: string | null;
  /** Its timeline entry, made when first asked for (or at once for other lines). */
  evidence: Evidence | null;
}

/**
 * Keeps a rotation. `oldJti`, `newJti` and `user` are the caller's own
 * copies, as equal to the signal's values.
 */
export function keepRotation(
  rotation: SeenSignal<SignalOf<'rotation'>>,
  oldJti: string,
  newJti: string,
  user: string | null,
): KeptRotation {
  const { signal } = rotation;
  const { origin } = signal.record;
  const plain =
    user !== null &&
    signal.tag === 'SESSION_REFRESH' &&
    !origin.eventId &&
    !origin.issueId &&
    !origin.webUrl;
  const template = plain
    ? TEMPLATES.findIndex((line) => line(user, oldJti, newJti) === signal.firstLine)
    : -1;
  return {
    seq: rotation.seq,
    time: rotation.time,
    oldJti,
    newJti,
    user: template < 0 ? null : user,
    template,
    source: template < 0 ? null : internShort(signal.record.source),
    evidence: template < 0 ? evidenceOf(rotation) : null,
  };
}

/** The rotation's timeline entry; the same object each time. */
export function rotationEvidence(kept: KeptRotation): Evidence {
  if (kept.evidence === null) {
    kept.evidence = {
      seq: kept.seq,
      time: kept.time,
      tag: 'SESSION_REFRESH',
      kind: 'rotation',
      message: TEMPLATES[kept.template]!(kept.user!, kept.oldJti, kept.newJti),
      source: kept.source,
    };
  }
  return kept.evidence;
}
