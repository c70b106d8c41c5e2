import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ChildService {
  url: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown, nothing flushed, requests in flight cut. */
  kill(): Promise<void>;
  stderr(): string;
}

/** The service in its own Node process, so a test can kill it for real. */
export async function spawnService(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<ChildService> {
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, 'registerSwc.js'), join(__dirname, 'serveChild.ts')],
    { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`service exited ${code}: ${errors}`)));
  });

  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    stderr: () => errors,
  };
}
