import { createHash } from 'node:crypto';

import type { Incident } from '../model/Incident';

/**
 * A short hash of everything an incident says: a new version whenever the
 * analysis changes anything about it, the same one when a re-analysis
 * produces it again unchanged.
 */
export function incidentVersion(incident: Incident): string {
  // Being superseded is not new content: nothing to tell anyone again.
  const content: Partial<Incident> = { ...incident };
  delete content.superseded_by;
  return createHash('sha256').update(stableJson(content)).digest('hex').slice(0, 16);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
