import type { SeenSignal, SignalOf } from './SeenSignal';
import { withinMs } from './SeenSignal';
import type { Revocation } from './Revocation';

/** Lines of one revocation lie within this of its first line (SPEC §4). */
export const REVOCATION_SPAN_MS = 5_000;

type RevocationLine = SeenSignal<
  SignalOf<'session_deactivated' | 'revoke_start' | 'revoke_done' | 'revoke_error'>
>;

/**
 * Gathers a user's `[REVOKE_ALL_SESSIONS]` start, `[SESSION_DEACTIVATED]`
 * lines and completion line into one revocation (SPEC §4), and hands each
 * revocation on once no further line can join it.
 */
export class RevocationAssembler {
  private readonly open = new Map<string, Revocation>();

  constructor(private readonly onClose: (revocation: Revocation) => void) {}

  accept(line: RevocationLine, user: string): void {
    const current = this.open.get(user);
    if (current && !joins(current, line)) this.close(current);
    const revocation = this.open.get(user) ?? this.start(user, line);

    const { signal } = line;
    switch (signal.kind) {
      case 'revoke_start':
        revocation.start = { ...line, signal };
        break;
      case 'session_deactivated':
        revocation.deactivations.push({ ...line, signal });
        break;
      case 'revoke_done':
        revocation.done = { ...line, signal };
        break;
      case 'revoke_error':
        revocation.errors.push({ ...line, signal });
        break;
    }
  }

  /** Closes the revocations that no line at or after `time` can join. */
  closeBefore(time: number): void {
    // Called for every record: no copy of the open list unless one closes.
    let closing: Revocation[] | null = null;
    for (const revocation of this.open.values()) {
      const first = revocation.first.time;
      if (first !== null && time - first > REVOCATION_SPAN_MS) {
        (closing ??= []).push(revocation);
      }
    }
    if (closing !== null) for (const revocation of closing) this.close(revocation);
  }

  closeAll(): void {
    for (const revocation of [...this.open.values()]) this.close(revocation);
  }

  private start(user: string, first: SeenSignal): Revocation {
    const revocation: Revocation = {
      user,
      first,
      source: first.signal.record.source,
      start: null,
      deactivations: [],
      done: null,
      errors: [],
    };
    this.open.set(user, revocation);
    return revocation;
  }

  private close(revocation: Revocation): void {
    if (this.open.get(revocation.user) === revocation) this.open.delete(revocation.user);
    this.onClose(revocation);
  }
}

/** Whether a line continues the user's open revocation. */
function joins(open: Revocation, line: SeenSignal): boolean {
  if (!withinMs(open.first, line, REVOCATION_SPAN_MS)) return false;
  if (!sameSource(open.source, line.signal.record.source)) return false;

  switch (line.signal.kind) {
    case 'revoke_start':
      return open.start === null && open.done === null;
    case 'revoke_done':
    case 'session_deactivated':
      return open.done === null;
    default:
      return true;
  }
}

/**
 * Sentry's request scopes are per event, so a Sentry source never separates
 * two lines; platform sources (dynos, containers) do.
 */
function sameSource(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  return a.startsWith('sentry:') || b.startsWith('sentry:');
}
