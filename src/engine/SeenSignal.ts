import type { Signal } from '../model/Signal';

/** A signal as the engine saw it: `seq` orders signals whose time is unknown. */
export interface SeenSignal<S extends Signal = Signal> {
  signal: S;
  seq: number;
  time: number | null;
}

export type SignalOf<K extends Signal['kind']> = Extract<Signal, { kind: K }>;

/**
 * Strictly earlier: by time when both are known, else by arrival order
 * (inputs without times are kept in input order, SPEC §1).
 */
export function isBefore(a: SeenSignal, b: SeenSignal): boolean {
  if (a.time !== null && b.time !== null && a.time !== b.time) return a.time < b.time;
  return a.seq < b.seq;
}

/** Milliseconds between two signals, or null when a time is unknown (counts as within any window). */
export function gapMs(a: SeenSignal, b: SeenSignal): number | null {
  if (a.time === null || b.time === null) return null;
  return Math.abs(a.time - b.time);
}

export function withinMs(a: SeenSignal, b: SeenSignal, windowMs: number): boolean {
  const gap = gapMs(a, b);
  return gap === null || gap <= windowMs;
}
