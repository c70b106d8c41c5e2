import { CommanderError } from 'commander';

import { ServiceConfigError } from '../config/serviceConfig';
import { SettingsError } from '../config/SettingsError';
import { InputError } from '../readers/InputError';
import type { CliIo } from './CliIo';
import { EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE } from './CliIo';
import { OutputError } from './OutputError';
import { createProgram } from './createProgram';

/**
 * Runs the CLI and returns its exit code: 0 when the analysis ran, 1 for a
 * usage or settings error (a bad flag, config file or service setting, a
 * busy port), 2 when an input cannot be read (SPEC §6), 74 when the report
 * cannot be written.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message; help and version exit 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const code = exitCodeOf(error);
    if (code === null) throw error;
    io.stderr.write(`logout-lens: ${(error as Error).message}\n`);
    return code;
  }
}

/** The exit code of an error the user can act on, told in one line; null for a bug. */
function exitCodeOf(error: unknown): number | null {
  if (error instanceof InputError) return EXIT_INPUT;
  if (error instanceof OutputError) return EXIT_OUTPUT;
  if (error instanceof SettingsError || error instanceof ServiceConfigError)
    return EXIT_USAGE;
  return null;
}
