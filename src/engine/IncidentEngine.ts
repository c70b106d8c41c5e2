import type { LogRecord } from '../model/LogRecord';
import type { AnalysisSettings } from '../model/Settings';
import type { Signal } from '../model/Signal';
import type { AnalysisResult, Incident } from '../model/Incident';
import { parseSignal } from '../signals/parseSignal';
import { jtiMatches } from '../signals/jtiMatches';
import { ExpiringMap } from './ExpiringMap';
import { JtiIndex } from './JtiIndex';
import { RecentSignals } from './RecentSignals';
import type { Revocation } from './Revocation';
import { hasJtiDetails, revokedNothing } from './Revocation';
import type { SeenSignal, SignalOf } from './SeenSignal';
import { gapMs, isBefore, withinMs } from './SeenSignal';
import type { IncidentDraft } from './IncidentDraft';
import { addGap, addToTimeline } from './IncidentDraft';
import { failureIncident, revocationIncident } from './draftIncidents';
import { unexplainedGaps } from './unexplainedGaps';
import { toIncident } from './toIncident';

/** Lines of one revocation lie within this of its first line (SPEC §4). */
const REVOCATION_SPAN_MS = 5_000;
/** The action in progress is looked for this long before a revocation. */
const ACTION_SPAN_MS = 5_000;
/** A `[SESSION_DEBUG]` line belongs to the failure logged just before it. */
const DEBUG_SPAN_MS = 2_000;

type Failure = SeenSignal<SignalOf<'refresh_failed'>>;
type Rotation = SeenSignal<SignalOf<'rotation'>>;

interface OpenRevocation extends Revocation {
  draft: IncidentDraft | null;
}

interface RevokedJti {
  time: number | null;
  listing: SeenSignal;
  revocation: OpenRevocation;
}

interface JtiOwner {
  time: number | null;
  user: string;
}

/**
 * The correlator of SPEC §4: fed records in time order, it assembles
 * revocations, decides each refresh failure's cause and keeps incidents.
 *
 * State lives for the lookback window of log time; a failure is decided once
 * the stream has moved past it by the race window, since on another dyno the
 * rotation that explains it can be logged a few milliseconds later.
 *
 * @example
 * const engine = new IncidentEngine(settings);
 * for await (const record of records) engine.push(record);
 * const { incidents, stats } = engine.finish();
 */
export class IncidentEngine {
  private readonly raceMs: number;
  private readonly lookbackMs: number;
  private readonly decideAfterMs: number;

  private seq = 0;
  private watermark: number | null = null;
  private firstTime: number | null = null;
  private pushesSincePrune = 0;
  private sawSentry = false;
  private sawRevocationLines = false;

  private readonly stats = {
    records: 0,
    signals: 0,
    skipped_lines: 0,
    userless_refusals: 0,
  };
  private readonly jtiOwners = new JtiIndex<JtiOwner>();
  private readonly rotationsByOld = new JtiIndex<Rotation>();
  private readonly rotationsByNew = new JtiIndex<Rotation>();
  private readonly revokedByJti = new JtiIndex<RevokedJti>();
  private readonly openRevocations = new Map<string, OpenRevocation>();
  private readonly revocationsByUser = new ExpiringMap<string, OpenRevocation[]>();
  private readonly usersWithHistory = new ExpiringMap<string, true>();
  private readonly actions = new RecentSignals();
  private readonly others = new RecentSignals();
  private readonly pendingFailures: Failure[] = [];
  private readonly recentFailures = new RecentSignals();
  private readonly failureDrafts = new ExpiringMap<string, IncidentDraft>();
  private readonly drafts: IncidentDraft[] = [];

  constructor(
    private readonly settings: AnalysisSettings,
    private readonly parse: (record: LogRecord) => Signal | null = (record) =>
      parseSignal(record, settings),
  ) {
    this.raceMs = settings.raceWindowSeconds * 1000;
    this.lookbackMs = settings.lookbackHours * 3_600_000;
    this.decideAfterMs = Math.max(this.raceMs, REVOCATION_SPAN_MS);
  }

  /** Feeds one record; records must come in time order (see the readers' reorder buffer). */
  push(record: LogRecord): void {
    this.stats.records += 1;
    if (record.origin.kind.startsWith('sentry')) this.sawSentry = true;
    if (record.time !== null) this.advance(record.time);

    const signal = this.parse(record);
    if (signal === null) return;
    this.stats.signals += 1;
    this.accept({ signal, seq: this.seq++, time: record.time });
  }

  /** Lines the readers could not understand, for the report's statistics. */
  addSkippedLines(count: number): void {
    this.stats.skipped_lines += count;
  }

  /** Decides everything still pending and returns the incidents, oldest first. */
  finish(): AnalysisResult {
    for (const revocation of [...this.openRevocations.values()]) {
      this.closeRevocation(revocation);
    }
    while (this.pendingFailures.length > 0) this.decide(this.pendingFailures.shift()!);

    const incidents: Incident[] = this.drafts.map(toIncident);
    incidents.sort(
      (a, b) =>
        (a.first_seen ?? '').localeCompare(b.first_seen ?? '') ||
        a.id.localeCompare(b.id),
    );
    return { incidents, stats: { ...this.stats } };
  }

  // --- the stream's clock -------------------------------------------------

  private advance(time: number): void {
    if (this.firstTime === null) this.firstTime = time;
    if (this.watermark !== null && time <= this.watermark) return;
    this.watermark = time;

    for (const revocation of [...this.openRevocations.values()]) {
      const first = revocation.first.time;
      if (first !== null && time - first > REVOCATION_SPAN_MS)
        this.closeRevocation(revocation);
    }
    while (this.pendingFailures.length > 0) {
      const failure = this.pendingFailures[0]!;
      if (failure.time !== null && time - failure.time <= this.decideAfterMs) break;
      this.pendingFailures.shift();
      this.decide(failure);
    }

    this.pushesSincePrune += 1;
    if (this.pushesSincePrune >= 1024) {
      this.pushesSincePrune = 0;
      this.prune(time);
    }
  }

  /** Forgets what lies beyond the lookback window, so memory tracks the window. */
  private prune(now: number): void {
    const cutoff = now - this.lookbackMs;
    this.jtiOwners.forgetBefore(cutoff);
    this.rotationsByOld.forgetBefore(cutoff);
    this.rotationsByNew.forgetBefore(cutoff);
    this.revokedByJti.forgetBefore(cutoff);
    this.actions.forgetBefore(now - 4 * ACTION_SPAN_MS);
    this.others.forgetBefore(now - 4 * REVOCATION_SPAN_MS);
    this.recentFailures.forgetBefore(now - 4 * DEBUG_SPAN_MS);

    this.revocationsByUser.forgetBefore(cutoff);
    this.usersWithHistory.forgetBefore(cutoff);
    this.failureDrafts.forgetBefore(cutoff);
  }

  // --- signals ---------------------------------------------------------------

  private accept(seen: SeenSignal): void {
    const { signal } = seen;
    switch (signal.kind) {
      case 'refresh_attempt':
        this.own(signal.jti, signal.user, seen.time);
        return;
      case 'session_created':
        if (signal.jti) this.own(signal.jti, signal.user, seen.time);
        return;
      case 'rotation':
        this.acceptRotation(seen as Rotation);
        return;
      case 'refresh_failed':
        this.own(signal.jti, signal.user, seen.time);
        this.pendingFailures.push(seen as Failure);
        this.recentFailures.add(seen);
        return;
      case 'active_sessions':
        for (const jti of signal.jtis) this.own(jti, signal.user, seen.time);
        this.attachToFailure(seen as SeenSignal<SignalOf<'active_sessions'>>);
        return;
      case 'session_deactivated':
      case 'revoke_start':
      case 'revoke_done':
      case 'revoke_error':
        this.sawRevocationLines = true;
        this.acceptRevocationLine(seen);
        return;
      case 'user_save':
      case 'admin_appointment':
        this.actions.add(seen);
        return;
      case 'userless_refusal':
        this.stats.userless_refusals += 1;
        return;
      case 'other':
        this.others.add(seen);
        return;
      case 'session_found':
        return;
    }
  }

  private own(jti: string, user: string | null, time: number | null): void {
    if (user !== null) this.jtiOwners.add(jti, { time, user });
  }

  private ownerOf(jti: string): string | null {
    const owners = this.jtiOwners.find(jti);
    return owners.length > 0 ? owners[owners.length - 1]!.user : null;
  }

  private acceptRotation(rotation: Rotation): void {
    const { oldJti, newJti, user } = rotation.signal;
    const owner = user ?? this.ownerOf(oldJti);
    this.own(oldJti, owner, rotation.time);
    this.own(newJti, owner, rotation.time);
    this.rotationsByOld.add(oldJti, rotation);
    this.rotationsByNew.add(newJti, rotation);
    if (owner !== null) this.usersWithHistory.set(owner, true, rotation.time);
  }

  private attachToFailure(debug: SeenSignal<SignalOf<'active_sessions'>>): void {
    const failure = this.recentFailures
      .list()
      .reverse()
      .find(
        (seen) =>
          isBefore(seen, debug) &&
          withinMs(seen, debug, DEBUG_SPAN_MS) &&
          (debug.signal.user === null ||
            (seen.signal as SignalOf<'refresh_failed'>).user === debug.signal.user),
      );
    if (failure) this.debugOf.set(failure, debug);
  }

  private readonly debugOf = new Map<SeenSignal, SeenSignal>();

  // --- revocations -----------------------------------------------------------

  private acceptRevocationLine(seen: SeenSignal): void {
    const signal = seen.signal as SignalOf<
      'session_deactivated' | 'revoke_start' | 'revoke_done' | 'revoke_error'
    >;
    const user = signal.user ?? (this.userFromRevocationLine(signal) || null);
    if (user === null) return;

    const open = this.openRevocations.get(user);
    if (open && !this.joins(open, seen)) this.closeRevocation(open);
    const revocation = this.openRevocations.get(user) ?? this.openRevocation(user, seen);

    switch (signal.kind) {
      case 'revoke_start':
        revocation.start = seen as SeenSignal<SignalOf<'revoke_start'>>;
        break;
      case 'session_deactivated':
        revocation.deactivations.push(
          seen as SeenSignal<SignalOf<'session_deactivated'>>,
        );
        break;
      case 'revoke_done':
        revocation.done = seen as SeenSignal<SignalOf<'revoke_done'>>;
        break;
      case 'revoke_error':
        revocation.errors.push(seen as SeenSignal<SignalOf<'revoke_error'>>);
        break;
    }
  }

  private userFromRevocationLine(signal: Signal): string | null {
    if (signal.kind === 'session_deactivated' && signal.jti)
      return this.ownerOf(signal.jti);
    if (signal.kind === 'revoke_done') {
      for (const session of signal.sessions ?? []) {
        const owner = session.jti ? this.ownerOf(session.jti) : null;
        if (owner) return owner;
      }
    }
    return null;
  }

  /** Whether a line continues the user's open revocation (SPEC §4). */
  private joins(open: OpenRevocation, seen: SeenSignal): boolean {
    if (!withinMs(open.first, seen, REVOCATION_SPAN_MS)) return false;
    if (!sameSource(open.source, seen.signal.record.source)) return false;

    const kind = seen.signal.kind;
    if (kind === 'revoke_start') return open.start === null && open.done === null;
    if (kind === 'revoke_done') return open.done === null;
    if (kind === 'session_deactivated') return open.done === null;
    return true;
  }

  private openRevocation(user: string, first: SeenSignal): OpenRevocation {
    const revocation: OpenRevocation = {
      user,
      first,
      source: first.signal.record.source,
      start: null,
      deactivations: [],
      done: null,
      errors: [],
      draft: null,
    };
    this.openRevocations.set(user, revocation);
    return revocation;
  }

  private closeRevocation(revocation: OpenRevocation): void {
    if (this.openRevocations.get(revocation.user) === revocation) {
      this.openRevocations.delete(revocation.user);
    }
    this.usersWithHistory.set(revocation.user, true, revocation.first.time);
    if (revokedNothing(revocation)) return;

    for (const session of revocation.done?.signal.sessions ?? []) {
      if (session.jti) {
        this.revokedByJti.add(session.jti, {
          time: revocation.done!.time,
          listing: revocation.done!,
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
    const time = revocation.first.time;
    const list = (this.revocationsByUser.get(revocation.user) ?? []).filter(
      (r) =>
        time === null || r.first.time === null || time - r.first.time <= this.lookbackMs,
    );
    list.push(revocation);
    this.revocationsByUser.set(revocation.user, list, time);

    const actions = this.actions
      .list()
      .filter(
        (seen) =>
          actionUser(seen.signal) === revocation.user &&
          !isBefore(revocation.first, seen) &&
          withinMs(seen, revocation.first, ACTION_SPAN_MS),
      );
    const others = this.others
      .list()
      .filter(
        (seen) =>
          seen.signal.record.source !== null &&
          seen.signal.record.source === revocation.source &&
          withinMs(seen, revocation.first, REVOCATION_SPAN_MS),
      );
    revocation.draft = revocationIncident(revocation, actions, others, this.settings);
    this.drafts.push(revocation.draft);
  }

  // --- failures --------------------------------------------------------------

  /** Decides one refresh failure by the rules of SPEC §4, in their order. */
  private decide(failure: Failure): void {
    const { jti } = failure.signal;
    const debug = this.debugOf.get(failure);
    this.debugOf.delete(failure);
    const evidence: SeenSignal[] = debug ? [failure, debug] : [failure];

    const revoked = this.revocationListing(failure);
    const user = failure.signal.user ?? revoked?.revocation.user ?? this.ownerOf(jti);
    if (revoked && (user === null || revoked.revocation.user === user)) {
      this.join(revoked.revocation.draft!, jti, evidence);
      return;
    }
    if (user === null) {
      // Nothing names the user: a statistic, never an incident (SPEC §4).
      this.stats.userless_refusals += 1;
      return;
    }

    const key = `${user}\n${jti}`;
    const retried = this.failureDrafts.get(key);
    if (retried) {
      this.join(retried, jti, evidence);
      this.failureDrafts.touch(key, failure.time);
      return;
    }

    const rotation = this.rotationExplaining(failure);
    if (rotation) {
      const draft = failureIncident(user, jti, rotation.cause, [
        ...rotation.signals,
        ...evidence,
      ]);
      draft.gaps.push(...rotation.gaps);
      this.remember(key, draft);
      return;
    }

    const bare = this.bareRevocation(user, failure);
    if (bare) {
      this.join(bare.draft!, jti, evidence);
      return;
    }

    const draft = failureIncident(user, jti, 'unexplained', evidence);
    for (const gap of unexplainedGaps({
      user,
      jti,
      failure,
      lookbackHours: this.settings.lookbackHours,
      firstTime: this.firstTime,
      userHasHistory: this.usersWithHistory.has(user),
      jtiSeenElsewhere:
        this.rotationsByOld.find(jti).length > 0 ||
        this.rotationsByNew.find(jti).length > 0,
      sawSentry: this.sawSentry,
      sawRevocationLines: this.sawRevocationLines,
    })) {
      addGap(draft, gap);
    }
    this.remember(key, draft);
  }

  /** Rule 1: a revocation that listed the failing JTI before the failure. */
  private revocationListing(failure: Failure): RevokedJti | null {
    const listings = this.revokedByJti
      .find(failure.signal.jti)
      .filter(
        (entry) =>
          isBefore(entry.listing, failure) && this.inLookback(entry.listing, failure),
      );
    if (listings.length === 0) return null;

    const sameUser = listings.filter((e) => e.revocation.user === failure.signal.user);
    const pool = sameUser.length > 0 ? sameUser : listings;
    return pool.reduce((latest, e) => (e.listing.seq > latest.listing.seq ? e : latest));
  }

  /** Rule 2: a rotation replaced the failing JTI, or both tabs rotated its parent. */
  private rotationExplaining(failure: Failure): {
    cause: 'rotation_race' | 'stale_token';
    signals: SeenSignal[];
    gaps: string[];
  } | null {
    const { jti } = failure.signal;

    const replaced = this.rotationsByOld
      .find(jti)
      .filter((r) => this.inLookback(r, failure) && this.notLaterThanWindow(r, failure));
    if (replaced.length > 0) {
      const closest = replaced.reduce((best, r) =>
        (gapMs(r, failure) ?? 0) < (gapMs(best, failure) ?? 0) ? r : best,
      );
      return {
        cause: withinMs(closest, failure, this.raceMs) ? 'rotation_race' : 'stale_token',
        signals: [closest],
        gaps: [],
      };
    }

    for (const winner of this.rotationsByNew.find(jti)) {
      if (!this.inLookback(winner, failure)) continue;
      const siblings = this.rotationsByOld
        .find(winner.signal.oldJti)
        .filter((r) => r !== winner && !jtiMatches(r.signal.newJti, jti));
      if (siblings.length === 0) continue;
      const closest = siblings.reduce((best, r) =>
        (gapMs(r, winner) ?? 0) < (gapMs(best, winner) ?? 0) ? r : best,
      );
      return {
        cause: withinMs(closest, winner, this.raceMs) ? 'rotation_race' : 'stale_token',
        signals: [winner, closest],
        gaps: [],
      };
    }
    return null;
  }

  /** Rule 3: the user's latest revocation that did not say which JTIs it revoked. */
  private bareRevocation(user: string, failure: Failure): OpenRevocation | null {
    const candidates = (this.revocationsByUser.get(user) ?? []).filter(
      (r) =>
        r.draft !== null &&
        !hasJtiDetails(r) &&
        isBefore(r.first, failure) &&
        this.inLookback(r.first, failure),
    );
    return candidates[candidates.length - 1] ?? null;
  }

  private join(draft: IncidentDraft, jti: string, evidence: SeenSignal[]): void {
    draft.confirmed = true;
    if (!draft.failedJtis.includes(jti)) draft.failedJtis.push(jti);
    addToTimeline(draft, evidence);
  }

  private remember(key: string, draft: IncidentDraft): void {
    draft.confirmed = true;
    this.failureDrafts.set(key, draft, draft.timeline.at(-1)?.time ?? null);
    this.drafts.push(draft);
  }

  private inLookback(earlier: SeenSignal, later: SeenSignal): boolean {
    const gap = gapMs(earlier, later);
    return gap === null || gap <= this.lookbackMs;
  }

  /** A rotation logged after the failure explains it only within the race window. */
  private notLaterThanWindow(rotation: SeenSignal, failure: SeenSignal): boolean {
    return isBefore(rotation, failure) || withinMs(rotation, failure, this.raceMs);
  }
}

/** The user an action is about: the client of an appointment, the saved user. */
function actionUser(signal: Signal): string | null {
  if (signal.kind === 'user_save' || signal.kind === 'admin_appointment')
    return signal.user;
  return null;
}

/**
 * Sentry's request scopes are per event, so a Sentry source never separates
 * two lines; platform sources (dynos, containers) do.
 */
function sameSource(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  return a.startsWith('sentry:') || b.startsWith('sentry:');
}
