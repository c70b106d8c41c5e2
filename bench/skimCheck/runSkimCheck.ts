/**
 * The skim check: `logout-lens analyze --json` over generated streams and
 * hand-made adversarial inputs, once as the CLI runs it (skimming) and once
 * reading every line in full (`analyzeInFull.ts`); the outputs must be the
 * same byte for byte. Run after `npx tsc -p tsconfig.bench.json`:
 *
 *   node dist-bench/bench/skimCheck/runSkimCheck.js
 *
 * SKIM_CHECK_MB (default 20) sizes each generated stream, SKIM_CHECK_SEEDS
 * (default 1,2) picks the streams, SKIM_CHECK_GIANT=1 adds a line past the
 * 32 Mi-unit cap (the full reader takes seconds on it), SKIM_CHECK_BIN
 * names the CLI to run (default the `bin.js` compiled beside this script).
 * Inputs of a case that differs are kept and named; exit code 1 then.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { adversarialCases } from './adversarialCases';
import { generatedCases } from './generatedCases';
import type { SkimCheckCase } from './SkimCheckCase';

const BIN = process.env.SKIM_CHECK_BIN ?? join(__dirname, '../../src/cli/bin.js');
const IN_FULL = join(__dirname, 'analyzeInFull.js');

function run(script: string, args: string[]): string {
  const child = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (child.status !== 0)
    throw new Error(`${script} exited ${child.status}: ${child.stderr}`);
  return child.stdout;
}

/** The first line where two outputs part, with its neighbours. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  let at = 0;
  while (at < left.length && left[at] === right[at]) at++;
  const around = (list: string[]) => list.slice(Math.max(0, at - 3), at + 3).join('\n');
  return `skimmed:\n${around(left)}\nfull:\n${around(right)}`;
}

function check(dir: string, item: SkimCheckCase, index: number): boolean {
  const caseDir = join(dir, String(index));
  mkdirSync(caseDir);
  const files = Object.entries(item.files).map(([name, content]) => {
    const path = join(caseDir, name);
    writeFileSync(path, content);
    return path;
  });
  const zone = item.timezone === undefined ? [] : ['--timezone', item.timezone];

  const started = Date.now();
  const skimmed = run(BIN, ['analyze', '--json', '--no-progress', ...zone, ...files]);
  const full = run(IN_FULL, [...zone, ...files]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { stats } = JSON.parse(full) as { stats: Record<string, number> };
  const counts = `${stats.records} records, ${stats.signals} signals`;
  if (skimmed === full) {
    process.stdout.write(`same       ${item.name} (${counts}, ${seconds} s)\n`);
    rmSync(caseDir, { recursive: true, force: true });
    return true;
  }
  process.stdout.write(`DIFFERENT  ${item.name}: inputs kept in ${caseDir}\n`);
  process.stdout.write(`${firstDifference(skimmed, full)}\n`);
  return false;
}

function main(): void {
  const megabytes = Number(process.env.SKIM_CHECK_MB ?? 20);
  const seeds = (process.env.SKIM_CHECK_SEEDS ?? '1,2').split(',').map(Number);
  const giant = process.env.SKIM_CHECK_GIANT === '1';
  const dir = mkdtempSync(join(tmpdir(), 'skim-check-'));

  const cases = [
    ...adversarialCases(giant),
    ...seeds.flatMap((seed) => generatedCases(seed, megabytes * 1e6)),
  ];
  let differing = 0;
  cases.forEach((item, index) => {
    if (!check(dir, item, index)) differing++;
  });
  process.stdout.write(`${cases.length - differing} of ${cases.length} cases the same\n`);
  if (differing === 0) rmSync(dir, { recursive: true, force: true });
  else process.exitCode = 1;
}

main();
