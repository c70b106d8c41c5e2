/**
 * Child process of the bench: the incident engine alone over generated
 * session signals. Prints JSON: the time to make the signals (a pass that
 * drops them), the time to make and push them, and this process's peak RSS.
 */
import { analysisSettingsSchema } from '../../src/config/analysisSettingsSchema';
import { IncidentEngine } from '../../src/engine/IncidentEngine';
import { sessionSignals } from './sessionSignals';

function main(count: number, users: number): void {
  let started = process.hrtime.bigint();
  let made = 0;
  for (const record of sessionSignals(count, users)) if (record.time !== null) made++;
  const generateMs = Number(process.hrtime.bigint() - started) / 1e6;
  const rssBeforeKb = process.resourceUsage().maxRSS;

  const seen = { users: 0 };
  const engine = new IncidentEngine(analysisSettingsSchema.parse({}));
  started = process.hrtime.bigint();
  for (const record of sessionSignals(count, users, seen)) engine.push(record);
  const result = engine.finish();
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;

  process.stdout.write(
    `${JSON.stringify({
      made,
      users: seen.users,
      signals: result.stats.signals,
      incidents: result.incidents.length,
      generateMs,
      totalMs,
      rssBeforeKb,
      peakRssKb: process.resourceUsage().maxRSS,
    })}\n`,
  );
}

main(Number(process.argv[2]), Number(process.argv[3]));
