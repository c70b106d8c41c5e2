import { jtiMatches } from '../signals/jtiMatches';

const PREFIX = 6;

/**
 * A small-integer hash of the JTI's first six characters. Integer keys spare
 * the map a string slice and a string hash per JTI; a bucket may then hold
 * JTIs of other prefixes, which `find` skips as the string index would have.
 */
function prefixKey(jti: string): number {
  let hash = 0;
  for (let i = 0; i < PREFIX; i++) hash = (hash * 31 + jti.charCodeAt(i)) & 0x3fffffff;
  return hash;
}

/**
 * Values filed under JTIs, found again by a whole or an abbreviated JTI
 * (`abc123...` in the guide matches `abc123def...` in the app's logs).
 * Entries expire with `forgetBefore` so memory tracks the lookback window.
 *
 * Millions of JTIs are filed over a day of logs and nearly every prefix
 * holds one, so a prefix maps to its lone JTI and only gets a `Set` when a
 * second one shares it; the expiry queue is two arrays, not an object each.
 */
export class JtiIndex<T extends { time: number | null }> {
  private readonly byJti = new Map<string, T[]>();
  private readonly byPrefix = new Map<number, string | Set<string>>();
  private fifoJtis: string[] = [];
  private fifoValues: T[] = [];
  private fifoHead = 0;

  add(jti: string, value: T): void {
    const list = this.byJti.get(jti);
    if (list) list.push(value);
    else {
      this.byJti.set(jti, [value]);
      if (jti.length >= PREFIX) this.addPrefix(jti);
    }
    this.fifoJtis.push(jti);
    this.fifoValues.push(value);
  }

  /** Every value filed under a JTI that matches `jti`, whole or abbreviated. */
  find(jti: string): T[] {
    const exact = this.byJti.get(jti) ?? [];
    if (jti.length < PREFIX) return exact;

    const keys = this.byPrefix.get(prefixKey(jti));
    if (keys === undefined) return exact;
    const prefix = jti.slice(0, PREFIX);
    const matches = (key: string) =>
      key !== jti && key.startsWith(prefix) && jtiMatches(key, jti);
    if (typeof keys === 'string') {
      if (!matches(keys)) return exact;
      return [...exact, ...(this.byJti.get(keys) ?? [])];
    }
    if (keys.size === 1 && exact.length > 0) return exact;
    const found: T[] = [...exact];
    for (const key of keys) {
      if (matches(key)) found.push(...(this.byJti.get(key) ?? []));
    }
    return found;
  }

  /** Drops values older than `cutoff` (ms); values without a time are kept. */
  forgetBefore(cutoff: number): void {
    while (this.fifoHead < this.fifoValues.length) {
      const value = this.fifoValues[this.fifoHead]!;
      if (value.time === null || value.time >= cutoff) break;
      this.remove(this.fifoJtis[this.fifoHead]!, value);
      this.fifoHead += 1;
    }
    if (this.fifoHead > 4096 && this.fifoHead * 2 > this.fifoValues.length) {
      this.fifoJtis = this.fifoJtis.slice(this.fifoHead);
      this.fifoValues = this.fifoValues.slice(this.fifoHead);
      this.fifoHead = 0;
    }
  }

  private addPrefix(jti: string): void {
    const key = prefixKey(jti);
    const keys = this.byPrefix.get(key);
    if (keys === undefined) this.byPrefix.set(key, jti);
    else if (typeof keys === 'string') this.byPrefix.set(key, new Set([keys, jti]));
    else keys.add(jti);
  }

  private remove(jti: string, value: T): void {
    const list = this.byJti.get(jti);
    if (!list) return;
    const at = list.indexOf(value);
    if (at >= 0) list.splice(at, 1);
    if (list.length > 0) return;

    this.byJti.delete(jti);
    if (jti.length < PREFIX) return;
    const key = prefixKey(jti);
    const keys = this.byPrefix.get(key);
    if (keys === jti) this.byPrefix.delete(key);
    else if (typeof keys === 'object') {
      keys.delete(jti);
      if (keys.size === 0) this.byPrefix.delete(key);
    }
  }
}
