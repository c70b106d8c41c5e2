import { createHash } from 'node:crypto';

/** The short tag value that names a fingerprint in Sentry (tag values stop at 200 chars). */
export function fingerprintTag(fingerprint: string): string {
  return createHash('sha256').update(fingerprint).digest('hex').slice(0, 16);
}

/**
 * A link to the Sentry issue that holds a fingerprint's incident events: a
 * search on the `logout.group` tag every incident event carries. The intake
 * never says which issue an event joined, so this is the link that works
 * before and after Sentry groups it.
 */
export function sentryIssueSearchUrl(
  sentryUrl: string,
  org: string,
  fingerprint: string,
): string {
  const query = encodeURIComponent(`logout.group:${fingerprintTag(fingerprint)}`);
  return `${sentryUrl}/organizations/${encodeURIComponent(org)}/issues/?query=${query}`;
}
