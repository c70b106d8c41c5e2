import type { IncomingWebhookSendArguments } from '@slack/webhook';

import type { Incident } from '../model/Incident';
import { causeSentence } from '../report/causeSentence';
import {
  codeSection,
  type KnownBlock,
  section,
  slackLink,
  slackText,
  withinBlockLimit,
} from './slackBlocks';

export interface SlackMessageLinks {
  /** Signed link to the incident's page in logout-lens. */
  incidentPage: string;
  /** The root cause's issue in Sentry, when incident events go there. */
  sentryIssue: string | null;
}

export interface DigestCounts {
  incidents: number;
  newIncidents: number;
  users: number;
  sinceIso: string;
}

/** The first message about a fingerprint: what happened, where in the code, to whom first. */
export function firstSeenMessage(
  incident: Incident,
  counts: { incidents: number; users: number },
  links: SlackMessageLinks,
): IncomingWebhookSendArguments {
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: `New logout cause: ${incident.cause}`.slice(0, 150),
      },
    },
    section(
      `*${slackText(incident.title)}*\n${slackText(causeSentence(incident.cause))}`,
    ),
  ];

  const frames = incident.trigger?.frames ?? [];
  if (frames.length > 0) {
    const lines = frames.map(
      (frame) =>
        `${frame.file}${frame.line === null ? '' : `:${frame.line}`} in ${frame.function}`,
    );
    const truncated = incident.trigger?.truncated ? ' (stack cut short)' : '';
    blocks.push(codeSection(`Trigger, outermost first${truncated}`, lines));
  }

  blocks.push(
    section(
      [
        `*First user:* ${slackText(incident.user)}`,
        `*First seen:* ${slackText(incident.first_seen ?? 'unknown')}`,
        `*So far:* ${plural(counts.incidents, 'incident')} · ${plural(counts.users, 'user')}`,
        ...(incident.action ? [`*Action:* ${slackText(describeAction(incident))}`] : []),
      ].join('\n'),
    ),
    section(linkLine(links)),
  );

  return {
    text: slackText(`New logout cause: ${incident.title}`),
    blocks: withinBlockLimit(blocks),
  };
}

/** A later message about a fingerprint: how much more happened since the last one. */
export function digestMessage(
  incident: Incident,
  counts: DigestCounts,
  links: SlackMessageLinks,
): IncomingWebhookSendArguments {
  const changed = counts.incidents - counts.newIncidents;
  const what = [
    counts.newIncidents > 0 ? `${plural(counts.newIncidents, 'new incident')}` : null,
    changed > 0 ? `${plural(changed, 'updated incident')}` : null,
  ]
    .filter(Boolean)
    .join(' and ');
  const summary = `${what} (${plural(counts.users, 'user')}) since ${counts.sinceIso}`;

  return {
    text: slackText(`Still happening: ${incident.title}: ${summary}`),
    blocks: withinBlockLimit([
      section(`*Still happening:* ${slackText(incident.title)}\n${slackText(summary)}`),
      section(linkLine(links)),
    ]),
  };
}

function linkLine(links: SlackMessageLinks): string {
  return [
    slackLink(links.incidentPage, 'Open in logout-lens'),
    ...(links.sentryIssue ? [slackLink(links.sentryIssue, 'Sentry issue')] : []),
  ].join(' · ');
}

function describeAction(incident: Incident): string {
  const action = incident.action;
  if (!action) return '';
  return [action.tag, action.actor ? `by ${action.actor}` : null, action.detail]
    .filter(Boolean)
    .join(' ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
