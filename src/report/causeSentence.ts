import type { Cause } from '../model/Incident';

/** One plain sentence per cause, for people reading the report or a Slack message. */
export function causeSentence(cause: Cause): string {
  switch (cause) {
    case 'backend_revocation':
      return 'Server code revoked these users’ sessions on a path that is not a logout or a password change.';
    case 'expected_revocation':
      return 'Sessions were revoked by an expected path (a logout or a password change).';
    case 'rotation_race':
      return 'Two tabs or parallel requests refreshed the same token at once; the loser’s token had just been rotated.';
    case 'stale_token':
      return 'A client refreshed with a token rotated long before (a lost response or a restored tab).';
    case 'unexplained':
      return 'A refresh failed and the logs hold no revocation or rotation that explains it.';
  }
}
