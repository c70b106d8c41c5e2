import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';

import { runCli } from '../../../src/cli/runCli';
import type { AnalysisResult } from '../../../src/model/Incident';

let dir: string | null = null;

/** Writes `content` to a fresh file in this run's temp directory and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  dir ??= mkdtempSync(join(tmpdir(), 'logout-lens-generated-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Removes the files `tempFile` wrote (call from `afterAll`). */
export function removeTempFiles(): void {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
}

/** `logout-lens analyze --json FILE...` in-process; throws with stderr when it does not exit 0. */
export async function analyzeFiles(
  paths: string[],
  args: string[] = [],
): Promise<AnalysisResult> {
  let out = '';
  let err = '';
  const code = await runCli(['analyze', '--json', ...args, ...paths], {
    stdin: new PassThrough(),
    stdout: new Writable({ write: (chunk, _enc, done) => ((out += chunk), done()) }),
    stderr: new Writable({ write: (chunk, _enc, done) => ((err += chunk), done()) }),
    env: {},
    cwd: tmpdir(),
  });
  if (code !== 0) throw new Error(`analyze exited ${code}: ${err}`);
  return JSON.parse(out) as AnalysisResult;
}

export async function analyzeText(
  text: string,
  name = 'input.log',
): Promise<AnalysisResult> {
  return analyzeFiles([tempFile(name, text)]);
}
