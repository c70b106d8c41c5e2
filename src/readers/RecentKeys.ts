/**
 * Keys (millisecond, 32-bit hash) of released records, kept for a window
 * of log time. Keys arrive almost always in time order, so they live in a
 * growable ring of typed arrays: adding is an append and checking an
 * in-order key looks only at the tail. The rare key older than the newest
 * (a record released late) is found by binary search and kept aside.
 */
export class RecentKeys {
  private times = new Float64Array(1024);
  private hashes = new Uint32Array(1024);
  private head = 0;
  private count = 0;
  private readonly late = new Map<number, number[]>();

  /** True when (ms, hash) was added and not yet forgotten. */
  has(ms: number, hash: number): boolean {
    if (this.count === 0) return this.late.get(ms)?.includes(hash) ?? false;
    const newest = this.timeAt(this.count - 1);
    if (ms > newest) return false;
    if (ms === newest) return this.scanFrom(this.count - 1, ms, hash);
    if (this.late.get(ms)?.includes(hash) === true) return true;

    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.timeAt(mid) <= ms) low = mid;
      else high = mid - 1;
    }
    return this.timeAt(low) === ms && this.scanFrom(low, ms, hash);
  }

  add(ms: number, hash: number): void {
    if (this.count > 0 && ms < this.timeAt(this.count - 1)) {
      const list = this.late.get(ms);
      if (list === undefined) this.late.set(ms, [hash]);
      else list.push(hash);
      return;
    }
    if (this.count === this.times.length) this.grow();
    const at = (this.head + this.count) % this.times.length;
    this.times[at] = ms;
    this.hashes[at] = hash;
    this.count++;
  }

  /** Drops every key older than `before`. */
  forgetBefore(before: number): void {
    while (this.count > 0 && (this.times[this.head] as number) < before) {
      this.head = (this.head + 1) % this.times.length;
      this.count--;
    }
    for (const ms of this.late.keys()) if (ms < before) this.late.delete(ms);
  }

  private timeAt(index: number): number {
    return this.times[(this.head + index) % this.times.length] as number;
  }

  /** Looks at the keys with time `ms` ending at `index`, walking back. */
  private scanFrom(index: number, ms: number, hash: number): boolean {
    for (let i = index; i >= 0; i--) {
      const at = (this.head + i) % this.times.length;
      if (this.times[at] !== ms) return false;
      if (this.hashes[at] === hash) return true;
    }
    return false;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    const hashes = new Uint32Array(size);
    for (let i = 0; i < this.count; i++) {
      const at = (this.head + i) % this.times.length;
      times[i] = this.times[at] as number;
      hashes[i] = this.hashes[at] as number;
    }
    this.times = times;
    this.hashes = hashes;
    this.head = 0;
  }
}
