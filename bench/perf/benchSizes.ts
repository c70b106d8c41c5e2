/** What one `npm run bench` measures; `BENCH_SIZE=small` shrinks it for a smoke run. */
export interface BenchSizes {
  name: 'full' | 'small';
  /** Bytes of generated Heroku text for each analyze run, smallest first. */
  analyzeBytes: number[];
  engineSignals: number;
  engineUsers: number;
  /** Fixed-rate webhook run: deliveries per second and seconds. */
  webhookRate: number;
  webhookSeconds: number;
  /** Unthrottled run that finds the maximum rate, in seconds. */
  maxRateSeconds: number;
}

const FULL: BenchSizes = {
  name: 'full',
  analyzeBytes: [100e6, 1e9],
  engineSignals: 2_000_000,
  engineUsers: 100_000,
  webhookRate: 200,
  webhookSeconds: 60,
  maxRateSeconds: 20,
};

const SMALL: BenchSizes = {
  name: 'small',
  analyzeBytes: [5e6, 20e6],
  engineSignals: 100_000,
  engineUsers: 5_000,
  webhookRate: 100,
  webhookSeconds: 5,
  maxRateSeconds: 5,
};

/** The sizes named by `BENCH_SIZE` (`full`, the default, or `small`). */
export function benchSizes(env: NodeJS.ProcessEnv): BenchSizes {
  const name = (env.BENCH_SIZE ?? 'full').trim().toLowerCase();
  if (name === 'full' || name === '') return FULL;
  if (name === 'small') return SMALL;
  throw new Error(`BENCH_SIZE must be "full" or "small" (got "${env.BENCH_SIZE}")`);
}
