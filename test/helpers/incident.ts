import type { Incident } from '../../src/model/Incident';

/** A stored incident of one user, unexplained, with nothing in it but what `extra` adds. */
export function incident(
  id: string,
  lastSeen: string | null,
  extra: Partial<Incident> = {},
): Incident {
  return {
    id,
    user: '+573000000001',
    cause: 'unexplained',
    status: 'confirmed',
    fingerprint: 'unexplained',
    title: `incident ${id}`,
    trigger: null,
    action: null,
    sessions: [],
    first_seen: lastSeen,
    last_seen: lastSeen,
    evidence_gaps: [],
    signals: [],
    failed_jtis: [],
    ...extra,
  };
}
