import type { Lang } from '../messages';
import type { Prng } from '../Prng';
import { refreshFailure, refreshSuccess } from '../requests';
import type { StreamRecord } from '../StreamRecord';
import type { StoryWorld } from '../StoryWorld';
import type { StoryOutput } from './StoryOutput';
import { MINUTE, MS } from './StoryOutput';
import { openDevice } from './userSessions';

/**
 * A refresh fails with a JTI the data never show anywhere else. With
 * `user_id: None` nothing names the user: statistics only, no incident.
 */
export interface UnexplainedVariant {
  lang: Lang;
  /** The user's other device logs in (and refreshes) in the stream. */
  otherDevice: boolean;
  userNone: boolean;
  retries: boolean;
}

export function pickUnexplainedVariant(
  prng: Prng,
  overrides: Partial<UnexplainedVariant> = {},
): UnexplainedVariant {
  return {
    lang: prng.chance(0.3) ? 'en' : 'es',
    otherDevice: prng.chance(0.5),
    userNone: prng.chance(0.15),
    retries: prng.chance(0.3),
    ...overrides,
  };
}

export function unexplainedStory(
  w: StoryWorld,
  t0: number,
  v: UnexplainedVariant,
): StoryOutput {
  const out: StreamRecord[] = [];
  const user = w.newUser();
  const style = w.jtiStyle();
  let t = t0;
  const active: string[] = [];
  if (v.otherDevice) {
    const other = openDevice(out, w, user, style, v.lang, t);
    t = w.avoidDeploy(t + w.prng.int(5, 40) * MINUTE);
    const newJti = w.jti(style);
    const tab = {
      user,
      userId: user,
      sessionId: other.sessionId,
      ip: other.ip,
      dyno: w.webDyno(),
    };
    refreshSuccess(out, w, { ...tab, jti: other.jti, newJti, atUs: t }, v.lang);
    active.push(newJti);
    t = w.avoidDeploy(t + w.prng.int(5, 60) * MINUTE);
  }
  const userId = v.userNone ? null : user;
  const refused = { user, userId, jti: w.jti(style), activeJtis: active };
  refreshFailure(out, w, { ...refused, atUs: t, dyno: w.webDyno() }, v.lang);
  if (v.retries) {
    refreshFailure(
      out,
      w,
      { ...refused, atUs: t + w.prng.int(800, 3000) * MS, dyno: w.webDyno() },
      v.lang,
    );
  }
  return {
    records: out,
    users: [user],
    truth: v.userNone
      ? []
      : [
          {
            user,
            cause: 'unexplained',
            status: 'confirmed',
            group: 'unexplained',
            trigger_outer: null,
          },
        ],
  };
}
