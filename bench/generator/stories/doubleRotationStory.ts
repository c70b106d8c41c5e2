import type { Lang } from '../messages';
import type { Prng } from '../Prng';
import { refreshFailure, refreshSuccess } from '../requests';
import type { StreamRecord } from '../StreamRecord';
import type { StoryWorld } from '../StoryWorld';
import { RACE_WINDOW_US } from './rotationRaceStory';
import type { StoryOutput } from './StoryOutput';
import { MINUTE, MS, SECOND } from './StoryOutput';
import { openDevice } from './userSessions';

/**
 * Two tabs both rotate the same old JTI (`gapMs` apart, on two dynos); the
 * session row keeps one new JTI, and the tab holding the other one is
 * refused at its next refresh, minutes later (SPEC §4 rule 2, second case).
 */
export interface DoubleRotationVariant {
  lang: Lang;
  gapMs: number;
  /** The first rotation's new JTI is the one refused (else the second's). */
  firstLoses: boolean;
  loggedIn: boolean;
  userNone: boolean;
  retries: boolean;
}

export function pickDoubleRotationVariant(
  prng: Prng,
  overrides: Partial<DoubleRotationVariant> = {},
): DoubleRotationVariant {
  return {
    lang: prng.chance(0.3) ? 'en' : 'es',
    // Rarely the second rotation of the old JTI comes long after the first: stale, not a race.
    gapMs: prng.chance(0.12) ? prng.int(30_000, 1_200_000) : prng.int(1, 900),
    firstLoses: prng.chance(0.75),
    loggedIn: prng.chance(0.6),
    userNone: prng.chance(0.1),
    retries: prng.chance(0.2),
    ...overrides,
  };
}

export function doubleRotationStory(
  w: StoryWorld,
  t0: number,
  v: DoubleRotationVariant,
): StoryOutput {
  const out: StreamRecord[] = [];
  const user = w.newUser();
  const style = w.jtiStyle();
  const device = openDevice(out, w, user, style, v.lang, v.loggedIn ? t0 : null);
  const tA = w.avoidDeploy(v.loggedIn ? t0 + w.prng.int(5, 60) * MINUTE : t0);

  const first = w.jti(style);
  const second = w.jti(style);
  const tab = {
    user,
    userId: user,
    jti: device.jti,
    sessionId: device.sessionId,
    ip: device.ip,
  };
  const dynoA = w.webDyno();
  const firstUs = refreshSuccess(
    out,
    w,
    { ...tab, newJti: first, atUs: tA, dyno: dynoA },
    v.lang,
  );
  const secondAt = firstUs + v.gapMs * MS - 30 * MS;
  refreshSuccess(
    out,
    w,
    { ...tab, newJti: second, atUs: secondAt, dyno: w.webDyno(dynoA) },
    v.lang,
  );

  const [lost, kept] = v.firstLoses ? [first, second] : [second, first];
  const failAt = w.avoidDeploy(secondAt + w.prng.int(60, 2 * 3600) * SECOND);
  const userId = v.userNone ? null : user;
  const refused = { user, userId, jti: lost, activeJtis: [kept] };
  refreshFailure(out, w, { ...refused, atUs: failAt, dyno: w.webDyno() }, v.lang);
  if (v.retries) {
    refreshFailure(
      out,
      w,
      { ...refused, atUs: failAt + w.prng.int(800, 3000) * MS, dyno: w.webDyno() },
      v.lang,
    );
  }

  const race = v.gapMs * MS <= RACE_WINDOW_US;
  return {
    records: out,
    users: [user],
    truth: [
      {
        user,
        cause: race ? 'rotation_race' : 'stale_token',
        status: 'confirmed',
        group: race ? 'race' : 'stale',
        trigger_outer: null,
      },
    ],
  };
}
