export type BenchPart = 'analyze' | 'engine' | 'webhook';

const ALL: readonly BenchPart[] = ['analyze', 'engine', 'webhook'];

/**
 * The parts `BENCH_ONLY` names (comma-separated), or all of them: one part
 * can be measured on its own while working on it, without the others'
 * minutes of load on both cores.
 */
export function benchParts(env: NodeJS.ProcessEnv): Set<BenchPart> {
  const raw = (env.BENCH_ONLY ?? '').trim();
  if (raw === '') return new Set(ALL);
  const parts = new Set<BenchPart>();
  for (const name of raw.split(',').map((part) => part.trim().toLowerCase())) {
    const part = ALL.find((known) => known === name);
    if (part === undefined)
      throw new Error(
        `BENCH_ONLY names unknown part "${name}" (known: ${ALL.join(', ')})`,
      );
    parts.add(part);
  }
  return parts;
}
