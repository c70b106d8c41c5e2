/** The tags the Django app logs (SPEC §2). */
export const SESSION_TAGS = [
  'SESSION_REFRESH',
  'SESSION_REFRESH_FAILED',
  'SESSION_DEBUG',
  'SESSION_CREATED',
  'SESSION_DEACTIVATED',
  'REVOKE_ALL_SESSIONS',
  'USER_SAVE',
  'ADMIN_CREATE_APPOINTMENT',
] as const;

/**
 * The issue search of a time-range re-analysis when none is given: a raw
 * search (a CONTAINS match on title and message) that every `[SESSION_*]`
 * and `[REVOKE_ALL_SESSIONS]` line passes. One plain term, because boolean
 * operators are not accepted by every Sentry version's issue search; the
 * titles are then checked against the whole tag list.
 */
export const SESSION_ISSUE_QUERY = 'SESSION';

const TAG_IN_TITLE = new RegExp(`\\[(?:${SESSION_TAGS.join('|')})\\]`);

/** Whether a Sentry issue's title is one of the app's session lines. */
export function isSessionIssueTitle(title: unknown): boolean {
  return typeof title === 'string' && TAG_IN_TITLE.test(title);
}

/** A session issue named by an issue webhook. */
export interface SessionIssue {
  id: string;
  /** ISO time of its last event, when the webhook says. */
  lastSeen: string | null;
}

/** The session issue an `issue.created` / `issue.unresolved` webhook names, if it is one. */
export function sessionIssue(
  resource: string,
  action: string,
  data: Record<string, unknown>,
): SessionIssue | null {
  if (resource !== 'issue' || (action !== 'created' && action !== 'unresolved'))
    return null;
  const issue = data.issue as
    { id?: unknown; title?: unknown; lastSeen?: unknown } | undefined;
  if (!isSessionIssueTitle(issue?.title)) return null;
  const id = issue?.id;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  const lastSeen = typeof issue?.lastSeen === 'string' ? issue.lastSeen : null;
  return { id: String(id), lastSeen };
}
