import { createHash } from 'node:crypto';

import type { WritebackConfig } from '../config/serviceConfig';
import type { IncidentLinks } from '../links/createIncidentLinks';
import type { Logger } from '../logging/createLogger';
import type { Incident } from '../model/Incident';
import type { IncidentStore, WritebackStore } from '../store/Store';
import { sentryIssueSearchUrl } from '../writeback/sentryIssueSearchUrl';
import { digestMessage, firstSeenMessage } from './slackMessages';
import type { SlackFeedState, SlackNote } from './SlackNote';

export interface SlackPlannerOptions {
  store: Pick<IncidentStore, 'getIncident'> &
    Pick<
      WritebackStore,
      'pendingSlackNotes' | 'slackFeeds' | 'recordSlackMessage' | 'dropSlackNotes'
    >;
  config: WritebackConfig;
  links: IncidentLinks;
  logger: Logger;
  now: () => Date;
}

/**
 * Turns waiting Slack notes into messages, per fingerprint, the way
 * Alertmanager groups alerts: the first message waits `SLACK_GROUP_WAIT`
 * after the fingerprint's first note (so a burst is one message); later
 * messages wait `SLACK_GROUP_INTERVAL` after the last one when new incidents
 * joined, `SLACK_REPEAT_INTERVAL` when known ones only changed. Each message
 * is stored as a write-back with its notes in one step; the outbox sends it.
 *
 * @returns a function to call on every outbox tick.
 */
export function createSlackPlanner(options: SlackPlannerOptions): () => Promise<void> {
  const { config, store } = options;
  const log = options.logger.child({ part: 'slack-feed' });

  return async function planSlackMessages() {
    const notes = await store.pendingSlackNotes();
    if (notes.length === 0) return;

    const feeds = await store.slackFeeds();
    const nowMs = options.now().getTime();
    for (const [fingerprint, group] of groupBy(notes, (note) => note.fingerprint)) {
      const feed = feeds.get(fingerprint) ?? null;
      if (nowMs < dueAtMs(group, feed)) continue;

      const incidents = (
        await Promise.all(uniqueIds(group).map((id) => store.getIncident(id)))
      ).filter((incident): incident is Incident => incident !== null);
      const lead = incidents.find((incident) => !incident.superseded_by) ?? incidents[0];
      if (!lead) {
        // A re-analysis removed every incident noted: nothing to tell, ever.
        // Closed now, or each pass would read them again.
        await store.dropSlackNotes(group);
        log.debug(
          { fingerprint, notes: group.length },
          'slack notes closed: their incidents are gone',
        );
        continue;
      }

      const links = {
        incidentPage: options.links.urlFor(lead.id),
        sentryIssue:
          config.incidentsDsn !== null && config.sentryOrg !== null
            ? sentryIssueSearchUrl(config.sentryApiUrl, config.sentryOrg, fingerprint)
            : null,
      };
      const users = new Set(group.map((note) => note.user)).size;
      const ids = uniqueIds(group);
      const message =
        feed === null
          ? firstSeenMessage(
              firstIncident(incidents),
              { incidents: ids.length, users },
              links,
            )
          : digestMessage(
              lead,
              {
                incidents: ids.length,
                newIncidents: uniqueIds(group.filter((note) => !note.announcedBefore))
                  .length,
                users,
                sinceIso: new Date(
                  feed.lastMessageAtMs ?? feed.firstNotedAtMs,
                ).toISOString(),
              },
              links,
            );

      const sequence = (feed?.messages ?? 0) + 1;
      await store.recordSlackMessage({
        fingerprint,
        notes: group,
        atMs: nowMs,
        writeback: {
          target: 'slack',
          key: `slack:${shortHash(fingerprint)}:${sequence}`,
          incidentIds: ids,
          payload: message,
          notBeforeMs: nowMs,
        },
      });
      log.debug(
        { fingerprint, sequence, incidents: ids.length, kind: feed ? 'digest' : 'first' },
        'slack message planned',
      );
    }
  };

  function dueAtMs(group: SlackNote[], feed: SlackFeedState | null): number {
    if (feed === null || feed.lastMessageAtMs === null) {
      return Math.min(...group.map((note) => note.notedAtMs)) + config.slackGroupWaitMs;
    }
    const anyNew = group.some((note) => !note.announcedBefore);
    return (
      feed.lastMessageAtMs +
      (anyNew ? config.slackGroupIntervalMs : config.slackRepeatIntervalMs)
    );
  }
}

function firstIncident(incidents: Incident[]): Incident {
  const sorted = [...incidents].sort((a, b) =>
    (a.first_seen ?? '\uffff').localeCompare(b.first_seen ?? '\uffff'),
  );
  return sorted[0] as Incident;
}

function uniqueIds(notes: SlackNote[]): string[] {
  return [...new Set(notes.map((note) => note.incidentId))];
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const list = groups.get(name);
    if (list) list.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
