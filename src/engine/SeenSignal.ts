import type { Signal } from '../model/Signal';
import type { Evidence } from './Evidence';

/** When a signal was seen: its log time, and `seq` to order signals whose time is unknown. */
export interface Stamp {
  seq: number;
  time: number | null;
}

/** A signal as the engine saw it. */
export interface SeenSignal<S extends Signal = Signal> extends Stamp {
  signal: S;
  /** Its timeline entry, made once when an incident first takes it (see `evidenceOf`). */
  evidence?: Evidence;
}

export type SignalOf<K extends Signal['kind']> = Extract<Signal, { kind: K }>;

/**
 * Strictly earlier: by time when both are known, else by arrival order
 * (inputs without times are kept in input order, SPEC §1).
 */
export function isBefore(a: Stamp, b: Stamp): boolean {
  if (a.time !== null && b.time !== null && a.time !== b.time) return a.time < b.time;
  return a.seq < b.seq;
}

/** Milliseconds between two signals, or null when a time is unknown (counts as within any window). */
export function gapMs(a: Stamp, b: Stamp): number | null {
  if (a.time === null || b.time === null) return null;
  return Math.abs(a.time - b.time);
}

export function withinMs(a: Stamp, b: Stamp, windowMs: number): boolean {
  const gap = gapMs(a, b);
  return gap === null || gap <= windowMs;
}
