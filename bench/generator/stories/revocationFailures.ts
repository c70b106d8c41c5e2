import type { SessionRow } from '../pythonRepr';
import type { Login } from '../requests';
import { loginRequest, refreshFailure } from '../requests';
import type { StreamRecord } from '../StreamRecord';
import type { StoryWorld } from '../StoryWorld';
import type { RevocationVariant } from './revocationVariant';
import { MS, SECOND } from './StoryOutput';

/** The devices that find out: refresh failures of the revoked JTIs, minutes to hours later. */
export function revocationFailures(
  out: StreamRecord[],
  w: StoryWorld,
  v: RevocationVariant,
  user: string,
  rows: SessionRow[],
  tR: number,
  active: { jti: string; fromUs: number }[],
): void {
  const failing = w.prng.shuffle(rows).slice(0, v.failures);
  const times = failing
    .map(() => w.avoidDeploy(tR + w.prng.int(20, 2 * 3600) * SECOND))
    .sort((a, b) => a - b);
  failing.forEach((row, i) => {
    const atUs = times[i]!;
    const activeJtis = () => active.filter((a) => a.fromUs < atUs).map((a) => a.jti);
    const userId = v.userNone ? null : user;
    const dyno = w.webDyno();
    refreshFailure(
      out,
      w,
      { user, userId, jti: row.jti, atUs, dyno, activeJtis: activeJtis() },
      v.lang,
    );
    if (v.retries) {
      const retryUs = atUs + w.prng.int(800, 4000) * MS;
      const again = {
        user,
        userId,
        jti: row.jti,
        atUs: retryUs,
        dyno: w.webDyno(),
        activeJtis: activeJtis(),
      };
      refreshFailure(out, w, again, v.lang);
    }
    if (i === 0 && v.reLogin) {
      const login: Login = {
        user,
        sessionId: w.prng.uuid(),
        jti: w.jti(),
        ip: row.ip,
        atUs: w.avoidDeploy(atUs + w.prng.int(20, 300) * SECOND),
      };
      loginRequest(out, w, login, v.lang);
      active.push({ jti: login.jti, fromUs: login.atUs });
    }
  });
}
