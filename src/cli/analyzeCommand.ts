import { statSync } from 'node:fs';

import { SingleBar } from 'cli-progress';

import { loadAnalysisSettings } from '../config/loadAnalysisSettings';
import { IncidentEngine } from '../engine/IncidentEngine';
import type { AnalysisSettings } from '../model/Settings';
import { readInputs } from '../readers/readInputs';
import type { InputFormat } from '../readers/InputFormat';
import { jsonReportPieces } from '../report/jsonReportPieces';
import { renderReport } from '../report/renderReport';
import type { CliIo } from './CliIo';
import { OutputError } from './OutputError';
import { writePieces } from './writePieces';

export interface AnalyzeOptions {
  json?: boolean;
  format?: InputFormat;
  config?: string;
  progress?: boolean;
  raceWindowSeconds?: number;
  lookbackHours?: number;
  expectedTriggers?: string[];
  machineryFunctions?: string[];
  appRoot?: string;
  timezone?: string;
  /**
   * Internal, not a flag: false reads every line in full. Skimming must not
   * change the output; the differential tests compare both ways.
   */
  skim?: boolean;
}

/** Progress is worth drawing only for inputs that take a while to read. */
const PROGRESS_MIN_BYTES = 32 * 1024 * 1024;

/**
 * `logout-lens analyze [FILE ... | -]`: streams the inputs through the
 * engine and prints the report, or SPEC §6 JSON with `--json`.
 */
export async function analyzeCommand(
  files: string[],
  options: AnalyzeOptions,
  io: CliIo,
) {
  const settings: AnalysisSettings = loadAnalysisSettings({
    cwd: io.cwd,
    env: io.env,
    configPath: options.config,
    overrides: {
      raceWindowSeconds: options.raceWindowSeconds,
      lookbackHours: options.lookbackHours,
      expectedTriggers: options.expectedTriggers,
      machineryFunctions: options.machineryFunctions,
      appRoot: options.appRoot,
      timezone: options.timezone,
    },
  });

  const inputs = files.length > 0 ? files : ['-'];
  const bar = progressBar(inputs, options, io);
  const { batches, stats } = readInputs(
    inputs.map((name) =>
      name === '-' ? { name: '-', stream: io.stdin } : { name, path: name },
    ),
    {
      format: options.format,
      timezone: settings.timezone,
      lookbackHours: settings.lookbackHours,
      stdin: io.stdin,
      onProgress: bar ? (bytes: number) => bar.update(bytes) : undefined,
      // The engine reads only signals: the rest is counted, never decoded.
      skim: options.skim ?? true,
    },
  );

  const engine = new IncidentEngine(settings);
  try {
    for await (const batch of batches) for (const record of batch) engine.push(record);
  } finally {
    bar?.stop();
  }
  engine.addSkippedLines(stats.skippedLines);
  const result = engine.finish();

  const report = options.json ? jsonReportPieces(result) : [renderReport(result)];
  try {
    await writePieces(io.stdout, report);
  } catch (error) {
    // `| head`: the reader took what it wanted and closed the pipe.
    if (error instanceof OutputError && error.code === 'EPIPE') return;
    throw error;
  }
}

function progressBar(
  inputs: string[],
  options: AnalyzeOptions,
  io: CliIo,
): SingleBar | null {
  if (options.progress === false || !io.stderr.isTTY) return null;
  let total = 0;
  for (const input of inputs) {
    if (input === '-') return null;
    try {
      total += statSync(input).size;
    } catch {
      return null;
    }
  }
  if (total < PROGRESS_MIN_BYTES) return null;

  const bar = new SingleBar({
    stream: io.stderr,
    format: 'reading {bar} {percentage}% | {value}/{total} bytes | eta {eta}s',
    hideCursor: true,
  });
  bar.start(total, 0);
  return bar;
}
