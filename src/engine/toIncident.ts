import type { Incident, IncidentSignal } from '../model/Incident';
import type { IncidentDraft } from './IncidentDraft';
import type { Evidence } from './Evidence';

/** The SPEC §6 shape of a draft: plain JSON, timeline in time order. */
export function toIncident(draft: IncidentDraft): Incident {
  const timeline = [...draft.timeline].sort(compareSeen);
  const times = timeline.map((seen) => seen.time).filter((t): t is number => t !== null);

  return {
    id: draft.id,
    user: draft.user,
    cause: draft.cause,
    status: draft.confirmed ? 'confirmed' : 'suspected',
    fingerprint: draft.fingerprint,
    title: draft.title,
    trigger: draft.trigger && {
      frames: draft.trigger.frames.map((frame) => ({
        file: frame.file,
        function: frame.function,
        line: frame.line,
        code: frame.code,
        abs_path: frame.absPath,
      })),
      truncated: draft.trigger.truncated,
    },
    action: draft.action,
    sessions: draft.sessions,
    first_seen: times.length > 0 ? isoTime(Math.min(...times)) : null,
    last_seen: times.length > 0 ? isoTime(Math.max(...times)) : null,
    evidence_gaps: [...draft.gaps],
    signals: timeline.map(toIncidentSignal),
    failed_jtis: [...draft.failedJtis],
  };
}

function toIncidentSignal(entry: Evidence): IncidentSignal {
  return {
    tag: entry.tag,
    kind: entry.kind,
    at: entry.time === null ? null : isoTime(entry.time),
    message: entry.message,
    source: entry.source,
    ...(entry.eventId ? { eventId: entry.eventId } : {}),
    ...(entry.issueId ? { issueId: entry.issueId } : {}),
    ...(entry.webUrl ? { webUrl: entry.webUrl } : {}),
  };
}

function compareSeen(a: Evidence, b: Evidence): number {
  if (a.time !== null && b.time !== null && a.time !== b.time) return a.time - b.time;
  return a.seq - b.seq;
}

export function isoTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}
