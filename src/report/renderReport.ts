import type { AnalysisResult, Incident } from '../model/Incident';
import { causeSentence } from './causeSentence';

/**
 * The human-readable report: incidents grouped by fingerprint (one root
 * cause per group), most users first, each with its cause in a sentence, the
 * trigger frames, who and when, and every incident's timeline.
 */
export function renderReport(result: AnalysisResult): string {
  const { incidents, stats } = result;
  const counts =
    `${stats.records} records, ${stats.signals} session signals, ` +
    `${stats.skipped_lines} skipped lines, ${stats.userless_refusals} refusals naming no user`;
  if (incidents.length === 0) return `No logout incidents found (${counts}).\n`;

  const groups = groupByFingerprint(incidents);
  const lines: string[] = [
    `${incidents.length} logout incident(s) in ${groups.length} group(s) (${counts}).`,
    '',
  ];

  groups.forEach((group, index) => {
    const first = group[0]!;
    const users = new Set(group.map((incident) => incident.user));
    const span = timeSpan(group);
    lines.push(`#${index + 1} ${first.title}`);
    lines.push(`   cause: ${first.cause} - ${causeSentence(first.cause)}`);
    lines.push(`   fingerprint: ${first.fingerprint}`);
    lines.push(
      `   ${users.size} user(s), ${group.length} incident(s)${span ? `, ${span}` : ''}`,
    );
    if (first.trigger && first.trigger.frames.length > 0) {
      lines.push(`   trigger${first.trigger.truncated ? ' (stack cut short)' : ''}:`);
      for (const frame of first.trigger.frames) {
        lines.push(
          `     ${frame.file}${frame.line === null ? '' : `:${frame.line}`} in ${frame.function}`,
        );
      }
    }
    for (const incident of group) lines.push(...renderIncident(incident));
    lines.push('');
  });

  if (stats.userless_refusals > 0) {
    lines.push(
      `${stats.userless_refusals} refused refresh(es) named no user (a blacklisted token is ` +
        'refused before the app logs it): counted, not attributed.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function renderIncident(incident: Incident): string[] {
  const lines = [`   - ${incident.user} [${incident.status}] ${incident.id}`];
  if (incident.action) {
    const actor = incident.action.actor ? ` by ${incident.action.actor}` : '';
    const detail = incident.action.detail ? ` (${incident.action.detail})` : '';
    lines.push(`     during ${incident.action.tag}${actor}${detail}`);
  }
  for (const gap of incident.evidence_gaps) lines.push(`     missing: ${gap}`);
  for (const signal of incident.signals) {
    const at = signal.at ?? '(no time)';
    const source = signal.source ? ` ${signal.source}` : '';
    lines.push(`     ${at}${source} ${truncate(signal.message, 160)}`);
  }
  return lines;
}

function groupByFingerprint(incidents: Incident[]): Incident[][] {
  const groups = new Map<string, Incident[]>();
  for (const incident of incidents) {
    const group = groups.get(incident.fingerprint) ?? [];
    group.push(incident);
    groups.set(incident.fingerprint, group);
  }
  return [...groups.values()].sort(
    (a, b) => new Set(b.map((i) => i.user)).size - new Set(a.map((i) => i.user)).size,
  );
}

function timeSpan(group: Incident[]): string | null {
  const first = group
    .map((i) => i.first_seen)
    .filter((t): t is string => t !== null)
    .sort()[0];
  const last = group
    .map((i) => i.last_seen)
    .filter((t): t is string => t !== null)
    .sort()
    .at(-1);
  if (!first || !last) return null;
  return first === last ? `at ${first}` : `from ${first} to ${last}`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
