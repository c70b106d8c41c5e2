import type { Incident } from '../../src/model/Incident';

export interface TruthIncident {
  user: string;
  cause: string;
  status: string;
  group: string;
  trigger_outer: { file: string; function: string } | null;
}

/**
 * The samples' scoring rule (shared/samples/README.md): each truth incident
 * matched by user and cause, its status and outermost trigger frame right,
 * one fingerprint per group and none shared, and no extra incident.
 * Returns the problems; an empty list is a pass.
 */
export function scoreIncidents(truth: TruthIncident[], actual: Incident[]): string[] {
  const pool = [...actual];
  const problems: string[] = [];
  const groupPrints = new Map<string, Set<string>>();

  for (const expected of truth) {
    const at = pool.findIndex(
      (a) => a.user === expected.user && a.cause === expected.cause,
    );
    if (at < 0) {
      const got = actual.filter((a) => a.user === expected.user).map((a) => a.cause);
      problems.push(
        `missed ${expected.cause} for ${expected.user} (got ${got.join(', ')})`,
      );
      continue;
    }
    const [match] = pool.splice(at, 1);
    if (match!.status !== expected.status) {
      problems.push(`${expected.user}: status ${match!.status}, want ${expected.status}`);
    }
    const outer = match!.trigger?.frames[0];
    const want = expected.trigger_outer;
    if (
      want &&
      !(outer && outer.file.endsWith(want.file) && outer.function === want.function)
    ) {
      problems.push(
        `${expected.user}: trigger ${JSON.stringify(outer)}, want ${JSON.stringify(want)}`,
      );
    }
    const prints = groupPrints.get(expected.group) ?? new Set<string>();
    prints.add(match!.fingerprint);
    groupPrints.set(expected.group, prints);
  }

  const owners = new Map<string, string[]>();
  for (const [group, prints] of groupPrints) {
    if (prints.size !== 1)
      problems.push(`group ${group} split over ${prints.size} fingerprints`);
    for (const print of prints) owners.set(print, [...(owners.get(print) ?? []), group]);
  }
  for (const [print, groups] of owners) {
    if (groups.length > 1)
      problems.push(`groups ${groups.join(', ')} share fingerprint ${print}`);
  }
  for (const extra of pool) problems.push(`extra ${extra.cause} for ${extra.user}`);
  return problems;
}
