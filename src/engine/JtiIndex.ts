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
 * A 30-bit hash of the whole JTI. The table is keyed by it rather than by
 * the string: a lookup in a map of a million string keys compares the
 * strings of the entries it walks past, each a cache miss, where integer
 * keys sit in the map's own table.
 */
export function jtiKey(jti: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < jti.length; i++)
    hash = Math.imul(hash ^ jti.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

/**
 * One index's values under one JTI, oldest first: nearly every JTI has one,
 * so the first is held inline and an array is only made for a second.
 */
interface Slot<T> {
  first: T;
  more: T[] | null;
  /** Queue position (absolute) of the latest value filed or renewed here. */
  lastQueued: number;
  /** When the index first filed under this JTI (since it last emptied): the order of prefix matches. */
  since: number;
}

/** A JTI in the table, with the slot of each index that files under it. */
interface Entry {
  /** The table's own copy of the JTI, shared by every index. */
  jti: string;
  /** The slots of indexes 0, 1 and 2, as fields: an array would cost more than the entry. */
  slot0: Slot<unknown> | null;
  slot1: Slot<unknown> | null;
  slot2: Slot<unknown> | null;
}

/**
 * The JTIs that up to three indexes file under, in one map: the owner, the
 * rotations from and the rotations to a JTI are looked up together, and one
 * map of a million JTIs costs a third of three.
 */
export class JtiTable {
  /** By `jtiKey`; the few JTIs whose keys collide share an array. */
  private readonly byJti = new Map<number, Entry | Entry[]>();
  readonly byPrefix = new Map<number, Entry | Set<Entry>>();
  private views = 0;
  private filings = 0;

  /** A new index over this table (at most three). */
  index<T extends { time: number | null }>(): JtiIndex<T> {
    if (this.views >= 3) throw new Error('a JtiTable holds at most three indexes');
    return new JtiIndex<T>(this, this.views++);
  }

  /** @internal */
  nextFiling(): number {
    return this.filings++;
  }

  /** @internal The entry of `jti`, if any. */
  entryOf(jti: string): Entry | undefined {
    const found = this.byJti.get(jtiKey(jti));
    if (found === undefined) return undefined;
    if (!Array.isArray(found)) return found.jti === jti ? found : undefined;
    return found.find((entry) => entry.jti === jti);
  }

  /** @internal The entry of `jti`, made when missing. */
  entryFor(jti: string, owned: boolean): Entry {
    const key = jtiKey(jti);
    const found = this.byJti.get(key);
    if (found !== undefined) {
      if (!Array.isArray(found)) {
        if (found.jti === jti) return found;
      } else {
        const entry = found.find((e) => e.jti === jti);
        if (entry !== undefined) return entry;
      }
    }

    const entry: Entry = {
      jti: owned ? jti : ownCopy(jti),
      slot0: null,
      slot1: null,
      slot2: null,
    };
    if (found === undefined) this.byJti.set(key, entry);
    else if (Array.isArray(found)) found.push(entry);
    else this.byJti.set(key, [found, entry]);

    if (jti.length < PREFIX) return entry;
    const prefix = prefixKey(jti);
    const entries = this.byPrefix.get(prefix);
    if (entries === undefined) this.byPrefix.set(prefix, entry);
    else if (entries instanceof Set) entries.add(entry);
    else this.byPrefix.set(prefix, new Set([entries, entry]));
    return entry;
  }

  /** @internal Drops an entry no index files under any more. */
  release(entry: Entry): void {
    if (entry.slot0 || entry.slot1 || entry.slot2) return;
    const key = jtiKey(entry.jti);
    const found = this.byJti.get(key);
    if (found === entry) this.byJti.delete(key);
    else if (Array.isArray(found) && found.includes(entry)) {
      const rest = found.filter((e) => e !== entry);
      this.byJti.set(key, rest.length === 1 ? rest[0]! : rest);
    } else return;

    if (entry.jti.length < PREFIX) return;
    const prefix = prefixKey(entry.jti);
    const entries = this.byPrefix.get(prefix);
    if (entries === entry) this.byPrefix.delete(prefix);
    else if (entries instanceof Set) {
      entries.delete(entry);
      if (entries.size === 0) this.byPrefix.delete(prefix);
    }
  }
}

/**
 * Values filed under JTIs, found again by a whole or an abbreviated JTI
 * (`abc123...` in the guide matches `abc123def...` in the app's logs).
 * Entries expire with `forgetBefore` so memory tracks the lookback window.
 *
 * Millions of JTIs are filed over a day of logs and nearly every prefix
 * holds one, so a prefix maps to its lone JTI and only gets a `Set` when a
 * second one shares it; the expiry queue is three arrays, not an object each.
 * The table keeps its own copy of each JTI: the caller's is usually cut from
 * a log line, which it would keep alive for the whole lookback.
 */
export class JtiIndex<T extends { time: number | null }> {
  private fifoEntries: Entry[] = [];
  /** Null marks an entry superseded by a later `renew` of its value. */
  private fifoValues: (T | null)[] = [];
  /** The time each entry was queued at; NaN for none. */
  private fifoTimes: number[] = [];
  private fifoHead = 0;
  /** Absolute position of `fifoValues[0]`. */
  private fifoBase = 0;

  /** A stand-alone index, or one of the indexes of a shared table (`JtiTable.index`). */
  constructor(
    private readonly table: JtiTable = new JtiTable(),
    private readonly view: number = 0,
  ) {}

  /**
   * Files a value; returns the table's own copy of the JTI. `owned` says
   * that `jti` is already a kept copy, to share rather than copy.
   */
  add(jti: string, value: T, owned = false): string {
    const entry = this.table.entryFor(jti, owned);
    let slot = this.slotOf(entry);
    if (slot === null) {
      slot = { first: value, more: null, lastQueued: -1, since: this.table.nextFiling() };
      this.setSlot(entry, slot);
    } else if (slot.more === null) slot.more = [value];
    else slot.more.push(value);
    slot.lastQueued = this.enqueue(entry, value, value.time);
    return entry.jti;
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
    const entry = this.table.entryOf(jti);
    const slot = entry === undefined ? null : this.slotOf(entry);
    const latest = slot === null ? null : (slot.more?.at(-1) ?? slot.first);
    if (
      entry === undefined ||
      slot === null ||
      latest === null ||
      latest.time === null ||
      time === null ||
      !same(latest)
    ) {
      return this.add(entry?.jti ?? jti, make(), entry !== undefined);
    }
    this.fifoValues[slot.lastQueued - this.fifoBase] = null;
    latest.time = time;
    slot.lastQueued = this.enqueue(entry, latest, time);
    return entry.jti;
  }

  /** Every value filed under a JTI that matches `jti`, whole or abbreviated. */
  find(jti: string): T[] {
    const exactEntry = this.table.entryOf(jti);
    const exact = valuesOf(exactEntry === undefined ? null : this.slotOf(exactEntry));
    if (jti.length < PREFIX) return exact;

    const entries = this.table.byPrefix.get(prefixKey(jti));
    if (entries === undefined) return exact;
    const prefix = jti.slice(0, PREFIX);
    const matches = (entry: Entry) =>
      entry.jti !== jti &&
      this.slotOf(entry) !== null &&
      entry.jti.startsWith(prefix) &&
      jtiMatches(entry.jti, jti);
    if (!(entries instanceof Set)) {
      if (!matches(entries)) return exact;
      return [...exact, ...valuesOf(this.slotOf(entries))];
    }

    // In the order this index first filed under each JTI, as a map of its own would list them.
    const matched: Slot<T>[] = [];
    for (const entry of entries) {
      if (matches(entry)) matched.push(this.slotOf(entry)!);
    }
    if (matched.length === 0) return exact;
    matched.sort((a, b) => a.since - b.since);
    const found: T[] = [...exact];
    for (const slot of matched) found.push(...valuesOf(slot));
    return found;
  }

  /** Drops values older than `cutoff` (ms); values without a time are kept. */
  forgetBefore(cutoff: number): void {
    while (this.fifoHead < this.fifoValues.length) {
      const time = this.fifoTimes[this.fifoHead]!;
      if (Number.isNaN(time) || time >= cutoff) break;
      const value = this.fifoValues[this.fifoHead];
      if (value != null) this.remove(this.fifoEntries[this.fifoHead]!, value);
      this.fifoHead += 1;
    }
    if (this.fifoHead > 4096 && this.fifoHead * 2 > this.fifoValues.length) {
      this.fifoEntries = this.fifoEntries.slice(this.fifoHead);
      this.fifoValues = this.fifoValues.slice(this.fifoHead);
      this.fifoTimes = this.fifoTimes.slice(this.fifoHead);
      this.fifoBase += this.fifoHead;
      this.fifoHead = 0;
    }
  }

  private slotOf(entry: Entry): Slot<T> | null {
    const slot =
      this.view === 0 ? entry.slot0 : this.view === 1 ? entry.slot1 : entry.slot2;
    return slot as Slot<T> | null;
  }

  private setSlot(entry: Entry, slot: Slot<T> | null): void {
    if (this.view === 0) entry.slot0 = slot;
    else if (this.view === 1) entry.slot1 = slot;
    else entry.slot2 = slot;
  }

  private enqueue(entry: Entry, value: T, time: number | null): number {
    this.fifoEntries.push(entry);
    this.fifoValues.push(value);
    this.fifoTimes.push(time ?? NaN);
    return this.fifoBase + this.fifoValues.length - 1;
  }

  private remove(entry: Entry, value: T): void {
    const slot = this.slotOf(entry);
    if (slot === null) return;
    if (slot.first === value) {
      const next = slot.more?.shift();
      if (slot.more?.length === 0) slot.more = null;
      if (next !== undefined) slot.first = next;
      else {
        this.setSlot(entry, null);
        this.table.release(entry);
      }
    } else if (slot.more !== null) {
      const at = slot.more.indexOf(value);
      if (at >= 0) slot.more.splice(at, 1);
      if (slot.more.length === 0) slot.more = null;
    }
  }
}

const NONE: never[] = [];

function valuesOf<T>(slot: Slot<T> | null): T[] {
  if (slot === null) return NONE;
  return slot.more === null ? [slot.first] : [slot.first, ...slot.more];
}
