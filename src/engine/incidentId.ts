import { createHash } from 'node:crypto';

/**
 * An incident's id is a hash of its anchor, so it stays the same as
 * failures join or the status moves (SPEC §4).
 */
export function revocationIncidentId(
  user: string,
  time: number | null,
  firstLine: string,
) {
  const at = time === null ? 'none' : String(Math.floor(time));
  return digest(`revocation\n${user}\n${at}\n${firstLine}`);
}

export function failureIncidentId(user: string, jti: string) {
  return digest(`failure\n${user}\n${jti}`);
}

function digest(anchor: string): string {
  return createHash('sha256').update(anchor).digest('hex').slice(0, 20);
}
