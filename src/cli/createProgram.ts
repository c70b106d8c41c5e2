import { Command, Option } from 'commander';

import { INPUT_FORMATS } from '../readers/InputFormat';
import type { CliIo } from './CliIo';
import { analyzeCommand } from './analyzeCommand';
import { parseListFlag, parsePositiveNumber } from './parseListFlag';
import { serveCommand } from './serveCommand';

/**
 * The `logout-lens` command line. Errors are thrown, not printed here: the
 * caller (`runCli`) maps them to one line on stderr and an exit code.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('logout-lens')
    .description(
      'Finds out why users are logged out unexpectedly, from Sentry and platform logs.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  program
    .command('analyze')
    .description('read log files (or stdin) and print the logout incidents they hold')
    .argument('[files...]', 'log files, gzipped or not; "-" or nothing reads stdin')
    .option('--json', 'print the incidents as JSON (SPEC §6)')
    .addOption(
      new Option('--format <format>', 'force the input format').choices(INPUT_FORMATS),
    )
    .option('--config <path>', 'analysis config file (default ./logout-lens.config.json)')
    .option('--race-window-seconds <n>', 'rotation race window', parsePositiveNumber)
    .option('--lookback-hours <n>', 'how far back state is kept', parsePositiveNumber)
    .option(
      '--expected-triggers <list>',
      'substrings marking expected revocations',
      parseListFlag,
    )
    .option(
      '--machinery-functions <list>',
      'functions of the session machinery',
      parseListFlag,
    )
    .option('--app-root <path>', 'root of in-app paths (default /app/)')
    .option('--timezone <zone>', 'IANA zone of times written without one (default UTC)')
    .option('--no-progress', 'never draw a progress bar')
    .action((files: string[], options) => analyzeCommand(files, options, io));

  program
    .command('serve')
    .description('run the HTTP service (Sentry webhooks, incidents API) on PORT')
    .option('--config <path>', 'analysis config file (default ./logout-lens.config.json)')
    .action((options: { config?: string }) => serveCommand(options, io));

  return program;
}
