import { createHash } from 'node:crypto';

import type { WritebackConfig } from '../config/serviceConfig';
import type { Incident } from '../model/Incident';
import type { IncidentLinks } from '../links/createIncidentLinks';
import { commentText } from '../sentry/commentText';
import { incidentEvent } from '../sentry/incidentEvent';
import type { SlackNote } from '../slack/SlackNote';
import { incidentVersion } from './incidentVersion';
import { sentryIssueSearchUrl } from './sentryIssueSearchUrl';
import type { NewWriteback } from './Writeback';

export interface WritebackPlan {
  writebacks: NewWriteback[];
  slackNotes: SlackNote[];
}

/** What the planner needs of every incident an analysis produced: who, and which group. */
export type ProducedIncident = Pick<Incident, 'user' | 'fingerprint' | 'superseded_by'>;

export interface WritebackPlanner {
  /**
   * The write-backs of the incidents an analysis wrote (new or changed),
   * given every incident it produced.
   */
  plan(changed: Incident[], produced: ProducedIncident[]): WritebackPlan;
}

/** What a `sentry_event` write-back carries. */
export interface SentryEventPayload {
  eventId: string;
  event: ReturnType<typeof incidentEvent>;
}

/** What a `sentry_comment` write-back carries. */
export interface SentryCommentPayload {
  issueId: string;
  incidentId: string;
  text: string;
}

export interface WritebackPlannerOptions {
  config: WritebackConfig;
  links: IncidentLinks;
  now: () => Date;
}

/**
 * Decides what each new or changed incident owes its targets: one Sentry
 * event per version (not for expected revocations unless
 * `SENTRY_REPORT_EXPECTED`), one comment per source issue (ever), and a note
 * for the Slack feed (which groups notes into messages later). Superseded
 * incidents owe nothing. Payloads are rendered now, so a retry sends the
 * same bytes.
 */
export function createWritebackPlanner(
  options: WritebackPlannerOptions,
): WritebackPlanner {
  const { config, links } = options;
  const commenting = config.sentryAuthToken !== null && config.sentryOrg !== null;
  const anyTarget =
    config.incidentsDsn !== null || commenting || config.slackWebhookUrl !== null;

  return {
    plan(changed, produced) {
      // Versions and links cost a hash of each changed incident, on the
      // thread that answers webhooks: not worth paying for nothing.
      if (!anyTarget) return { writebacks: [], slackNotes: [] };
      const nowMs = options.now().getTime();
      const current = changed.filter((incident) => !incident.superseded_by);
      if (current.length === 0) return { writebacks: [], slackNotes: [] };

      const usersByFingerprint = new Map<string, Set<string>>();
      for (const incident of produced) {
        if (incident.superseded_by) continue;
        const users = usersByFingerprint.get(incident.fingerprint) ?? new Set<string>();
        users.add(incident.user);
        usersByFingerprint.set(incident.fingerprint, users);
      }

      const writebacks: NewWriteback[] = [];
      const slackNotes: SlackNote[] = [];
      for (const incident of current) {
        const version = incidentVersion(incident);
        const reportable =
          incident.cause !== 'expected_revocation' || config.reportExpected;
        const page = links.urlFor(incident.id);
        const sentryIssue =
          config.incidentsDsn !== null && config.sentryOrg !== null && reportable
            ? sentryIssueSearchUrl(
                config.sentryApiUrl,
                config.sentryOrg,
                incident.fingerprint,
              )
            : null;

        if (config.incidentsDsn !== null && reportable) {
          const frames = (incident.trigger?.frames ?? []).map((frame) => ({
            file: frame.file,
            function: frame.function,
            line: frame.line,
            absPath: frame.abs_path,
            code: frame.code,
          }));
          const payload: SentryEventPayload = {
            eventId: eventIdOf(incident.id, version),
            event: incidentEvent(incident, frames, { incidentPage: page }),
          };
          writebacks.push({
            target: 'sentry_event',
            key: `sentry_event:${incident.id}:${version}`,
            incidentIds: [incident.id],
            payload,
            notBeforeMs: nowMs,
          });
        }

        if (commenting) {
          const affected = usersByFingerprint.get(incident.fingerprint)?.size ?? 1;
          for (const issueId of sourceIssueIds(incident)) {
            const payload: SentryCommentPayload = {
              issueId,
              incidentId: incident.id,
              text: commentText(incident, affected, { incidentPage: page, sentryIssue }),
            };
            writebacks.push({
              target: 'sentry_comment',
              key: `sentry_comment:${incident.id}:${issueId}`,
              incidentIds: [incident.id],
              payload,
              notBeforeMs: nowMs,
            });
          }
        }

        if (config.slackWebhookUrl !== null && reportable) {
          slackNotes.push({
            incidentId: incident.id,
            version,
            fingerprint: incident.fingerprint,
            user: incident.user,
            notedAtMs: nowMs,
          });
        }
      }
      return { writebacks, slackNotes };
    },
  };
}

/** The Sentry issues whose events (as the event or a breadcrumb) carried the incident's signals. */
export function sourceIssueIds(incident: Incident): string[] {
  const ids = incident.signals
    .map((signal) => signal.issueId)
    .filter((id): id is string => typeof id === 'string' && id !== '');
  return [...new Set(ids)].sort();
}

/**
 * One event id per incident version: a retry after a lost answer sends the
 * same id, and Sentry keeps one event per id.
 */
function eventIdOf(incidentId: string, version: string): string {
  return createHash('sha256')
    .update(`${incidentId}:${version}`)
    .digest('hex')
    .slice(0, 32);
}
