import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';

import { runCli } from '../../src/cli/runCli';
import type { AnalysisResult } from '../../src/model/Incident';
import type { TruthIncident } from '../helpers/scoreIncidents';
import { scoreIncidents } from '../helpers/scoreIncidents';

const SAMPLES = join(__dirname, '../../../shared/samples/generated');
const truth = JSON.parse(
  readFileSync(join(SAMPLES, 'truth.json'), 'utf8'),
) as TruthIncident[];

async function analyzeJson(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['analyze', '--json', ...args], {
    stdin: new PassThrough(),
    stdout: new Writable({ write: (chunk, _enc, done) => ((out += chunk), done()) }),
    stderr: new Writable({ write: (chunk, _enc, done) => ((err += chunk), done()) }),
    env: {},
    cwd: __dirname,
  });
  return { code, err, result: code === 0 ? (JSON.parse(out) as AnalysisResult) : null };
}

/** Every sample shape beside truth.json, so that a new one is tested too. */
const SHAPES = readdirSync(SAMPLES)
  .filter((file) => file !== 'truth.json')
  .sort();

describe('the shared samples through `analyze --json`', () => {
  test.each(SHAPES)('%s yields exactly the incidents of truth.json', async (file) => {
    const { code, err, result } = await analyzeJson([join(SAMPLES, file)]);

    expect(err).toBe('');
    expect(code).toBe(0);
    expect(scoreIncidents(truth, result!.incidents)).toEqual([]);
  });

  test('all eight shapes given together merge into the same incidents', async () => {
    const { code, result } = await analyzeJson(SHAPES.map((file) => join(SAMPLES, file)));

    expect(code).toBe(0);
    expect(scoreIncidents(truth, result!.incidents)).toEqual([]);
  });
});
