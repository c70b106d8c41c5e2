import { join } from 'node:path';
import { rmSync } from 'node:fs';

import { writeStream } from '../generateStream';
import { heading, line, mb, ms, ratio, rss } from './formatFigures';
import { runMeasured } from './runMeasured';

export interface AnalyzeFigures {
  bytes: number;
  lines: number;
  grepMs: number;
  scanMs: number;
  readerMs: number;
  readerRssKb: number | null;
  analyzeMs: number;
  analyzeRssKb: number | null;
}

const GREP_PATTERN = '\\[(SESSION|REVOKE|USER_SAVE|ADMIN)';
/** Fast baselines vary run to run: the median of a few runs is steadier. */
const BASELINE_RUNS = 3;

async function median(run: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < BASELINE_RUNS; i++) times.push(await run());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * One generated Heroku stream of about `targetBytes`, then, over that same
 * file with a warm page cache: grep's count of session lines, a bare Buffer
 * newline scan, our reader alone, and `logout-lens analyze --json`.
 */
export async function analyzeBench(
  dir: string,
  targetBytes: number,
  out: (text: string) => void,
): Promise<AnalyzeFigures> {
  const path = join(dir, `heroku-${Math.round(targetBytes / 1e6)}mb.log`);
  // Compiled into dist-bench/bench/perf: the compiled tree's root is two up.
  const dist = join(__dirname, '..', '..');
  const node = process.execPath;
  try {
    const started = Date.now();
    const written = await writeStream(path, 'heroku', {
      seed: 1,
      targetBytes,
      truthPath: null,
    });
    const counted = await runMeasured('grep', ['-c', '', path], { keepStdout: true });
    const lines = Number.parseInt(counted.stdout, 10);
    out(heading(`analyze, Heroku stream of ${mb(written.bytes)}`));
    out(line('generated', `${lines} lines in ${ms(Date.now() - started)}`));

    const grepArgs = ['-cE', GREP_PATTERN, path];
    // Its output must be a pipe: GNU grep stops at the first match when writing to /dev/null.
    const grepMs = await median(
      async () => (await runMeasured('grep', grepArgs, { keepStdout: true })).wallMs,
    );
    const scanArgs = [join(dist, 'bench/perf/newlineScan.js'), path];
    const scanMs = await median(async () => (await runMeasured(node, scanArgs)).wallMs);
    const reader = await runMeasured(node, [
      join(dist, 'bench/perf/readerPass.js'),
      path,
    ]);
    const analyze = await runMeasured(node, [
      join(dist, 'src/cli/bin.js'),
      'analyze',
      '--json',
      '--no-progress',
      path,
    ]);

    const figures: AnalyzeFigures = {
      bytes: written.bytes,
      lines,
      grepMs,
      scanMs,
      readerMs: reader.wallMs,
      readerRssKb: reader.peakRssKb,
      analyzeMs: analyze.wallMs,
      analyzeRssKb: analyze.peakRssKb,
    };
    printFigures(figures, out);
    return figures;
  } finally {
    rmSync(path, { force: true });
  }
}

function printFigures(f: AnalyzeFigures, out: (text: string) => void): void {
  const perSecond = (count: number, wallMs: number) => (count / wallMs) * 1000;
  out(line('grep -cE (baseline, median of 3)', ms(f.grepMs)));
  out(
    line(
      'Buffer newline scan (median of 3)',
      `${ms(f.scanMs)}  ${ratio(f.scanMs / f.grepMs)} grep`,
    ),
  );
  out(
    line(
      'reader throughput',
      `${(perSecond(f.bytes, f.readerMs) / 1e6).toFixed(1)} MB/s  ` +
        `${Math.round(perSecond(f.lines, f.readerMs))} lines/s`,
    ),
  );
  out(
    line(
      'reader only (split, no analysis)',
      `${ms(f.readerMs)}  ${ratio(f.readerMs / f.grepMs)} grep  peak RSS ${rss(f.readerRssKb)}`,
    ),
  );
  out(
    line(
      'analyze --json',
      `${ms(f.analyzeMs)}  ${ratio(f.analyzeMs / f.grepMs)} grep  ${ratio(f.analyzeMs / f.readerMs)} reader`,
    ),
  );
  // What analyze adds to the reader: the engine, start-up of the CLI and the report.
  const engineMs = f.analyzeMs - f.readerMs;
  out(
    line(
      'analyze - reader (engine, report)',
      `${ms(engineMs)}  ${ratio(engineMs / f.grepMs)} grep  ${ratio(engineMs / f.analyzeMs)} analyze`,
    ),
  );
  out(
    line(
      'analyze throughput',
      `${(perSecond(f.bytes, f.analyzeMs) / 1e6).toFixed(1)} MB/s  ` +
        `${Math.round(perSecond(f.lines, f.analyzeMs))} lines/s`,
    ),
  );
  out(line('analyze peak RSS', rss(f.analyzeRssKb)));
}
