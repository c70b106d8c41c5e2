import type { SignalBody } from '../model/Signal';
import { cleanJti } from './cleanJti';
import { cleanValue } from './cleanValue';
import { readKeyValues, valueOf } from './readKeyValues';
import { readReprList } from './readReprList';
import type { TaggedMessage } from './TagReader';
import { anyOf, words } from './words';

const ATTEMPT = words(
  '^',
  anyOf(
    'intentando refrescar(?: el)? token',
    '(?:trying|attempting) to refresh(?: the)? token',
    'refreshing token',
  ),
);
const FOUND = words('^(?:sesi{o}n encontrada|session found)');
const ROTATED = words('^(?:token rotado|token rotated|rotated token)');
const NOT_FOUND = words(
  '^',
  anyOf(
    'sesi{o}n no encontrada',
    'session not found',
    'no se encontr{o} (?:la )?sesi{o}n',
    'no session found',
  ),
);
const ACTIVE = words(
  '^(?:usuario|user) (\\S+) (?:tiene|has) (\\d+) ',
  anyOf('sesi{o}n(?:es)? activas?', 'active sessions?'),
  '(?: (?:con|with))?(?: JTIs?)?\\s*:?',
);

const JTI_KEYS = ['jti', 'refresh_jti', 'token_jti', 'refresh_token_jti'];
const USER_KEYS = ['user_id', 'user', 'usuario', 'userid', 'user_pk'];
const OLD_JTI_KEYS = ['old_jti', 'jti_viejo', 'jti_anterior', 'jti_antiguo', 'old'];
const NEW_JTI_KEYS = ['new_jti', 'jti_nuevo', 'new'];

/** `[SESSION_REFRESH]`: a refresh attempt, the session it found, or the rotation. */
export function readSessionRefresh({ head }: TaggedMessage): SignalBody | null {
  const attempt = fieldsAfter(ATTEMPT, head);
  if (attempt) {
    const jti = cleanJti(valueOf(attempt, JTI_KEYS));
    const user = cleanValue(valueOf(attempt, USER_KEYS));
    return jti ? { kind: 'refresh_attempt', jti, user } : null;
  }

  const found = fieldsAfter(FOUND, head);
  if (found) {
    const sessionId = cleanJti(valueOf(found, ['id', 'session_id', 'session', 'sesion']));
    if (!sessionId) return null;
    return {
      kind: 'session_found',
      sessionId,
      user: cleanValue(valueOf(found, USER_KEYS)),
      ip: cleanValue(valueOf(found, ['ip', 'ip_address'])),
    };
  }

  const rotated = fieldsAfter(ROTATED, head);
  if (rotated) {
    const oldJti = cleanJti(valueOf(rotated, OLD_JTI_KEYS));
    const newJti = cleanJti(valueOf(rotated, NEW_JTI_KEYS));
    const user = cleanValue(valueOf(rotated, USER_KEYS));
    return oldJti && newJti ? { kind: 'rotation', user, oldJti, newJti } : null;
  }
  return null;
}

/** `[SESSION_REFRESH_FAILED]`: the refresh that logs the user out. */
export function readRefreshFailed({ head }: TaggedMessage): SignalBody | null {
  const fields = fieldsAfter(NOT_FOUND, head);
  const jti = fields ? cleanJti(valueOf(fields, JTI_KEYS)) : null;
  if (!fields || !jti) return null;
  return { kind: 'refresh_failed', jti, user: cleanValue(valueOf(fields, USER_KEYS)) };
}

/** `[SESSION_DEBUG]`: the sessions still active after a failed refresh. */
export function readSessionDebug({ body }: TaggedMessage): SignalBody | null {
  const text = body.trimStart();
  const active = ACTIVE.exec(text);
  if (!active) return null;

  return {
    kind: 'active_sessions',
    user: cleanValue(active[1]),
    count: Number(active[2]),
    jtis: readJtiList(text.slice(active[0].length)),
  };
}

/** The `Key: value` pairs after a phrase at the start of `head`, or null without it. */
function fieldsAfter(phrase: RegExp, head: string): Map<string, string> | null {
  const match = phrase.exec(head);
  if (!match) return null;
  return readKeyValues(head.slice(match[0].length).replace(/^[\s:,–—-]+/, ''));
}

/**
 * `['xyz789...', 'def456...']` as a Python list; when it is not one (a
 * `<QuerySet [...]>`), its quoted values, else its bare tokens with a digit.
 */
function readJtiList(text: string): string[] {
  const list = readReprList(text);
  const quoted = [...text.matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
  const bare = text.match(/\b(?=[\w-]*\d)[A-Za-z0-9_-]{6,}(?:\.\.\.|…)?/g) ?? [];
  const items = list
    ? list.items.filter((item): item is string => typeof item === 'string')
    : quoted.length > 0
      ? quoted
      : bare;

  return items.map((item) => cleanJti(item)).filter((jti): jti is string => jti !== null);
}
