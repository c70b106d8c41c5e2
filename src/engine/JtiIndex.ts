import { jtiMatches } from '../signals/jtiMatches';

const PREFIX = 6;

/**
 * Values filed under JTIs, found again by a whole or an abbreviated JTI
 * (`abc123...` in the guide matches `abc123def...` in the app's logs).
 * Entries expire with `forgetBefore` so memory tracks the lookback window.
 */
export class JtiIndex<T extends { time: number | null }> {
  private readonly byJti = new Map<string, T[]>();
  private readonly byPrefix = new Map<string, Set<string>>();
  private readonly fifo: { jti: string; value: T }[] = [];
  private fifoHead = 0;

  add(jti: string, value: T): void {
    const list = this.byJti.get(jti);
    if (list) list.push(value);
    else {
      this.byJti.set(jti, [value]);
      if (jti.length >= PREFIX) {
        const key = jti.slice(0, PREFIX);
        const set = this.byPrefix.get(key) ?? new Set<string>();
        set.add(jti);
        this.byPrefix.set(key, set);
      }
    }
    this.fifo.push({ jti, value });
  }

  /** Every value filed under a JTI that matches `jti`, whole or abbreviated. */
  find(jti: string): T[] {
    const exact = this.byJti.get(jti) ?? [];
    if (jti.length < PREFIX) return exact;

    const keys = this.byPrefix.get(jti.slice(0, PREFIX));
    if (!keys || (keys.size === 1 && exact.length > 0)) return exact;
    const found: T[] = [...exact];
    for (const key of keys) {
      if (key !== jti && jtiMatches(key, jti)) found.push(...(this.byJti.get(key) ?? []));
    }
    return found;
  }

  /** Drops values older than `cutoff` (ms); values without a time are kept. */
  forgetBefore(cutoff: number): void {
    while (this.fifoHead < this.fifo.length) {
      const entry = this.fifo[this.fifoHead]!;
      if (entry.value.time === null || entry.value.time >= cutoff) break;
      this.remove(entry.jti, entry.value);
      this.fifoHead += 1;
    }
    if (this.fifoHead > 4096 && this.fifoHead * 2 > this.fifo.length) {
      this.fifo.splice(0, this.fifoHead);
      this.fifoHead = 0;
    }
  }

  private remove(jti: string, value: T): void {
    const list = this.byJti.get(jti);
    if (!list) return;
    const at = list.indexOf(value);
    if (at >= 0) list.splice(at, 1);
    if (list.length > 0) return;

    this.byJti.delete(jti);
    const key = jti.slice(0, PREFIX);
    const set = this.byPrefix.get(key);
    set?.delete(jti);
    if (set && set.size === 0) this.byPrefix.delete(key);
  }
}
