/**
 * Child process of the bench: our readers over one file, records counted and
 * dropped, no analysis. Prints the record count so the run cannot be skipped.
 */
import { readInputs } from '../../src/readers/readInputs';

async function main(path: string): Promise<void> {
  const { records, stats } = readInputs([path]);
  let count = 0;
  for await (const record of records) if (record !== null) count++;
  process.stdout.write(
    `${JSON.stringify({ records: count, skipped: stats.skippedLines })}\n`,
  );
}

main(process.argv[2] ?? '-').catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
