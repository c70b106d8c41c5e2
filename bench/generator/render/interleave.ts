import type { Prng } from '../Prng';

/** A record's rendered lines and where they came from. */
export interface LineGroup {
  source: string;
  lines: string[];
}

/**
 * Lets the next record of another source land between a multi-line
 * record's lines (`rate` of the time), as log routers do with stacks from
 * two dynos. A record is never split by a line of its own source.
 */
export function* interleave(
  groups: Iterable<LineGroup>,
  prng: Prng,
  rate: number,
): Generator<string[]> {
  let pending: LineGroup | null = null;
  for (const group of groups) {
    if (pending === null) {
      pending = group;
      continue;
    }
    if (
      pending.lines.length > 1 &&
      group.source !== pending.source &&
      prng.chance(rate)
    ) {
      const at = prng.int(1, pending.lines.length - 1);
      yield [...pending.lines.slice(0, at), ...group.lines, ...pending.lines.slice(at)];
      pending = null;
      continue;
    }
    yield pending.lines;
    pending = group;
  }
  if (pending !== null) yield pending.lines;
}

/** Delivers `rate` of the groups a second time, a few groups later (a retried delivery). */
export function* withDuplicates<T>(
  items: Iterable<T>,
  prng: Prng,
  rate: number,
): Generator<T> {
  const later: { item: T; after: number }[] = [];
  for (const item of items) {
    yield item;
    for (let i = 0; i < later.length;) {
      const entry = later[i]!;
      if (--entry.after > 0) {
        i++;
        continue;
      }
      later.splice(i, 1);
      yield entry.item;
    }
    if (rate > 0 && prng.chance(rate)) later.push({ item, after: prng.int(1, 20) });
  }
  for (const entry of later) yield entry.item;
}
