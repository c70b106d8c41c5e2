import { isDeepStrictEqual } from 'node:util';

import type { Incident } from '../src/model/Incident';
import { jtiMatches } from '../src/signals/jtiMatches';

/**
 * Turns a fresh analysis into store changes. Incidents the analysis produced
 * are written (unless unchanged). A stored incident it no longer produces is
 * kept, marked `superseded_by`, when a current incident of the same user now
 * holds one of its failed JTIs (late evidence moved the failure); otherwise
 * it is dropped.
 */
export function reconcileIncidents(
  stored: Incident[],
  produced: Incident[],
): { upserts: Incident[]; removals: string[] } {
  const storedById = new Map(stored.map((incident) => [incident.id, incident]));
  const producedIds = new Set(produced.map((incident) => incident.id));
  const upserts: Incident[] = [];
  const removals: string[] = [];

  for (const incident of produced) {
    const current = { ...incident, superseded_by: null };
    const before = storedById.get(incident.id);
    if (!before || !isDeepStrictEqual(before, current)) upserts.push(current);
  }

  for (const incident of stored) {
    if (producedIds.has(incident.id)) continue;

    const holder = produced.find(
      (candidate) =>
        candidate.user === incident.user &&
        candidate.failed_jtis.some((jti) =>
          incident.failed_jtis.some((old) => jtiMatches(jti, old)),
        ),
    );
    if (!holder) removals.push(incident.id);
    else if (incident.superseded_by !== holder.id) {
      upserts.push({ ...incident, superseded_by: holder.id });
    }
  }

  return { upserts, removals };
}
