/**
 * A map whose entries expire a while (of log time) after they were last
 * set. Expiry walks a queue in time order, so pruning costs what expires,
 * not the size of the map.
 */
export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { key: K; value: V; time: number | null }>();
  // The queue as two arrays, not an object per `set`.
  private queueKeys: K[] = [];
  private queueTimes: number[] = [];
  private head = 0;

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Sets the value and restarts its clock at `time`; entries without a time never expire. */
  set(key: K, value: V, time: number | null): void {
    const entry = this.entries.get(key);
    if (entry === undefined) this.entries.set(key, { key, value, time });
    else {
      entry.value = value;
      entry.time = time;
    }
    if (time !== null) {
      this.queueKeys.push(entry?.key ?? key);
      this.queueTimes.push(time);
    }
  }

  /**
   * Restarts an entry's clock at `time` and returns its value, in one
   * lookup; undefined (and nothing set) when the key is missing.
   */
  restart(key: K, time: number | null): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.time = time;
    if (time !== null) {
      this.queueKeys.push(entry.key);
      this.queueTimes.push(time);
    }
    return entry.value;
  }

  /** Restarts an entry's clock without changing its value. */
  touch(key: K, time: number | null): void {
    const entry = this.entries.get(key);
    if (entry) this.set(key, entry.value, time);
  }

  forgetBefore(cutoff: number): void {
    while (this.head < this.queueTimes.length && this.queueTimes[this.head]! < cutoff) {
      const key = this.queueKeys[this.head]!;
      const time = this.queueTimes[this.head]!;
      this.head += 1;
      // A later `set` re-queued the key; only its latest time counts.
      if (this.entries.get(key)?.time === time) this.entries.delete(key);
    }
    if (this.head > 4096 && this.head * 2 > this.queueTimes.length) {
      this.queueKeys = this.queueKeys.slice(this.head);
      this.queueTimes = this.queueTimes.slice(this.head);
      this.head = 0;
    }
  }
}
