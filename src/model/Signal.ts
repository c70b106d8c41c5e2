import type { LogRecord } from './LogRecord';
import type { Stack } from './Frame';

/** A session the app listed in a revoke-all completion line. */
export interface AffectedSession {
  id: string | null;
  jti: string | null;
  ip: string | null;
  createdAt: string | null;
}

/** A changed field in a `[USER_SAVE]` line (`role: CLIENT -> VIP`, or a bare name). */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

/**
 * What one tagged message says, in plain data. `user` values are as logged
 * (phone numbers, trailing `...` of the guide's abbreviations removed); JTIs
 * likewise, and `abbreviated` marks a JTI written with a trailing ellipsis.
 */
export type SignalBody =
  | { kind: 'refresh_attempt'; jti: string; user: string | null }
  | { kind: 'session_found'; sessionId: string; user: string | null; ip: string | null }
  | { kind: 'rotation'; user: string | null; oldJti: string; newJti: string }
  | { kind: 'refresh_failed'; jti: string; user: string | null }
  | { kind: 'active_sessions'; user: string | null; count: number | null; jtis: string[] }
  | {
      kind: 'session_created';
      user: string | null;
      sessionId: string | null;
      jti: string | null;
      ip: string | null;
    }
  | {
      kind: 'session_deactivated';
      sessionId: string | null;
      user: string | null;
      jti: string | null;
      stack: Stack | null;
    }
  | { kind: 'revoke_start'; user: string | null; stack: Stack | null }
  | {
      kind: 'revoke_done';
      user: string | null;
      blacklisted: number | null;
      invalidated: number | null;
      /** Null when the line carried no list (or it could not be read). */
      sessions: AffectedSession[] | null;
    }
  | { kind: 'revoke_error'; user: string | null; detail: string }
  | {
      kind: 'user_save';
      user: string | null;
      changes: FieldChange[];
      stack: Stack | null;
    }
  | {
      kind: 'admin_appointment';
      phase: 'creating' | 'created';
      admin: string | null;
      user: string | null;
      paymentMethod: string | null;
      appointmentId: string | null;
    }
  /** A refused refresh that names no user (`Unauthorized: .../token/refresh/`, a router 401). */
  | { kind: 'userless_refusal'; path: string | null; status: number | null }
  /** A tag we do not interpret (`[PAYMENT_WEBHOOK]`), or a known tag in a shape we do not know. */
  | { kind: 'other'; user: string | null };

export type SignalKind = SignalBody['kind'];

/** A tagged record and what its message says. */
export type Signal = SignalBody & {
  /** The bracketed tag without brackets (`SESSION_REFRESH`), or `ROUTER`/`DJANGO_REQUEST` for refusals. */
  tag: string;
  /** The message's first line, with its tag. */
  firstLine: string;
  record: LogRecord;
};
