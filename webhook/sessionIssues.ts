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
