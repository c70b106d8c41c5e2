import type { Lang } from '../messages';
import type { Prng } from '../Prng';
import { refreshFailure, refreshSuccess } from '../requests';
import type { StreamRecord } from '../StreamRecord';
import type { StoryWorld } from '../StoryWorld';
import type { StoryOutput } from './StoryOutput';
import { MINUTE, MS, SECOND } from './StoryOutput';
import { openDevice } from './userSessions';

/**
 * A token rotated long before (`gapSeconds`) comes back: a lost response or
 * a restored tab still holds the old JTI.
 */
export interface StaleTokenVariant {
  lang: Lang;
  gapSeconds: number;
  loggedIn: boolean;
  userNone: boolean;
  retries: boolean;
  /** The device that got the new JTI rotates it again before the stale one shows up. */
  rotatedAgain: boolean;
}

export function pickStaleTokenVariant(
  prng: Prng,
  overrides: Partial<StaleTokenVariant> = {},
): StaleTokenVariant {
  return {
    lang: prng.chance(0.3) ? 'en' : 'es',
    gapSeconds: prng.chance(0.5) ? prng.int(30, 600) : prng.int(601, 3 * 3600),
    loggedIn: prng.chance(0.6),
    userNone: prng.chance(0.1),
    retries: prng.chance(0.2),
    rotatedAgain: prng.chance(0.3),
    ...overrides,
  };
}

export function staleTokenStory(
  w: StoryWorld,
  t0: number,
  v: StaleTokenVariant,
  user = w.newUser(),
): StoryOutput {
  const out: StreamRecord[] = [];
  const style = w.jtiStyle();
  const device = openDevice(out, w, user, style, v.lang, v.loggedIn ? t0 : null);
  const tR = w.avoidDeploy(v.loggedIn ? t0 + w.prng.int(2, 40) * MINUTE : t0);

  const newJti = w.jti(style);
  const tab = { user, userId: user, sessionId: device.sessionId, ip: device.ip };
  const rotatedUs = refreshSuccess(
    out,
    w,
    { ...tab, jti: device.jti, newJti, atUs: tR, dyno: w.webDyno() },
    v.lang,
  );
  const failAt = w.avoidDeploy(rotatedUs + v.gapSeconds * SECOND);

  let active = newJti;
  if (v.rotatedAgain) {
    const again = w.jti(style);
    const at =
      rotatedUs + w.prng.int(5, Math.max(6, Math.floor(v.gapSeconds / 2))) * SECOND;
    refreshSuccess(
      out,
      w,
      { ...tab, jti: newJti, newJti: again, atUs: at, dyno: w.webDyno() },
      v.lang,
    );
    active = again;
  }
  const userId = v.userNone ? null : user;
  const refused = { user, userId, jti: device.jti, activeJtis: [active] };
  refreshFailure(out, w, { ...refused, atUs: failAt, dyno: w.webDyno() }, v.lang);
  if (v.retries) {
    refreshFailure(
      out,
      w,
      { ...refused, atUs: failAt + w.prng.int(800, 3000) * MS, dyno: w.webDyno() },
      v.lang,
    );
  }
  return {
    records: out,
    users: [user],
    truth: [
      {
        user,
        cause: 'stale_token',
        status: 'confirmed',
        group: 'stale',
        trigger_outer: null,
      },
    ],
  };
}
