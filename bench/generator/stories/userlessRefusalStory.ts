import type { Prng } from '../Prng';
import { refreshSuccess, unauthorizedRefresh } from '../requests';
import type { StreamRecord } from '../StreamRecord';
import type { StoryWorld } from '../StoryWorld';
import type { StoryOutput } from './StoryOutput';
import { MS } from './StoryOutput';
import { openDevice } from './userSessions';

/**
 * Refusals that name no user (`Unauthorized: /api/v1/auth/token/refresh/`
 * and the router's 401): `lone`, one of them; `burst`, several; `race`, the
 * losing tab of a rotation refused by simplejwt's blacklist before the app's
 * own check. None forms an incident.
 */
export interface UserlessRefusalVariant {
  shape: 'lone' | 'burst' | 'race';
}

export function pickUserlessRefusalVariant(
  prng: Prng,
  overrides: Partial<UserlessRefusalVariant> = {},
): UserlessRefusalVariant {
  return { shape: prng.pick(['lone', 'burst', 'race'] as const), ...overrides };
}

export function userlessRefusalStory(
  w: StoryWorld,
  t0: number,
  v: UserlessRefusalVariant,
): StoryOutput {
  const out: StreamRecord[] = [];
  const users: string[] = [];
  if (v.shape === 'race') {
    const user = w.newUser();
    users.push(user);
    const lang = w.lang();
    const device = openDevice(out, w, user, w.jtiStyle(), lang, null);
    const winner = w.webDyno();
    const tab = { user, userId: user, sessionId: device.sessionId, ip: device.ip };
    const rotatedUs = refreshSuccess(
      out,
      w,
      { ...tab, jti: device.jti, newJti: w.jti(), atUs: t0, dyno: winner },
      lang,
    );
    const attempt = w.prng.chance(0.5)
      ? { jti: device.jti, userId: user, lang }
      : undefined;
    unauthorizedRefresh(
      out,
      w,
      rotatedUs + w.prng.int(5, 300) * MS,
      w.webDyno(winner),
      attempt,
    );
  } else {
    const count = v.shape === 'lone' ? 1 : w.prng.int(3, 7);
    let t = t0;
    for (let i = 0; i < count; i++) {
      unauthorizedRefresh(out, w, t, w.webDyno());
      t += w.prng.int(50, 2500) * MS;
    }
  }
  return { records: out, users, truth: [] };
}
