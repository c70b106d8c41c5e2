import type { SeenSignal } from './SeenSignal';

/** Signals of the last few seconds of log time, oldest first. */
export class RecentSignals {
  private items: SeenSignal[] = [];

  add(seen: SeenSignal): void {
    this.items.push(seen);
  }

  list(): SeenSignal[] {
    return [...this.items];
  }

  /** Drops signals older than `cutoff` (ms); signals without a time stay. */
  forgetBefore(cutoff: number): void {
    const firstKept = this.items.findIndex(
      (seen) => seen.time === null || seen.time >= cutoff,
    );
    if (firstKept < 0) this.items = [];
    else if (firstKept > 0) this.items = this.items.slice(firstKept);
  }
}
