import type { Machinery } from '../CodePath';
import { CODE_PATHS, codePath } from '../codePaths';
import type { DeactivationBottom } from '../machinery';
import type { Lang } from '../messages';
import type { Prng } from '../Prng';
import type { AffectedStyle, ValueStyle } from '../pythonRepr';
import type { Truncation } from '../revocationStacks';
import type { StackOrder } from '../StackFrame';

/**
 * Which of a revocation's lines survive:
 * - `full`: `[REVOKE_ALL_SESSIONS]` start, one `[SESSION_DEACTIVATED]` per session, completion;
 * - `bulk`: start and completion only (`QuerySet.update()` sends no `post_save`);
 * - `deactivations`: only the `[SESSION_DEACTIVATED]` lines;
 * - `start_only`: the start line, no completion (lost, or the request failed);
 * - `completion_only`: the completion line with its list, no stack anywhere;
 * - `completion_no_list`: the completion line without `Sesiones afectadas`.
 */
export type RevocationForm =
  | 'full'
  | 'bulk'
  | 'deactivations'
  | 'start_only'
  | 'completion_only'
  | 'completion_no_list';

export interface RevocationVariant {
  /** A code path group of {@link CODE_PATHS}. */
  path: string;
  form: RevocationForm;
  machinery: Machinery;
  bottom: DeactivationBottom;
  order: StackOrder;
  lang: Lang;
  /** `next-line`: the guide's layout, `Sesiones afectadas:` on a line of its own. */
  affected: AffectedStyle | 'next-line';
  values: ValueStyle;
  /** Active sessions the revocation ends (0: a revoke-all that invalidated nothing). */
  sessions: number;
  /** Sessions whose login (`[SESSION_CREATED]`) is in the stream; the others are older. */
  loggedIn: number;
  /** One session was refreshed (rotated) before the revocation. */
  rotatedBefore: boolean;
  /** Devices whose refresh fails afterwards (0: the incident stays suspected). */
  failures: number;
  /** A failing device retries with the same JTI. */
  retries: boolean;
  /** The failures log `user_id: None`. */
  userNone: boolean;
  truncation: Truncation;
  /** `Error al blacklist token para ...` between start and completion. */
  blacklistError: boolean;
  /** The user logs in again after the first failure. */
  reLogin: boolean;
  /** A start-only revocation ends with the request's `Internal Server Error` traceback. */
  crash: boolean;
  /** Release whose line numbers the stacks show; null: the one deployed at the time. */
  release: number | null;
}

/** How often each variation shows up in random streams. */
export interface RevocationRates {
  forms: Partial<Record<RevocationForm, number>>;
  innermostFirst: number;
  truncated: number;
  userNone: number;
  suspected: number;
}

export const DEFAULT_REVOCATION_RATES: RevocationRates = {
  forms: {
    full: 5,
    bulk: 3,
    deactivations: 2,
    start_only: 1,
    completion_only: 1,
    completion_no_list: 0.5,
  },
  innermostFirst: 0.15,
  truncated: 0.1,
  userNone: 0.1,
  suspected: 0.2,
};

/** A random variant for `pathGroup` (or a random path of `cause`), then `overrides`, made consistent. */
export function pickRevocationVariant(
  prng: Prng,
  cause: 'backend_revocation' | 'expected_revocation',
  rates: RevocationRates,
  overrides: Partial<RevocationVariant> = {},
): RevocationVariant {
  const path = overrides.path
    ? codePath(overrides.path)
    : prng.pick(CODE_PATHS.filter((p) => p.cause === cause));
  const machineries = Object.keys(path.callers) as Machinery[];
  // Now and then a user with many devices: a long `Sesiones afectadas` list.
  const sessions = prng.chance(0.06) ? prng.int(4, 8) : prng.int(1, 3);
  const picked: RevocationVariant = {
    path: path.group,
    form: prng.weighted(rates.forms),
    machinery: prng.pick(machineries),
    bottom: prng.pick(['update', 'loop', 'loop', 'loop-trimmed'] as const),
    order: prng.chance(rates.innermostFirst) ? 'innermost-first' : 'outermost-first',
    lang: prng.chance(0.3) ? 'en' : 'es',
    affected: prng.pick(['inline', 'inline', 'indented', 'pprint', 'next-line'] as const),
    values: prng.chance(0.8) ? 'python' : 'strings',
    sessions,
    loggedIn: prng.int(0, sessions),
    rotatedBefore: prng.chance(0.3),
    failures: prng.chance(rates.suspected) ? 0 : prng.int(1, sessions),
    retries: prng.chance(0.3),
    userNone: prng.chance(rates.userNone),
    truncation: prng.chance(rates.truncated)
      ? prng.pick(['lines', 'chars'] as const)
      : 'none',
    blacklistError: prng.chance(0.1),
    reLogin: prng.chance(0.5),
    crash: prng.chance(0.5),
    release: null,
  };
  return normalizeRevocationVariant({ ...picked, ...overrides });
}

/** Resolves combinations the app cannot log into ones it can. */
export function normalizeRevocationVariant(v: RevocationVariant): RevocationVariant {
  const path = codePath(v.path);
  const out = { ...v };
  if (!path.callers[out.machinery])
    out.machinery = Object.keys(path.callers)[0] as Machinery;

  // `deactivate_session_for_jti` ends one session and logs no revoke-all lines.
  if (out.machinery === 'deactivate_session_for_jti') {
    out.form = 'deactivations';
    out.sessions = 1;
  }
  // A revoke-all that found no active session logs `0 sesiones invalidadas` and an empty list.
  if (out.sessions === 0) {
    if (out.form !== 'completion_only') out.form = 'bulk';
    out.failures = 0;
  }

  out.loggedIn = Math.min(out.loggedIn, out.sessions);
  out.failures = Math.min(out.failures, out.sessions);
  const noStack = out.form === 'completion_only' || out.form === 'completion_no_list';
  if (noStack || path.cause === 'expected_revocation') out.truncation = 'none';
  if (out.truncation !== 'none') out.order = 'outermost-first';
  // With `user_id: None` the user is found through the JTI's history, which must be in the data.
  if (out.userNone && (out.form === 'start_only' || out.form === 'completion_no_list')) {
    out.loggedIn = out.sessions;
    out.rotatedBefore = false;
  }
  if (out.failures > 0 || out.form !== 'start_only') out.crash = false;
  return out;
}
