import { join } from 'node:path';

import type { BenchSizes } from './benchSizes';
import { heading, line, ms, rss } from './formatFigures';
import { runMeasured } from './runMeasured';

export interface EngineFigures {
  signals: number;
  users: number;
  incidents: number;
  engineMs: number;
  generateMs: number;
  peakRssKb: number;
  baseRssKb: number;
}

/** The incident engine alone, in a child process so its peak RSS is its own. */
export async function engineBench(
  sizes: BenchSizes,
  out: (text: string) => void,
): Promise<EngineFigures> {
  const script = join(__dirname, 'engineChild.js');
  const run = await runMeasured(
    process.execPath,
    [script, String(sizes.engineSignals), String(sizes.engineUsers)],
    { keepStdout: true },
  );
  const child = JSON.parse(run.stdout) as {
    users: number;
    signals: number;
    incidents: number;
    generateMs: number;
    totalMs: number;
    rssBeforeKb: number;
    peakRssKb: number;
  };
  const figures: EngineFigures = {
    signals: child.signals,
    users: child.users,
    incidents: child.incidents,
    engineMs: child.totalMs - child.generateMs,
    generateMs: child.generateMs,
    peakRssKb: child.peakRssKb,
    baseRssKb: child.rssBeforeKb,
  };

  out(
    heading(
      `incident engine alone, ${figures.signals} signals over ${figures.users} users`,
    ),
  );
  out(line('making the signals (baseline)', ms(figures.generateMs)));
  out(line('engine time (total - baseline)', ms(figures.engineMs)));
  out(line('signals/s', `${Math.round((figures.signals / figures.engineMs) * 1000)}`));
  out(line('incidents', String(figures.incidents)));
  out(
    line(
      'peak RSS',
      `${rss(figures.peakRssKb)} (${rss(figures.baseRssKb)} before the engine ran)`,
    ),
  );
  return figures;
}
