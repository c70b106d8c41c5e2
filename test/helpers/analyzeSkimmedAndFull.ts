import { PassThrough, Writable } from 'node:stream';

import { analyzeCommand } from '../../src/cli/analyzeCommand';
import type { AnalysisResult } from '../../src/model/Incident';

async function analyzeJson(files: string[], skim: boolean): Promise<AnalysisResult> {
  let out = '';
  await analyzeCommand(
    files,
    { json: true, progress: false, skim },
    {
      stdin: new PassThrough(),
      stdout: new Writable({ write: (chunk, _enc, done) => ((out += chunk), done()) }),
      stderr: new Writable({ write: (_chunk, _enc, done) => done() }),
      env: {},
      cwd: __dirname,
    },
  );
  return JSON.parse(out) as AnalysisResult;
}

/**
 * `analyze --json` over the files with skimming on and off, as the CLI runs
 * it (no config file): the two results must be identical.
 */
export async function analyzeSkimmedAndFull(files: string[]) {
  const full = await analyzeJson(files, false);
  const skimmed = await analyzeJson(files, true);
  return { full, skimmed };
}
