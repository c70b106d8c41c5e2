import { jtiMatches } from '../signals/jtiMatches';
import { ownCopy } from './ownCopy';

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
 * One JTI's values, oldest first: nearly every JTI has one, so the first is
 * held inline and an array is only made for a second.
 */
interface Slot<T> {
  /** The index's own copy of the JTI, shared by every value filed under it. */
  jti: string;
  /** Null once the last value expired. */
  first: T | null;
  more: T[] | null;
  /** Queue position (absolute) of the latest value filed or renewed here. */
  lastQueued: number;
}

/**
 * Values filed under JTIs, found again by a whole or an abbreviated JTI
 * (`abc123...` in the guide matches `abc123def...` in the app's logs).
 * Entries expire with `forgetBefore` so memory tracks the lookback window.
 *
 * Millions of JTIs are filed over a day of logs and nearly every prefix
 * holds one, so a prefix maps to its lone JTI and only gets a `Set` when a
 * second one shares it; the expiry queue is three arrays, not an object each.
 * The index keeps its own copy of each JTI: the caller's is usually cut from
 * a log line, which it would keep alive for the whole lookback.
 */
export class JtiIndex<T extends { time: number | null }> {
  private readonly byJti = new Map<string, Slot<T>>();
  private readonly byPrefix = new Map<number, Slot<T> | Set<Slot<T>>>();
  private fifoSlots: Slot<T>[] = [];
  /** Null marks an entry superseded by a later `renew` of its value. */
  private fifoValues: (T | null)[] = [];
  /** The time each entry was queued at; NaN for none. */
  private fifoTimes: number[] = [];
  private fifoHead = 0;
  /** Absolute position of `fifoValues[0]`. */
  private fifoBase = 0;

  /**
   * Files a value; returns the index's own copy of the JTI. `owned` says
   * that `jti` is already a kept copy (another index's), to share rather
   * than copy.
   */
  add(jti: string, value: T, owned = false): string {
    let slot = this.byJti.get(jti);
    if (slot === undefined) slot = this.newSlot(owned ? jti : ownCopy(jti), value);
    else if (slot.more === null) slot.more = [value];
    else slot.more.push(value);
    slot.lastQueued = this.enqueue(slot, value, value.time);
    return slot.jti;
  }

  /**
   * Like `add`, but when the JTI's latest value is `same` as the new one,
   * that value takes the new time instead of a second value being filed (a
   * token refreshed every few minutes would otherwise file its owner each
   * time). `make` builds the value only when one is filed. Expiry is as if
   * both had been filed: the older entry only ever hid behind the newer one.
   * Values without a time are always filed.
   */
  renew(
    jti: string,
    time: number | null,
    same: (latest: T) => boolean,
    make: () => T,
  ): string {
    const slot = this.byJti.get(jti);
    const latest = slot && (slot.more?.at(-1) ?? slot.first);
    if (
      slot === undefined ||
      !latest ||
      latest.time === null ||
      time === null ||
      !same(latest)
    ) {
      return this.add(jti, make());
    }
    this.fifoValues[slot.lastQueued - this.fifoBase] = null;
    latest.time = time;
    slot.lastQueued = this.enqueue(slot, latest, time);
    return slot.jti;
  }

  /** Every value filed under a JTI that matches `jti`, whole or abbreviated. */
  find(jti: string): T[] {
    const exact = valuesOf(this.byJti.get(jti));
    if (jti.length < PREFIX) return exact;

    const slots = this.byPrefix.get(prefixKey(jti));
    if (slots === undefined) return exact;
    const prefix = jti.slice(0, PREFIX);
    const matches = (slot: Slot<T>) =>
      slot.jti !== jti && slot.jti.startsWith(prefix) && jtiMatches(slot.jti, jti);
    if (!(slots instanceof Set)) {
      if (!matches(slots)) return exact;
      return [...exact, ...valuesOf(slots)];
    }
    if (slots.size === 1 && exact.length > 0) return exact;
    const found: T[] = [...exact];
    for (const slot of slots) {
      if (matches(slot)) found.push(...valuesOf(slot));
    }
    return found;
  }

  /** Drops values older than `cutoff` (ms); values without a time are kept. */
  forgetBefore(cutoff: number): void {
    while (this.fifoHead < this.fifoValues.length) {
      const time = this.fifoTimes[this.fifoHead]!;
      if (Number.isNaN(time) || time >= cutoff) break;
      const value = this.fifoValues[this.fifoHead];
      if (value != null) this.remove(this.fifoSlots[this.fifoHead]!, value);
      this.fifoHead += 1;
    }
    if (this.fifoHead > 4096 && this.fifoHead * 2 > this.fifoValues.length) {
      this.fifoSlots = this.fifoSlots.slice(this.fifoHead);
      this.fifoValues = this.fifoValues.slice(this.fifoHead);
      this.fifoTimes = this.fifoTimes.slice(this.fifoHead);
      this.fifoBase += this.fifoHead;
      this.fifoHead = 0;
    }
  }

  private enqueue(slot: Slot<T>, value: T, time: number | null): number {
    this.fifoSlots.push(slot);
    this.fifoValues.push(value);
    this.fifoTimes.push(time ?? NaN);
    return this.fifoBase + this.fifoValues.length - 1;
  }

  private newSlot(jti: string, value: T): Slot<T> {
    const slot: Slot<T> = { jti, first: value, more: null, lastQueued: -1 };
    this.byJti.set(slot.jti, slot);
    if (jti.length < PREFIX) return slot;

    const key = prefixKey(jti);
    const slots = this.byPrefix.get(key);
    if (slots === undefined) this.byPrefix.set(key, slot);
    else if (slots instanceof Set) slots.add(slot);
    else this.byPrefix.set(key, new Set([slots, slot]));
    return slot;
  }

  private remove(slot: Slot<T>, value: T): void {
    if (slot.first === value) {
      slot.first = slot.more?.shift() ?? null;
      if (slot.more?.length === 0) slot.more = null;
    } else if (slot.more !== null) {
      const at = slot.more.indexOf(value);
      if (at >= 0) slot.more.splice(at, 1);
      if (slot.more.length === 0) slot.more = null;
    }
    if (slot.first !== null || this.byJti.get(slot.jti) !== slot) return;

    this.byJti.delete(slot.jti);
    if (slot.jti.length < PREFIX) return;
    const key = prefixKey(slot.jti);
    const slots = this.byPrefix.get(key);
    if (slots === slot) this.byPrefix.delete(key);
    else if (slots instanceof Set) {
      slots.delete(slot);
      if (slots.size === 0) this.byPrefix.delete(key);
    }
  }
}

const NONE: never[] = [];

function valuesOf<T>(slot: Slot<T> | undefined): T[] {
  if (slot === undefined || slot.first === null) return NONE;
  return slot.more === null ? [slot.first] : [slot.first, ...slot.more];
}
