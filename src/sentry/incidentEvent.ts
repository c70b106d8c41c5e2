import type { Event, SeverityLevel } from '@sentry/core';

import type { Cause, Incident } from '../model/Incident';
import { fingerprintTag } from '../writeback/sentryIssueSearchUrl';
import type { TriggerFrame } from '../writeback/TriggerFrame';

export interface IncidentEventLinks {
  /** The signed link to the incident's page in logout-lens. */
  incidentPage: string;
}

// Sentry cuts tag values at 200 characters.
const MAX_TAG = 200;
// A long incident keeps its newest lines; Sentry trims big contexts anyway.
const MAX_TIMELINE = 200;

const levels: Record<Cause, SeverityLevel> = {
  backend_revocation: 'error',
  expected_revocation: 'info',
  rotation_race: 'warning',
  stale_token: 'warning',
  unexplained: 'warning',
};

// The exception type shows as the start of the Sentry issue's title.
const exceptionTypes: Record<Cause, string> = {
  backend_revocation: 'BackendRevocation',
  expected_revocation: 'ExpectedRevocation',
  rotation_race: 'RotationRace',
  stale_token: 'StaleToken',
  unexplained: 'UnexplainedLogout',
};

/**
 * The Sentry event of one incident version. Its fingerprint is the incident's,
 * so every incident of one root cause lands in one Sentry issue; the trigger
 * frames become a stack trace (oldest call first, as Sentry wants them).
 */
export function incidentEvent(
  incident: Incident,
  frames: TriggerFrame[],
  links: IncidentEventLinks,
): Event {
  const outermost = frames[0];
  const trigger = outermost ? `${outermost.file} in ${outermost.function}` : 'none';

  const event: Event = {
    message: incident.title,
    level: levels[incident.cause],
    logger: 'logout-lens',
    platform: 'python',
    fingerprint: ['logout-lens', incident.fingerprint],
    tags: {
      'logout.cause': incident.cause,
      'logout.status': incident.status,
      'logout.trigger': trigger.slice(0, MAX_TAG),
      'logout.incident': incident.id,
      'logout.group': fingerprintTag(incident.fingerprint),
    },
    user: { id: incident.user },
    contexts: {
      logout_incident: {
        id: incident.id,
        cause: incident.cause,
        status: incident.status,
        fingerprint: incident.fingerprint,
        user: incident.user,
        first_seen: incident.first_seen,
        last_seen: incident.last_seen,
        link: links.incidentPage,
        action: incident.action
          ? [incident.action.tag, incident.action.actor, incident.action.detail]
              .filter(Boolean)
              .join(' · ')
          : null,
        sessions: incident.sessions.map(
          (session) => `session ${session.id ?? '?'} · JTI ${session.jti ?? '?'}`,
        ),
        evidence_gaps: incident.evidence_gaps,
        trigger_truncated: incident.trigger?.truncated ?? false,
        source_events: sourceEventLinks(incident),
        timeline: incident.signals
          .slice(-MAX_TIMELINE)
          .map(
            (signal) =>
              `${signal.at ?? 'no time'} ${signal.source ? `[${signal.source}] ` : ''}${signal.message}`,
          ),
      },
    },
  };

  if (frames.length > 0) {
    event.exception = {
      values: [
        {
          type: exceptionTypes[incident.cause],
          value: incident.title,
          mechanism: { type: 'logout-lens', handled: true },
          stacktrace: {
            frames: frames.map((frame) => ({
              filename: frame.file,
              abs_path: frame.absPath ?? frame.file,
              function: frame.function,
              ...(frame.line === null ? {} : { lineno: frame.line }),
              ...(frame.code ? { context_line: frame.code } : {}),
              in_app: true,
              platform: 'python',
            })),
          },
        },
      ],
    };
  }
  return event;
}

/** The Sentry events whose message or breadcrumbs carried the incident's signals. */
export function sourceEventLinks(incident: Incident): string[] {
  const links = incident.signals
    .map((signal) => signal.webUrl ?? (signal.eventId ? `event ${signal.eventId}` : null))
    .filter((link): link is string => link !== null);
  return [...new Set(links)];
}
