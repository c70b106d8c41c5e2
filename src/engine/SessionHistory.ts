import { jtiMatches } from '../signals/jtiMatches';
import type { Evidence } from './Evidence';
import { ExpiringMap } from './ExpiringMap';
import { JtiIndex, JtiTable } from './JtiIndex';
import type { KeptRotation } from './KeptRotation';
import { keepRotation, rotationEvidence } from './KeptRotation';
import { ownCopy } from './ownCopy';
import type { IncidentDraft } from './IncidentDraft';
import type { KeptRevocation, Revocation } from './Revocation';
import { hasJtiDetails } from './Revocation';
import type { SeenSignal, SignalOf, Stamp } from './SeenSignal';
import { gapMs, isBefore, withinMs } from './SeenSignal';

type Failure = SeenSignal<SignalOf<'refresh_failed'>>;
type Rotation = SeenSignal<SignalOf<'rotation'>>;

/** Who a JTI was last seen with; the index renews it in place while that holds. */
interface Owner {
  time: number | null;
  user: string;
}

/** Where a revocation named a JTI: its completion list or a deactivation line. */
export interface RevokedJti {
  time: number | null;
  listing: Stamp;
  revocation: KeptRevocation;
}

export interface RotationVerdict {
  cause: 'rotation_race' | 'stale_token';
  /** The rotation(s) the verdict rests on, for the timeline. */
  signals: Evidence[];
}

/**
 * What the logs said about sessions over the lookback window: who owns
 * which JTI, the rotations and the revocations. It answers the questions of
 * SPEC §4's decision rules, and forgets what falls out of the window.
 */
export class SessionHistory {
  /** One map of JTIs for the three indexes a rotation files in. */
  private readonly jtis = new JtiTable();
  private readonly owners = this.jtis.index<Owner>();
  private readonly rotationsByOld = this.jtis.index<KeptRotation>();
  private readonly rotationsByNew = this.jtis.index<KeptRotation>();
  private readonly revokedByJti = new JtiIndex<RevokedJti>();
  private readonly revocationsByUser = new ExpiringMap<string, KeptRevocation[]>();
  /** Users with rotations or revocations, each to its one kept copy. */
  private readonly usersWithHistory = new ExpiringMap<string, string>();

  constructor(
    private readonly raceMs: number,
    private readonly lookbackMs: number,
  ) {}

  own(jti: string, user: string | null, time: number | null): void {
    if (user !== null) this.fileOwner(jti, user, time);
  }

  /** The user a JTI was last seen with, for lines that name none (`user_id: None`). */
  ownerOf(jti: string): string | null {
    return this.owners.find(jti).at(-1)?.user ?? null;
  }

  addRotation(rotation: Rotation): void {
    const { oldJti, newJti, user } = rotation.signal;
    // One copy of the user for the whole lookback (`ownerOf`'s answer is one).
    const owner =
      user === null ? this.ownerOf(oldJti) : this.noteUser(user, rotation.time);
    const kept = keepRotation(
      rotation,
      owner === null
        ? ownCopy(oldJti)
        : this.fileOwner(oldJti, owner, rotation.time, true),
      owner === null
        ? ownCopy(newJti)
        : this.fileOwner(newJti, owner, rotation.time, true),
      user === null ? null : owner,
    );
    this.rotationsByOld.add(kept.oldJti, kept, true);
    this.rotationsByNew.add(kept.newJti, kept, true);
    if (user === null && owner !== null) this.noteUser(owner, rotation.time);
  }

  /**
   * Files a closed revocation; one that revoked nothing (no draft) only
   * counts as the user's history.
   */
  addRevocation(revocation: Revocation, draft: IncidentDraft | null): void {
    const time = revocation.first.time;
    const user = this.noteUser(revocation.user, time);
    if (draft === null) return;

    const kept: KeptRevocation = {
      user,
      first: { seq: revocation.first.seq, time: revocation.first.time },
      draft,
      withJtiDetails: hasJtiDetails(revocation),
    };
    const done = revocation.done;
    for (const session of done?.signal.sessions ?? []) {
      if (session.jti) {
        this.revokedByJti.add(session.jti, {
          time: done!.time,
          listing: { seq: done!.seq, time: done!.time },
          revocation: kept,
        });
      }
    }
    for (const deactivation of revocation.deactivations) {
      if (deactivation.signal.jti) {
        this.revokedByJti.add(deactivation.signal.jti, {
          time: deactivation.time,
          listing: { seq: deactivation.seq, time: deactivation.time },
          revocation: kept,
        });
      }
    }

    const recent = (this.revocationsByUser.get(user) ?? []).filter(
      (r) =>
        time === null || r.first.time === null || time - r.first.time <= this.lookbackMs,
    );
    recent.push(kept);
    this.revocationsByUser.set(user, recent, time);
  }

  hasHistory(user: string): boolean {
    return this.usersWithHistory.has(user);
  }

  wasRotated(jti: string): boolean {
    return (
      this.rotationsByOld.find(jti).length > 0 || this.rotationsByNew.find(jti).length > 0
    );
  }

  forgetBefore(cutoff: number): void {
    this.owners.forgetBefore(cutoff);
    this.rotationsByOld.forgetBefore(cutoff);
    this.rotationsByNew.forgetBefore(cutoff);
    this.revokedByJti.forgetBefore(cutoff);
    this.revocationsByUser.forgetBefore(cutoff);
    this.usersWithHistory.forgetBefore(cutoff);
  }

  /** Rule 1: the latest revocation that listed the failing JTI before the failure. */
  revocationListing(failure: Failure): RevokedJti | null {
    const listings = this.revokedByJti
      .find(failure.signal.jti)
      .filter((e) => isBefore(e.listing, failure) && this.inLookback(e.listing, failure));
    if (listings.length === 0) return null;

    const sameUser = listings.filter((e) => e.revocation.user === failure.signal.user);
    const pool = sameUser.length > 0 ? sameUser : listings;
    return pool.reduce((latest, e) => (e.listing.seq > latest.listing.seq ? e : latest));
  }

  /**
   * Rule 2: a rotation replaced the failing JTI (measured either way: on
   * another dyno the failure can be logged just before the rotation), or
   * the JTI was one of two new JTIs of a parent rotated twice.
   */
  rotationExplaining(failure: Failure): RotationVerdict | null {
    const { jti } = failure.signal;

    const replaced = this.rotationsByOld
      .find(jti)
      .filter(
        (r) =>
          this.inLookback(r, failure) &&
          (isBefore(r, failure) || withinMs(r, failure, this.raceMs)),
      );
    if (replaced.length > 0) {
      const closest = nearest(replaced, failure);
      return {
        cause: this.verdict(closest, failure),
        signals: [rotationEvidence(closest)],
      };
    }

    for (const kept of this.rotationsByNew.find(jti)) {
      if (!this.inLookback(kept, failure)) continue;
      const siblings = this.rotationsByOld
        .find(kept.oldJti)
        .filter((r) => r !== kept && !jtiMatches(r.newJti, jti));
      if (siblings.length === 0) continue;
      const closest = nearest(siblings, kept);
      return {
        cause: this.verdict(closest, kept),
        signals: [rotationEvidence(kept), rotationEvidence(closest)],
      };
    }
    return null;
  }

  /** Rule 3: the user's latest revocation that did not say which JTIs it revoked. */
  bareRevocation(user: string, failure: Failure): KeptRevocation | null {
    const candidates = (this.revocationsByUser.get(user) ?? []).filter(
      (r) =>
        !r.withJtiDetails &&
        isBefore(r.first, failure) &&
        this.inLookback(r.first, failure),
    );
    return candidates.at(-1) ?? null;
  }

  /** Marks a user as having history at `time`; returns the one kept copy of the user. */
  private noteUser(user: string, time: number | null): string {
    const kept = this.usersWithHistory.restart(user, time);
    if (kept !== undefined) return kept;
    const copy = ownCopy(user);
    this.usersWithHistory.set(copy, copy, time);
    return copy;
  }

  /** Files the owner of a JTI; returns the index's copy of the JTI. */
  private fileOwner(
    jti: string,
    user: string,
    time: number | null,
    owned = false,
  ): string {
    return this.owners.renew(
      jti,
      time,
      (latest) => latest.user === user,
      () => ({
        time,
        user: owned ? user : (this.usersWithHistory.get(user) ?? ownCopy(user)),
      }),
    );
  }

  private verdict(a: Stamp, b: Stamp): RotationVerdict['cause'] {
    return withinMs(a, b, this.raceMs) ? 'rotation_race' : 'stale_token';
  }

  private inLookback(earlier: Stamp, later: Stamp): boolean {
    const gap = gapMs(earlier, later);
    return gap === null || gap <= this.lookbackMs;
  }
}

/** The candidate closest in time to `to`; an unknown time counts as no gap. */
function nearest<T extends Stamp>(candidates: T[], to: Stamp): T {
  return candidates.reduce((best, r) =>
    (gapMs(r, to) ?? 0) < (gapMs(best, to) ?? 0) ? r : best,
  );
}
