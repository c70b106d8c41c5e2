import type { Cause, IncidentStatus } from '../src/model/Incident';
import type { IncidentQuery } from '../src/store/Store';
import { decodeIncidentCursor } from './incidentCursor';

const causes: readonly Cause[] = [
  'backend_revocation',
  'expected_revocation',
  'rotation_race',
  'stale_token',
  'unexplained',
];
const statuses: readonly IncidentStatus[] = ['confirmed', 'suspected'];

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

// A date, optionally a time, optionally a zone: 2026-01-03, 2026-01-03T10:00:00.5+02:00.
const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export type ParsedIncidentQuery =
  { ok: true; query: IncidentQuery } | { ok: false; error: string };

/**
 * Reads `GET /api/incidents` parameters. Each bad one gets a message that
 * names it (`limit must be a whole number from 1 to 1000 (got "0")`).
 */
export function parseIncidentQuery(params: Record<string, unknown>): ParsedIncidentQuery {
  const query: IncidentQuery = {
    limit: DEFAULT_LIMIT,
    after: null,
    includeSuperseded: false,
  };

  for (const name of [
    'limit',
    'cursor',
    'cause',
    'status',
    'user',
    'since',
    'include_superseded',
  ]) {
    const value = params[name];
    if (value !== undefined && typeof value !== 'string') {
      return { ok: false, error: `${name} must be given once, as a plain value` };
    }
  }
  const text = (name: string) => params[name] as string | undefined;

  const limit = text('limit');
  if (limit !== undefined) {
    const number = /^\d+$/.test(limit) ? Number(limit) : NaN;
    if (!(number >= 1 && number <= MAX_LIMIT)) {
      return {
        ok: false,
        error: `limit must be a whole number from 1 to ${MAX_LIMIT} (got "${limit}")`,
      };
    }
    query.limit = number;
  }

  const cursor = text('cursor');
  if (cursor !== undefined && cursor !== '') {
    query.after = decodeIncidentCursor(cursor);
    if (query.after === null) {
      return {
        ok: false,
        error: 'cursor is not one this service gave out; use the "next" of a listing',
      };
    }
  }

  const cause = text('cause');
  if (cause !== undefined) {
    if (!(causes as readonly string[]).includes(cause)) {
      return {
        ok: false,
        error: `cause must be one of ${causes.join(', ')} (got "${cause}")`,
      };
    }
    query.cause = cause as Cause;
  }

  const status = text('status');
  if (status !== undefined) {
    if (!(statuses as readonly string[]).includes(status)) {
      return {
        ok: false,
        error: `status must be one of ${statuses.join(', ')} (got "${status}")`,
      };
    }
    query.status = status as IncidentStatus;
  }

  // An unescaped `+` in a query string arrives as a space: user ids are phone numbers.
  const user = text('user');
  if (user !== undefined) query.user = user.replace(/^ /, '+');

  const since = text('since');
  if (since !== undefined) {
    const millis = parseSince(since);
    if (millis === null) {
      return {
        ok: false,
        error: `since must be an ISO 8601 time such as 2026-01-03T10:00:00Z (got "${since}")`,
      };
    }
    query.since = millis;
  }

  const includeSuperseded = text('include_superseded');
  if (includeSuperseded !== undefined) {
    if (includeSuperseded !== 'true' && includeSuperseded !== 'false') {
      return {
        ok: false,
        error: `include_superseded must be true or false (got "${includeSuperseded}")`,
      };
    }
    query.includeSuperseded = includeSuperseded === 'true';
  }

  return { ok: true, query };
}

function parseSince(text: string): number | null {
  // `+02:00` sent unescaped arrives as ` 02:00`.
  const restored = text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  const match = ISO_8601.exec(restored);
  if (!match) return null;

  // Times without a zone are UTC, as everywhere in logout-lens.
  const hasTime = /\d[T ]\d/i.test(restored);
  const iso = restored.replace(' ', 'T').replace(',', '.');
  const millis = Date.parse(hasTime && match[1] === undefined ? `${iso}Z` : iso);
  return Number.isFinite(millis) ? millis : null;
}
