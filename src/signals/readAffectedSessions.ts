import type { AffectedSession } from '../model/Signal';
import { cleanJti } from './cleanJti';
import { isPyDict, type PyDict, type PyValue } from './PyValue';
import { readReprList } from './readReprList';

const JTI_KEYS = ['refresh_token_jti', 'jti', 'refresh_jti', 'token_jti'];
const ID_KEYS = ['id', 'session_id', 'pk', 'uuid'];
const IP_KEYS = ['ip_address', 'ip'];
const CREATED_KEYS = ['created_at', 'created'];

/**
 * The sessions of a `Sesiones afectadas: [...]` list (the text from the `[`
 * on). A list cut short keeps its complete dicts; null when nothing could be
 * read, so that a cut or garbled list never reads as "no sessions".
 */
export function readAffectedSessions(reprText: string): AffectedSession[] | null {
  const list = readReprList(reprText);
  // An empty list is only "no sessions" when it was whole (`[]`); a list cut
  // before its first complete element says nothing.
  if (list === null || (list.items.length === 0 && !list.complete)) return null;

  return list.items.flatMap((item) => {
    const session = toSession(item);
    return session ? [session] : [];
  });
}

function toSession(item: PyValue): AffectedSession | null {
  // A bare string in the list can only be the session's token id.
  if (typeof item === 'string') {
    const jti = cleanJti(item);
    return jti ? { id: null, jti, ip: null, createdAt: null } : null;
  }
  if (!isPyDict(item)) return null;

  return {
    id: text(pick(item, ID_KEYS)),
    jti: cleanJti(text(pick(item, JTI_KEYS) ?? pickBySubstring(item, 'jti'))),
    ip: text(pick(item, IP_KEYS)),
    createdAt: text(pick(item, CREATED_KEYS)),
  };
}

function pick(dict: PyDict, keys: string[]): PyValue | undefined {
  for (const key of keys) {
    if (Object.hasOwn(dict, key)) return dict[key];
  }
  return undefined;
}

function pickBySubstring(dict: PyDict, needle: string): PyValue | undefined {
  const key = Object.keys(dict).find((k) => k.toLowerCase().includes(needle));
  return key === undefined ? undefined : dict[key];
}

function text(value: PyValue | undefined): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
