/**
 * `npm run bench`: every figure of the performance targets, each with the
 * baseline it is judged against, measured in this one run. Heavy work runs
 * in child processes so that each peak RSS is that work's own. Generated
 * files live in a temporary folder removed at the end.
 */
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { analyzeBench, type AnalyzeFigures } from './analyzeBench';
import { benchParts } from './benchParts';
import { benchSizes } from './benchSizes';
import { engineBench } from './engineBench';
import { heading, verdict } from './formatFigures';
import { stopMeasured } from './runMeasured';
import { webhookBench } from './webhookBench';

const out = (text: string): void => {
  process.stdout.write(text);
};

async function main(): Promise<void> {
  const sizes = benchSizes(process.env);
  const parts = benchParts(process.env);
  const dir = mkdtempSync(join(tmpdir(), 'logout-lens-bench-'));
  const stop = (): void => {
    stopMeasured();
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  out(`# logout-lens bench (${sizes.name})\n`);
  out(
    `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`,
  );

  try {
    const analyzed: AnalyzeFigures[] = [];
    if (parts.has('analyze'))
      for (const bytes of sizes.analyzeBytes)
        analyzed.push(await analyzeBench(dir, bytes, out));
    const engine = parts.has('engine') ? await engineBench(sizes, out) : null;
    const webhook = parts.has('webhook') ? await webhookBench(dir, sizes, out) : null;

    const largest = analyzed.at(-1);
    const smallest = analyzed[0];
    const rssMb = (kb: number | null) => (kb === null ? NaN : kb / 1024);
    out(heading(`targets (${sizes.name} sizes; the issue's are the full ones)`));
    if (largest !== undefined && smallest !== undefined) {
      out(
        verdict(
          largest.analyzeMs <= 3 * largest.grepMs,
          `analyze ≤ 3× grep at the largest size: ${(largest.analyzeMs / largest.grepMs).toFixed(1)}×`,
        ),
      );
      out(
        verdict(
          rssMb(largest.analyzeRssKb) < 200,
          `analyze peak RSS < 200 MiB at the largest size: ${rssMb(largest.analyzeRssKb).toFixed(0)} MiB ` +
            `(${rssMb(smallest.analyzeRssKb).toFixed(0)} MiB at the smallest)`,
        ),
      );
    }
    if (webhook !== null) {
      const placements = [
        ['one core', webhook.oneCore],
        ['both cores, shared with the sender', webhook.bothCores],
      ] as const;
      for (const [where, figures] of placements) {
        out(
          verdict(
            figures.serviceAtRate.p99 < 50 && figures.serviceAtRate.non2xx === 0,
            `webhook p99 < 50 ms at ${sizes.webhookRate}/s (${where}): ${figures.serviceAtRate.p99} ms`,
          ),
        );
        out(
          verdict(
            figures.serviceMaxNew >= figures.bareMax.perSecond / 2,
            `webhook max rate ≥ half the bare endpoint's (${where}): ` +
              `${figures.serviceMaxNew.toFixed(0)}/s vs ${figures.bareMax.perSecond.toFixed(0)}/s`,
          ),
        );
      }
    }
    if (engine !== null) {
      out(
        verdict(
          engine.engineMs < 20_000,
          `engine ${engine.signals} signals < 20 s: ${(engine.engineMs / 1000).toFixed(1)} s, ` +
            `peak RSS ${(engine.peakRssKb / 1024).toFixed(0)} MiB`,
        ),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
