import type { SignalBody } from '../model/Signal';
import { cleanJti } from './cleanJti';
import { cleanValue } from './cleanValue';
import { parseStack } from './parseStack';
import { readKeyValues, valueOf } from './readKeyValues';
import type { TaggedMessage } from './TagReader';
import { anyOf, words } from './words';

const CREATED = words(
  '^',
  anyOf(
    'nueva sesi{o}n (?:para|de)',
    'new session for',
    'sesi{o}n creada para',
    'session created for',
  ),
  ' (\\S+)',
);
const DEACTIVATED = words(
  '^(?:sesi{o}n|session) (\\S+) ',
  anyOf('(?:marcada como|marked(?: as)?) inactiv[ae]', 'desactivada', 'deactivated'),
  '(?: (?:para|for) (\\S+))?',
);
const JTI_FIELD = /\bJTI\s*[:=]\s*(\S+)/i;

/** `[SESSION_CREATED]`: a login. */
export function readSessionCreated({ head }: TaggedMessage): SignalBody | null {
  const created = CREATED.exec(head);
  if (!created) return null;

  const fields = readKeyValues(head.slice(created[0].length).replace(/^[\s:,–—-]+/, ''));
  return {
    kind: 'session_created',
    user: cleanValue(created[1]),
    sessionId: cleanJti(valueOf(fields, ['id', 'session_id', 'session'])),
    jti: cleanJti(valueOf(fields, ['jti', 'refresh_jti', 'refresh_token_jti'])),
    ip: cleanValue(valueOf(fields, ['ip', 'ip_address'])),
  };
}

/** `[SESSION_DEACTIVATED]`: one session revoked, with the stack that did it. */
export function readSessionDeactivated({
  head,
  body,
  appRoot,
}: TaggedMessage): SignalBody | null {
  const deactivated = DEACTIVATED.exec(head);
  if (!deactivated) return null;

  const rest = head.slice(deactivated[0].length);
  return {
    kind: 'session_deactivated',
    // The guide writes `Sesión ... marcada`: no id, which cleanJti reads as null.
    sessionId: cleanJti(deactivated[1]),
    user: cleanValue(deactivated[2]),
    jti: cleanJti(JTI_FIELD.exec(rest)?.[1]),
    stack: parseStack(body, { appRoot }, { expectInApp: true }),
  };
}
