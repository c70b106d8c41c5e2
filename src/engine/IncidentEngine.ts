import type { AnalysisResult, Incident } from '../model/Incident';
import type { LogRecord } from '../model/LogRecord';
import type { AnalysisSettings } from '../model/Settings';
import type { Signal } from '../model/Signal';
import { parseSignal } from '../signals/parseSignal';
import { failureIncident, revocationIncident } from './draftIncidents';
import { ExpiringMap } from './ExpiringMap';
import type { IncidentDraft } from './IncidentDraft';
import { addGap, addToTimeline } from './IncidentDraft';
import { detachRecord } from './detachRecord';
import { mayBeSignal } from './mayBeSignal';
import { RecentSignals } from './RecentSignals';
import type { Evidence } from './Evidence';
import { evidenceOf } from './Evidence';
import { ownCopy } from './ownCopy';
import type { ParseRecord } from './ParseRecord';
import type { Revocation } from './Revocation';
import { revokedNothing } from './Revocation';
import { REVOCATION_SPAN_MS, RevocationAssembler } from './RevocationAssembler';
import type { SeenSignal, SignalOf } from './SeenSignal';
import { isBefore, withinMs } from './SeenSignal';
import { SessionHistory } from './SessionHistory';
import { toIncident } from './toIncident';
import { unexplainedGaps } from './unexplainedGaps';

/** The action in progress is looked for this long before a revocation. */
const ACTION_SPAN_MS = 5_000;
/** A `[SESSION_DEBUG]` line belongs to the failure logged just before it. */
const DEBUG_SPAN_MS = 2_000;
/** How many records pass between two prunings of expired state. */
const PRUNE_EVERY = 1024;

type Failure = SeenSignal<SignalOf<'refresh_failed'>>;

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
  private readonly history: SessionHistory;
  private readonly revocations = new RevocationAssembler((r) => this.closeRevocation(r));
  private readonly actions = new RecentSignals();
  private readonly others = new RecentSignals();
  private readonly recentFailures = new RecentSignals();
  private readonly pendingFailures: Failure[] = [];
  private readonly debugOf = new Map<SeenSignal, SeenSignal>();
  private readonly failureDrafts = new ExpiringMap<string, IncidentDraft>();
  private readonly drafts: IncidentDraft[] = [];

  constructor(
    private readonly settings: AnalysisSettings,
    private readonly parse: ParseRecord = (record) =>
      mayBeSignal(record) ? parseSignal(detachRecord(record), settings) : null,
  ) {
    const raceMs = settings.raceWindowSeconds * 1000;
    this.lookbackMs = settings.lookbackHours * 3_600_000;
    this.decideAfterMs = Math.max(raceMs, REVOCATION_SPAN_MS);
    this.history = new SessionHistory(raceMs, this.lookbackMs);
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
    this.revocations.closeAll();
    while (this.pendingFailures.length > 0) this.decide(this.pendingFailures.shift()!);

    const incidents: Incident[] = this.drafts.map(toIncident);
    incidents.sort(
      (a, b) =>
        (a.first_seen ?? '').localeCompare(b.first_seen ?? '') ||
        a.id.localeCompare(b.id),
    );
    return { incidents, stats: { ...this.stats } };
  }

  // The stream's clock: what the new time makes final, then what it makes stale.
  private advance(time: number): void {
    if (this.firstTime === null) this.firstTime = time;
    if (this.watermark !== null && time <= this.watermark) return;
    this.watermark = time;

    this.revocations.closeBefore(time);
    while (this.pendingFailures.length > 0) {
      const failure = this.pendingFailures[0]!;
      if (failure.time !== null && time - failure.time <= this.decideAfterMs) break;
      this.pendingFailures.shift();
      this.decide(failure);
    }

    this.pushesSincePrune += 1;
    if (this.pushesSincePrune < PRUNE_EVERY) return;
    this.pushesSincePrune = 0;
    this.history.forgetBefore(time - this.lookbackMs);
    this.failureDrafts.forgetBefore(time - this.lookbackMs);
    this.actions.forgetBefore(time - 4 * ACTION_SPAN_MS);
    this.others.forgetBefore(time - 4 * REVOCATION_SPAN_MS);
    this.recentFailures.forgetBefore(time - 4 * DEBUG_SPAN_MS);
  }

  private accept(seen: SeenSignal): void {
    const { signal } = seen;
    switch (signal.kind) {
      case 'refresh_attempt':
        this.history.own(signal.jti, signal.user, seen.time);
        return;
      case 'session_created':
        if (signal.jti) this.history.own(signal.jti, signal.user, seen.time);
        return;
      case 'rotation':
        // `seen` is this signal's own fresh object: no copy needed to narrow it.
        this.history.addRotation(seen as SeenSignal<typeof signal>);
        return;
      case 'refresh_failed':
        this.history.own(signal.jti, signal.user, seen.time);
        this.pendingFailures.push({ ...seen, signal });
        this.recentFailures.add(this.pendingFailures.at(-1)!);
        return;
      case 'active_sessions':
        for (const jti of signal.jtis) this.history.own(jti, signal.user, seen.time);
        this.attachToFailure({ ...seen, signal });
        return;
      case 'session_deactivated':
      case 'revoke_start':
      case 'revoke_done':
      case 'revoke_error': {
        this.sawRevocationLines = true;
        const user = signal.user ?? this.userOfRevocationLine(signal);
        if (user !== null) this.revocations.accept({ ...seen, signal }, user);
        return;
      }
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

  /** A `[SESSION_DEBUG]` line is the state right after the failure it follows. */
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

  private userOfRevocationLine(signal: Signal): string | null {
    if (signal.kind === 'session_deactivated' && signal.jti) {
      return this.history.ownerOf(signal.jti);
    }
    if (signal.kind === 'revoke_done') {
      for (const session of signal.sessions ?? []) {
        const owner = session.jti ? this.history.ownerOf(session.jti) : null;
        if (owner) return owner;
      }
    }
    return null;
  }

  private closeRevocation(revocation: Revocation): void {
    if (revokedNothing(revocation)) {
      this.history.addRevocation(revocation, null);
      return;
    }

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
    const draft = revocationIncident(revocation, actions, others, this.settings);
    this.history.addRevocation(revocation, draft);
    this.drafts.push(draft);
  }

  /** Decides one refresh failure by the rules of SPEC §4, in their order. */
  private decide(failure: Failure): void {
    const { jti } = failure.signal;
    const debug = this.debugOf.get(failure);
    this.debugOf.delete(failure);
    const evidence: Evidence[] = debug
      ? [evidenceOf(failure), evidenceOf(debug)]
      : [evidenceOf(failure)];

    const revoked = this.history.revocationListing(failure);
    const user =
      failure.signal.user ?? revoked?.revocation.user ?? this.history.ownerOf(jti);
    if (revoked && (user === null || revoked.revocation.user === user)) {
      join(revoked.revocation.draft, jti, evidence);
      return;
    }
    if (user === null) {
      // Nothing names the user: a statistic, never an incident (SPEC §4).
      this.stats.userless_refusals += 1;
      return;
    }

    // Retries of the same JTI join its incident.
    const key = ownCopy(`${user}\n${jti}`);
    const retried = this.failureDrafts.get(key);
    if (retried) {
      join(retried, jti, evidence);
      this.failureDrafts.touch(key, failure.time);
      return;
    }

    const rotation = this.history.rotationExplaining(failure);
    if (rotation) {
      const timeline = [...rotation.signals, ...evidence];
      this.remember(key, failureIncident(user, jti, rotation.cause, timeline));
      return;
    }

    const bare = this.history.bareRevocation(user, failure);
    if (bare) {
      join(bare.draft, jti, evidence);
      return;
    }

    const draft = failureIncident(user, jti, 'unexplained', evidence);
    const gaps = unexplainedGaps({
      user,
      jti,
      failure,
      lookbackHours: this.settings.lookbackHours,
      firstTime: this.firstTime,
      userHasHistory: this.history.hasHistory(user),
      jtiSeenElsewhere: this.history.wasRotated(jti),
      sawSentry: this.sawSentry,
      sawRevocationLines: this.sawRevocationLines,
    });
    for (const gap of gaps) addGap(draft, gap);
    this.remember(key, draft);
  }

  private remember(key: string, draft: IncidentDraft): void {
    this.failureDrafts.set(key, draft, draft.timeline.at(-1)?.time ?? null);
    this.drafts.push(draft);
  }
}

function join(draft: IncidentDraft, jti: string, evidence: Evidence[]): void {
  draft.confirmed = true;
  if (!draft.failedJtis.includes(jti)) draft.failedJtis.push(ownCopy(jti));
  addToTimeline(draft, evidence);
}

/** The user an action is about: the client of an appointment, the saved user. */
function actionUser(signal: Signal): string | null {
  if (signal.kind === 'user_save' || signal.kind === 'admin_appointment') {
    return signal.user;
  }
  return null;
}
