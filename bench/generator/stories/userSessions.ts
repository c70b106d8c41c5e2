import type { Lang } from '../messages';
import type { Login } from '../requests';
import { loginRequest } from '../requests';
import type { StreamRecord } from '../StreamRecord';
import type { JtiStyle, StoryWorld } from '../StoryWorld';

/** One device's session of a user: its row id, current JTI and IP. */
export interface Device {
  sessionId: string;
  jti: string;
  ip: string;
}

/**
 * A device the user logged in with: at `atUs` in the stream (a
 * `[SESSION_CREATED]` line), or before the stream began (nothing logged).
 */
export function openDevice(
  out: StreamRecord[],
  w: StoryWorld,
  user: string,
  style: JtiStyle,
  lang: Lang,
  atUs: number | null,
): Device {
  const device: Device = { sessionId: w.prng.uuid(), jti: w.jti(style), ip: w.ip() };
  if (atUs !== null) {
    const login: Login = {
      user,
      sessionId: device.sessionId,
      jti: device.jti,
      ip: device.ip,
      atUs,
    };
    loginRequest(out, w, login, lang);
  }
  return device;
}
