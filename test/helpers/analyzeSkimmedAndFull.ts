import { PassThrough, Writable } from 'node:stream';

import { analyzeCommand } from '../../src/cli/analyzeCommand';
import type { AnalyzeOptions } from '../../src/cli/analyzeCommand';
import type { AnalysisResult } from '../../src/model/Incident';

async function analyzeJson(
  files: string[],
  options: AnalyzeOptions,
): Promise<AnalysisResult> {
  let out = '';
  await analyzeCommand(
    files,
    { ...options, json: true, progress: false },
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
 * it (no config file; `options` as its flags): the two results must be identical.
 */
export async function analyzeSkimmedAndFull(
  files: string[],
  options: AnalyzeOptions = {},
) {
  const full = await analyzeJson(files, { ...options, skim: false });
  const skimmed = await analyzeJson(files, { ...options, skim: true });
  return { full, skimmed };
}
