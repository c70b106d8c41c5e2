import type { LogRecord } from '../model/LogRecord';
import type { SignalBody } from '../model/Signal';

export interface UserlessRefusal {
  tag: 'ROUTER' | 'DJANGO_REQUEST';
  body: Extract<SignalBody, { kind: 'userless_refusal' }>;
}

const REFRESH_PATH = 'token/refresh';
const UNAUTHORIZED = /^Unauthorized:\s*(\S+)/;

/**
 * A refused refresh that names no user: simplejwt's 401 ("Token is
 * blacklisted") shows only as django.request's `Unauthorized: <path>` and as
 * the router's 401 line, so it can be counted but tied to no one.
 */
export function readUserlessRefusal(
  record: LogRecord,
  text: string,
): UserlessRefusal | null {
  if (record.origin.kind === 'router') {
    const status =
      record.origin.httpStatus ?? numberOrNull(/\bstatus=(\d{3})\b/.exec(text)?.[1]);
    const path = record.origin.path ?? /\bpath="?([^"\s]+)"?/.exec(text)?.[1] ?? null;
    if (status !== 401 || !isRefreshPath(path)) return null;
    return { tag: 'ROUTER', body: { kind: 'userless_refusal', path, status } };
  }

  const unauthorized = UNAUTHORIZED.exec(text);
  const path = record.origin.path ?? unauthorized?.[1] ?? null;
  if (!unauthorized || !isRefreshPath(path)) return null;
  return { tag: 'DJANGO_REQUEST', body: { kind: 'userless_refusal', path, status: 401 } };
}

function isRefreshPath(path: string | null): path is string {
  return path !== null && path.toLowerCase().includes(REFRESH_PATH);
}

function numberOrNull(text: string | undefined): number | null {
  return text === undefined ? null : Number(text);
}
