import type { SignalBody } from '../model/Signal';
import { cleanValue } from './cleanValue';
import { parseStack } from './parseStack';
import { readAffectedSessions } from './readAffectedSessions';
import type { TaggedMessage } from './TagReader';
import { anyOf, words } from './words';

const START = words(
  '^',
  anyOf('revocando todas las sesiones', 'revoking all sessions'),
  '(?: (?:para|for|del?|of)(?: (?:el )?(?:usuario|user))? (\\S+))?',
);
const FAILURE = words(
  '^error ',
  anyOf('al (?:hacer )?blacklist\\w*', '(?:while )?blacklisting'),
  '(?: (?:el|del|the|a))? tokens? (?:para|for|del?|of) (\\S+)',
);
const DONE_USER = words('^(?:usuario|user) (\\S+?)\\s*:');
const BLACKLISTED = words(
  '(\\d+) tokens?(?: en)? (?:blacklist\\w*|revocad[oa]s|revoked)',
);
const INVALIDATED = words(
  '(\\d+) ',
  anyOf(
    'sesi{o}n(?:es)? invalidad[ao]s?',
    'sessions? invalidated',
    'sesi{o}n(?:es)? desactivad[ao]s?',
  ),
);
const SESSION_LIST = words('(?:sesiones afectadas|affected sessions)\\s*:\\s*');

/**
 * `[REVOKE_ALL_SESSIONS]`: the start (with its stack), the completion line
 * (counts and the `Sesiones afectadas` list, on one line or pretty-printed
 * over several) or a token that could not be blacklisted.
 */
export function readRevokeAllSessions({
  head,
  body,
  appRoot,
}: TaggedMessage): SignalBody | null {
  const start = START.exec(head);
  if (start) {
    const stack = parseStack(body, { appRoot }, { expectInApp: true });
    return { kind: 'revoke_start', user: cleanValue(start[1]), stack };
  }

  const failure = FAILURE.exec(head);
  if (failure) {
    const text = body.trimStart();
    const detail = text
      .slice(failure[0].length)
      .replace(/^[\s:–—-]+/, '')
      .trim();
    return { kind: 'revoke_error', user: cleanValue(failure[1]), detail };
  }

  const user = DONE_USER.exec(head);
  const blacklisted = BLACKLISTED.exec(body);
  const invalidated = INVALIDATED.exec(body);
  const list = SESSION_LIST.exec(body);
  if (!user || !(blacklisted || invalidated || list)) return null;

  return {
    kind: 'revoke_done',
    user: cleanValue(user[1]),
    blacklisted: blacklisted ? Number(blacklisted[1]) : null,
    invalidated: invalidated ? Number(invalidated[1]) : null,
    sessions: list ? readAffectedSessions(body.slice(list.index + list[0].length)) : null,
  };
}
