import type { LogRecord, RecordOrigin } from '../model/LogRecord';
import { SkimmedRecord } from './SkimmedRecord';

const LINKS = ['eventId', 'issueId', 'webUrl', 'sentryUser'] as const;

function rank(record: LogRecord): number {
  // A breadcrumb copy belongs to another request's event: any other copy
  // describes the line itself. A copy that names its source (a dyno) beats
  // one that does not (a plain Django log of the same line).
  return (
    (record.origin.kind === 'sentry-breadcrumb' ? 0 : 2) +
    (record.source === null ? 0 : 1)
  );
}

/** A skimmed record's message is empty: it knows the length the full reader's would have. */
function lengthOf(record: LogRecord): number {
  return record instanceof SkimmedRecord ? record.messageLength : record.message.length;
}

/**
 * Of two copies of the same log line, the one to keep: the longest (a
 * breadcrumb copy may be cut short); between equals, not a breadcrumb, then
 * one with a source; else the first. The kept copy takes the Sentry links
 * (event, issue, URL, user) of a dropped Sentry event copy it lacks.
 */
export function preferredCopy(first: LogRecord, other: LogRecord): LogRecord {
  const longer = lengthOf(other) - lengthOf(first);
  const keep = longer > 0 || (longer === 0 && rank(other) > rank(first)) ? other : first;
  const drop = keep === first ? other : first;
  if (drop.origin.kind !== 'sentry-event') return keep;

  let origin: RecordOrigin | null = null;
  for (const link of LINKS) {
    const value = drop.origin[link];
    if (value !== undefined && keep.origin[link] === undefined) {
      origin ??= { ...keep.origin };
      origin[link] = value;
    }
  }
  if (origin === null) return keep;
  // A spread would drop a skimmed record's getters (message, source) and its class.
  return keep instanceof SkimmedRecord ? keep.withOrigin(origin) : { ...keep, origin };
}
