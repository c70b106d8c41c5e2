import { PassThrough, Writable } from 'node:stream';

import { runCli } from '../../src/cli/runCli';
import type { AnalysisResult } from '../../src/model/Incident';

/** Runs `logout-lens analyze --json` in-process; rejects with stderr when it fails. */
export async function analyzeFiles(files: string[], flags: string[] = []) {
  let out = '';
  let err = '';
  const code = await runCli(['analyze', '--json', ...flags, ...files], {
    stdin: new PassThrough(),
    stdout: new Writable({ write: (chunk, _enc, done) => ((out += chunk), done()) }),
    stderr: new Writable({ write: (chunk, _enc, done) => ((err += chunk), done()) }),
    env: {},
    cwd: __dirname,
  });
  if (code !== 0) throw new Error(`analyze exited ${code}: ${err}`);
  return JSON.parse(out) as AnalysisResult;
}
