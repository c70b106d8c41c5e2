import type { Prng } from '../Prng';
import type { StoryWorld } from '../StoryWorld';
import { revocationStory } from './revocationStory';
import type { RevocationRates, RevocationVariant } from './revocationVariant';
import { pickRevocationVariant } from './revocationVariant';
import type { StaleTokenVariant } from './staleTokenStory';
import { pickStaleTokenVariant, staleTokenStory } from './staleTokenStory';
import type { StoryOutput } from './StoryOutput';
import { MINUTE } from './StoryOutput';

/**
 * One user, two incidents of different causes: a stale token refused, then,
 * later the same day, the user's sessions revoked by a backend path (the
 * stale failure predates the revocation, so it stays `stale_token`).
 */
export interface TwoIncidentsVariant {
  stale: StaleTokenVariant;
  revocation: RevocationVariant;
}

export function pickTwoIncidentsVariant(
  prng: Prng,
  rates: RevocationRates,
  overrides: Partial<TwoIncidentsVariant> = {},
): TwoIncidentsVariant {
  return {
    stale: pickStaleTokenVariant(prng, overrides.stale),
    revocation: pickRevocationVariant(prng, 'backend_revocation', rates, {
      loggedIn: 1,
      ...overrides.revocation,
    }),
  };
}

export function twoIncidentsStory(
  w: StoryWorld,
  t0: number,
  v: TwoIncidentsVariant,
): StoryOutput {
  const user = w.newUser();
  const stale = staleTokenStory(w, t0, v.stale, user);
  const last = Math.max(...stale.records.map((r) => r.timeUs));
  const revoked = revocationStory(
    w,
    last + w.prng.int(5, 90) * MINUTE,
    v.revocation,
    user,
  );
  return {
    records: [...stale.records, ...revoked.records],
    truth: [...stale.truth, ...revoked.truth],
    users: [user],
  };
}
