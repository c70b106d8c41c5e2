import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

import { trackChild } from './runMeasured';

/** A free loopback port, chosen by the OS. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs `args` under `taskset -c CPUS` (a list such as `1` or `0,1`). */
export function pinned(cpus: string, command: string, args: string[]) {
  return { file: 'taskset', args: ['-c', cpus, command, ...args] };
}

export interface RunningChild {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a server process and waits until `GET readyPath` answers (at most
 * 20 s). `stop` sends SIGTERM and waits for the exit (SIGKILL after 10 s).
 */
export async function startChildServer(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  readyPath: string,
): Promise<RunningChild> {
  const child = spawn(file, args, {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  trackChild(child);
  const exited = once(child, 'exit');
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited early`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}${readyPath}`, {
        method: readyPath === '/healthz' ? 'GET' : 'POST',
      });
      await response.arrayBuffer();
      return { child, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new Error(`${args.join(' ')} did not answer on port ${port} within 20 s`);
}
