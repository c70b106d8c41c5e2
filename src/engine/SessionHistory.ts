import { jtiMatches } from '../signals/jtiMatches';
import { ExpiringMap } from './ExpiringMap';
import { JtiIndex } from './JtiIndex';
import type { TrackedRevocation } from './Revocation';
import { hasJtiDetails } from './Revocation';
import type { SeenSignal, SignalOf } from './SeenSignal';
import { gapMs, isBefore, withinMs } from './SeenSignal';

type Failure = SeenSignal<SignalOf<'refresh_failed'>>;
type Rotation = SeenSignal<SignalOf<'rotation'>>;

/** Where a revocation named a JTI: its completion list or a deactivation line. */
export interface RevokedJti {
  time: number | null;
  listing: SeenSignal;
  revocation: TrackedRevocation;
}

export interface RotationVerdict {
  cause: 'rotation_race' | 'stale_token';
  /** The rotation(s) the verdict rests on, for the timeline. */
  signals: SeenSignal[];
}

/**
 * What the logs said about sessions over the lookback window: who owns
 * which JTI, the rotations and the revocations. It answers the questions of
 * SPEC §4's decision rules, and forgets what falls out of the window.
 */
export class SessionHistory {
  private readonly owners = new JtiIndex<{ time: number | null; user: string }>();
  private readonly rotationsByOld = new JtiIndex<Rotation>();
  private readonly rotationsByNew = new JtiIndex<Rotation>();
  private readonly revokedByJti = new JtiIndex<RevokedJti>();
  private readonly revocationsByUser = new ExpiringMap<string, TrackedRevocation[]>();
  private readonly usersWithHistory = new ExpiringMap<string, true>();

  constructor(
    private readonly raceMs: number,
    private readonly lookbackMs: number,
  ) {}

  own(jti: string, user: string | null, time: number | null): void {
    if (user !== null) this.owners.add(jti, { time, user });
  }

  /** The user a JTI was last seen with, for lines that name none (`user_id: None`). */
  ownerOf(jti: string): string | null {
    return this.owners.find(jti).at(-1)?.user ?? null;
  }

  addRotation(rotation: Rotation): void {
    const { oldJti, newJti, user } = rotation.signal;
    const owner = user ?? this.ownerOf(oldJti);
    this.own(oldJti, owner, rotation.time);
    this.own(newJti, owner, rotation.time);
    this.rotationsByOld.add(oldJti, rotation);
    this.rotationsByNew.add(newJti, rotation);
    if (owner !== null) this.usersWithHistory.set(owner, true, rotation.time);
  }

  /** Files a closed revocation; one that revoked nothing only counts as the user's history. */
  addRevocation(revocation: TrackedRevocation, revokedSomething: boolean): void {
    const time = revocation.first.time;
    this.usersWithHistory.set(revocation.user, true, time);
    if (!revokedSomething) return;

    const done = revocation.done;
    for (const session of done?.signal.sessions ?? []) {
      if (session.jti) {
        this.revokedByJti.add(session.jti, {
          time: done!.time,
          listing: done!,
          revocation,
        });
      }
    }
    for (const deactivation of revocation.deactivations) {
      if (deactivation.signal.jti) {
        this.revokedByJti.add(deactivation.signal.jti, {
          time: deactivation.time,
          listing: deactivation,
          revocation,
        });
      }
    }

    const recent = (this.revocationsByUser.get(revocation.user) ?? []).filter(
      (r) =>
        time === null || r.first.time === null || time - r.first.time <= this.lookbackMs,
    );
    recent.push(revocation);
    this.revocationsByUser.set(revocation.user, recent, time);
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
      return { cause: this.verdict(closest, failure), signals: [closest] };
    }

    for (const kept of this.rotationsByNew.find(jti)) {
      if (!this.inLookback(kept, failure)) continue;
      const siblings = this.rotationsByOld
        .find(kept.signal.oldJti)
        .filter((r) => r !== kept && !jtiMatches(r.signal.newJti, jti));
      if (siblings.length === 0) continue;
      const closest = nearest(siblings, kept);
      return { cause: this.verdict(closest, kept), signals: [kept, closest] };
    }
    return null;
  }

  /** Rule 3: the user's latest revocation that did not say which JTIs it revoked. */
  bareRevocation(user: string, failure: Failure): TrackedRevocation | null {
    const candidates = (this.revocationsByUser.get(user) ?? []).filter(
      (r) =>
        r.draft !== null &&
        !hasJtiDetails(r) &&
        isBefore(r.first, failure) &&
        this.inLookback(r.first, failure),
    );
    return candidates.at(-1) ?? null;
  }

  private verdict(a: SeenSignal, b: SeenSignal): RotationVerdict['cause'] {
    return withinMs(a, b, this.raceMs) ? 'rotation_race' : 'stale_token';
  }

  private inLookback(earlier: SeenSignal, later: SeenSignal): boolean {
    const gap = gapMs(earlier, later);
    return gap === null || gap <= this.lookbackMs;
  }
}

/** The candidate closest in time to `to`; an unknown time counts as no gap. */
function nearest<T extends SeenSignal>(candidates: T[], to: SeenSignal): T {
  return candidates.reduce((best, r) =>
    (gapMs(r, to) ?? 0) < (gapMs(best, to) ?? 0) ? r : best,
  );
}
