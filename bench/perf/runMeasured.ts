import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Measured {
  wallMs: number;
  /** Peak resident set of the child, from GNU time; null where it is not installed. */
  peakRssKb: number | null;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';
const running = new Set<ChildProcess>();

/**
 * Remembers a child started in its own process group (`detached`) until it
 * exits, so that an interrupted bench can end it with whatever it started.
 */
export function trackChild(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** Ends the process groups still running (the bench was interrupted). */
export function stopMeasured(): void {
  for (const child of running) {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  }
}
const RSS_MARK = '@@peak-rss-kb ';

/**
 * Runs a command to completion and measures it from outside: wall time here,
 * peak RSS through GNU `time` (`%M`), so the figure is the child's own and
 * not this script's. Rejects when the command fails.
 */
export function runMeasured(
  command: string,
  args: string[],
  options: { keepStdout?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<Measured> {
  const timed = existsSync(GNU_TIME);
  const file = timed ? GNU_TIME : command;
  const argv = timed ? ['-f', `${RSS_MARK}%M`, command, ...args] : args;

  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, {
      stdio: ['ignore', options.keepStdout === true ? 'pipe' : 'ignore', 'pipe'],
      env: options.env ?? process.env,
      detached: true,
    });
    trackChild(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const mark = stderr.lastIndexOf(RSS_MARK);
      const peakRssKb =
        mark < 0 ? null : Number.parseInt(stderr.slice(mark + RSS_MARK.length), 10);
      // grep -c exits 1 when it counts nothing: a count, not a failure.
      if (code !== 0 && !(code === 1 && command === 'grep')) {
        reject(
          new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`),
        );
        return;
      }
      resolve({ wallMs, peakRssKb, stdout });
    });
  });
}
