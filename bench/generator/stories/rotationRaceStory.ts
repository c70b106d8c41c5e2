import type { Lang } from '../messages';
import type { Prng } from '../Prng';
import { refreshFailure, refreshSuccess } from '../requests';
import type { StreamRecord } from '../StreamRecord';
import type { StoryWorld } from '../StoryWorld';
import type { StoryOutput } from './StoryOutput';
import { MINUTE, MS, SECOND } from './StoryOutput';
import { openDevice } from './userSessions';

/**
 * Two tabs refresh the same token at once: one rotates it, the other is
 * refused with the old JTI, on another dyno, its failure logged `offsetMs`
 * after (or, negative, before) the winning rotation line.
 */
export interface RotationRaceVariant {
  lang: Lang;
  offsetMs: number;
  loggedIn: boolean;
  userNone: boolean;
  retries: boolean;
  /** The winning tab refreshes again later. */
  winnerContinues: boolean;
}

export function pickRotationRaceVariant(
  prng: Prng,
  overrides: Partial<RotationRaceVariant> = {},
): RotationRaceVariant {
  const magnitude = prng.chance(0.85) ? prng.int(1, 300) : prng.int(301, 4000);
  return {
    lang: prng.chance(0.3) ? 'en' : 'es',
    offsetMs: prng.chance(0.4) ? -magnitude : magnitude,
    loggedIn: prng.chance(0.6),
    userNone: prng.chance(0.1),
    retries: prng.chance(0.3),
    winnerContinues: prng.chance(0.3),
    ...overrides,
  };
}

export function rotationRaceStory(
  w: StoryWorld,
  t0: number,
  v: RotationRaceVariant,
): StoryOutput {
  const out: StreamRecord[] = [];
  const user = w.newUser();
  const style = w.jtiStyle();
  const device = openDevice(out, w, user, style, v.lang, v.loggedIn ? t0 : null);

  const tA = w.avoidDeploy(v.loggedIn ? t0 + w.prng.int(5, 60) * MINUTE : t0);
  const winner = w.webDyno();
  const newJti = w.jti(style);
  const rotatedUs = refreshSuccess(
    out,
    w,
    {
      user,
      userId: user,
      jti: device.jti,
      newJti,
      sessionId: device.sessionId,
      ip: device.ip,
      atUs: tA,
      dyno: winner,
    },
    v.lang,
  );

  const failedUs = rotatedUs + v.offsetMs * MS;
  const loser = w.webDyno(winner);
  const userId = v.userNone ? null : user;
  const refused = { user, userId, jti: device.jti, dyno: loser, activeJtis: [newJti] };
  refreshFailure(out, w, { ...refused, atUs: failedUs - 10 * MS }, v.lang);
  if (v.retries) {
    // A quick retry, still within the race window of the rotation.
    const retryUs = Math.max(failedUs, rotatedUs) + w.prng.int(300, 2500) * MS;
    refreshFailure(
      out,
      w,
      { ...refused, atUs: retryUs - 10 * MS, dyno: w.webDyno() },
      v.lang,
    );
  }
  if (v.winnerContinues) {
    const laterUs = w.avoidDeploy(tA + w.prng.int(5, 50) * MINUTE);
    const rotated = {
      user,
      userId: user,
      sessionId: device.sessionId,
      ip: device.ip,
      dyno: w.webDyno(),
    };
    refreshSuccess(
      out,
      w,
      { ...rotated, jti: newJti, newJti: w.jti(style), atUs: laterUs },
      v.lang,
    );
  }
  return {
    records: out,
    users: [user],
    truth: [
      {
        user,
        cause: 'rotation_race',
        status: 'confirmed',
        group: 'race',
        trigger_outer: null,
      },
    ],
  };
}

export const RACE_WINDOW_US = 10 * SECOND;
