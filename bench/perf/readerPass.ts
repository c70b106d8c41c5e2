/**
 * Child process of the bench: our readers over one file as `analyze` runs
 * them (skimming the lines that cannot be signals), records counted and
 * dropped, no analysis. Prints the counts so the run cannot be skipped.
 */
import { readInputs } from '../../src/readers/readInputs';
import { SkimmedRecord } from '../../src/readers/SkimmedRecord';

async function main(path: string): Promise<void> {
  const { batches, stats } = readInputs([path], { skim: true });
  let count = 0;
  let skimmed = 0;
  for await (const batch of batches) {
    count += batch.length;
    for (const record of batch) if (record instanceof SkimmedRecord) skimmed++;
  }
  process.stdout.write(
    `${JSON.stringify({ records: count, skimmed, skipped: stats.skippedLines })}\n`,
  );
}

main(process.argv[2] ?? '-').catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
