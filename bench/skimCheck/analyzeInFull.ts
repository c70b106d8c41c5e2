/**
 * Child of the skim check: `logout-lens analyze --json [--timezone Z] FILES`
 * with skimming off (an option of the analyze command, not a flag), so that
 * its output can be compared with the CLI's own.
 */
import { analyzeCommand } from '../../src/cli/analyzeCommand';

async function main(args: string[]): Promise<void> {
  const zoneAt = args.indexOf('--timezone');
  const timezone = zoneAt < 0 ? undefined : args[zoneAt + 1];
  const files =
    zoneAt < 0 ? args : args.filter((_, i) => i !== zoneAt && i !== zoneAt + 1);
  await analyzeCommand(
    files,
    { json: true, progress: false, timezone, skim: false },
    {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
    },
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
