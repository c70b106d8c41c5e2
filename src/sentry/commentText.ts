import type { Incident } from '../model/Incident';
import { causeSentence } from '../report/causeSentence';

/** Every comment we post starts with it: how our own `comment.created` webhooks are recognised. */
export const COMMENT_MARK = '**logout-lens**';

export interface CommentLinks {
  incidentPage: string;
  sentryIssue: string | null;
}

/**
 * The note left on a source issue: which incident its events were evidence
 * of, the cause, the trigger, how many users that root cause hit, and links.
 */
export function commentText(
  incident: Incident,
  affectedUsers: number,
  links: CommentLinks,
): string {
  const frames = incident.trigger?.frames ?? [];
  const trigger =
    frames.length === 0
      ? 'none logged'
      : frames
          .map(
            (frame) =>
              `\`${frame.file}\` in \`${frame.function}\`${frame.line === null ? '' : ` (line ${frame.line})`}`,
          )
          .join(' → ');

  return [
    `${COMMENT_MARK}: events of this issue are evidence of logout incident \`${incident.id}\` (user ${incident.user}, ${incident.status}).`,
    '',
    `- Cause: \`${incident.cause}\`: ${causeSentence(incident.cause)}`,
    `- Trigger: ${trigger}`,
    `- Users hit by this root cause so far: ${affectedUsers}`,
    ...(links.sentryIssue ? [`- Incident issue in Sentry: ${links.sentryIssue}`] : []),
    `- Incident in logout-lens: ${links.incidentPage}`,
  ].join('\n');
}

/** Whether a comment text is one of ours, for incident `incidentId` when given. */
export function isOwnComment(text: string, incidentId?: string): boolean {
  if (!text.startsWith(COMMENT_MARK)) return false;
  return incidentId === undefined || text.includes(`incident \`${incidentId}\``);
}
