import { duplicateKey } from './duplicateKey';
import { MinHeap } from './MinHeap';
import { preferredCopy } from './preferredCopy';
import type { SortEntry } from './SortEntry';

function entryLess(a: SortEntry, b: SortEntry): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}

/**
 * Restores time order within one input: an entry is held until the latest
 * key seen is `windowMs` past it, so records up to that much out of order
 * come out sorted (SPEC §1: 5 minutes). Memory is bounded by the window, not
 * by the input. An entry later than the window is released at once, out of
 * order; the deduplicator still catches it.
 *
 * With `mergeDuplicates`, copies of a line held at the same time are merged
 * on arrival (keeping the longest), so that a Sentry stream, where every
 * line comes back as a breadcrumb of later events, holds each line once.
 */
export class ReorderBuffer {
  // Most entries arrive in order: they wait in a plain queue, and only the
  // ones that arrive out of order pay for the heap.
  private queue: SortEntry[] = [];
  private queueHead = 0;
  private readonly heap = new MinHeap<SortEntry>(entryLess);
  private readonly held = new Map<string, SortEntry>();
  private latest = -Infinity;
  /** Copies merged on arrival. */
  merged = 0;

  constructor(
    private windowMs: number,
    private mergeDuplicates = false,
  ) {}

  /** Widens the window (never narrows it) and turns on duplicate merging. */
  widen(windowMs: number): void {
    this.windowMs = Math.max(this.windowMs, windowMs);
    this.mergeDuplicates = true;
  }

  /** Adds an entry and moves every entry now due into `out`. */
  push(entry: SortEntry, out: SortEntry[]): void {
    if (this.mergeDuplicates) {
      const key = duplicateKey(entry.record);
      if (key !== null) {
        const twin = this.held.get(key);
        if (twin !== undefined) {
          twin.record = preferredCopy(twin.record, entry.record);
          this.merged++;
          return;
        }
        this.held.set(key, entry);
      }
    }

    const tail =
      this.queue.length > this.queueHead ? this.queue[this.queue.length - 1] : undefined;
    if (tail === undefined || !entryLess(entry, tail)) {
      this.queue.push(entry);
    } else {
      this.heap.push(entry);
    }
    if (entry.key > this.latest) this.latest = entry.key;
    this.release(this.latest - this.windowMs, out);
  }

  /** Moves everything into `out` (end of input). */
  drain(out: SortEntry[]): void {
    this.release(Infinity, out);
  }

  private release(upTo: number, out: SortEntry[]): void {
    for (;;) {
      const queued = this.queue[this.queueHead];
      const top = this.heap.peek();
      let next: SortEntry;
      if (queued !== undefined && (top === undefined || !entryLess(top, queued))) {
        if (queued.key > upTo) return;
        next = queued;
        this.queueHead++;
        if (this.queueHead === this.queue.length) {
          this.queue = [];
          this.queueHead = 0;
        } else if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
          this.queue = this.queue.slice(this.queueHead);
          this.queueHead = 0;
        }
      } else if (top !== undefined) {
        if (top.key > upTo) return;
        next = top;
        this.heap.pop();
      } else {
        return;
      }
      if (this.held.size > 0) {
        const key = duplicateKey(next.record);
        if (key !== null && this.held.get(key) === next) this.held.delete(key);
      }
      out.push(next);
    }
  }
}
