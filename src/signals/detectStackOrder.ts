import type { Stack } from '../model/Frame';

export type StackOrder = Stack['writtenOrder'];

/** What order detection looks at in a frame. */
export interface OrderClue {
  absPath: string;
  function: string;
  code: string | null;
}

// Where a process starts running Python: a server worker, a thread, a script.
// Such frames sit at the outermost end of any stack.
const ENTRY_PACKAGE =
  /\/(gunicorn|uvicorn|daphne|waitress|wsgiref|celery\/app\/trace|werkzeug\/serving)[/.]/;
const ENTRY_MODULE = /\/(threading|socketserver|runpy)\.py$/;

/**
 * Which way a stack was written. When outermost-first, a frame's code line
 * usually calls the next frame's function (`revoke_all_sessions(user)`, then
 * `in revoke_all_sessions`); innermost-first it calls the previous one's.
 * Each adjacent pair votes; a tie falls to where the process entry frames
 * (gunicorn, threading, `<module>`) sit, then to outermost-first, the order
 * of `traceback.format_stack()` and of Python's own tracebacks.
 */
export function detectStackOrder(frames: OrderClue[]): StackOrder {
  let outermostFirst = 0;
  let innermostFirst = 0;
  for (let i = 0; i + 1 < frames.length; i++) {
    const [earlier, later] = [frames[i], frames[i + 1]] as [OrderClue, OrderClue];
    outermostFirst += callScore(earlier.code, later.function);
    innermostFirst += callScore(later.code, earlier.function);
  }
  if (outermostFirst !== innermostFirst) {
    return outermostFirst > innermostFirst ? 'outermost-first' : 'innermost-first';
  }

  const first = frames[0];
  const last = frames[frames.length - 1];
  if (first && last && frames.length > 1) {
    const [firstEntry, lastEntry] = [isEntryFrame(first), isEntryFrame(last)];
    if (lastEntry && !firstEntry) return 'innermost-first';
  }
  return 'outermost-first';
}

/** 1 when `code` calls `fn`, 0.5 when it only names it as an attribute (a property). */
function callScore(code: string | null, fn: string): number {
  if (code === null || fn === '' || fn.startsWith('<')) return 0;
  const { call, attribute } = patternsOf(fn);
  if (call.test(code)) return 1;
  return attribute.test(code) ? 0.5 : 0;
}

/** Distinct function names whose patterns are kept before the cache starts over. */
const PATTERN_CACHE_LIMIT = 1024;
const patterns = new Map<string, { call: RegExp; attribute: RegExp }>();

/** The two patterns of a function name, compiled once: the same frames recur in every stack. */
function patternsOf(fn: string): { call: RegExp; attribute: RegExp } {
  const known = patterns.get(fn);
  if (known !== undefined) return known;
  if (patterns.size >= PATTERN_CACHE_LIMIT) patterns.clear();
  const name = fn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const compiled = {
    call: new RegExp(`(?:^|[^\\w])${name}\\s*\\(`),
    attribute: new RegExp(`\\.${name}(?![\\w(])`),
  };
  // A name cut from a stack's text would keep that text alive in the cache: key a copy.
  patterns.set(JSON.parse(JSON.stringify(fn)) as string, compiled);
  return compiled;
}

function isEntryFrame(frame: OrderClue): boolean {
  const path = frame.absPath.replace(/\\/g, '/');
  return (
    frame.function === '<module>' || ENTRY_PACKAGE.test(path) || ENTRY_MODULE.test(path)
  );
}
