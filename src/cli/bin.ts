#!/usr/bin/env node
import { runCli } from './runCli';

runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    // Let stdout drain (a large --json through a pipe) before exiting.
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `logout-lens: unexpected error: ${(error as Error).stack ?? error}\n`,
    );
    process.exitCode = 70;
  },
);
