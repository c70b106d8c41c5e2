import { byTimeThenArrival, type StoredEntry } from './storedRecordOrder';

/**
 * The entries of two lists, each already in `byTimeThenArrival` order, in
 * that order. No two stored entries compare equal (a delivery, a place in
 * it and a row tell them apart), so the result is the one a sort of both
 * together would give.
 *
 * @example
 * mergeInOrder(kept, fresh.sort(byTimeThenArrival));
 */
export function mergeInOrder(a: StoredEntry[], b: StoredEntry[]): StoredEntry[] {
  const merged: StoredEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a[i]!;
    const right = b[j]!;
    if (byTimeThenArrival(right, left) < 0) {
      merged.push(right);
      j += 1;
    } else {
      merged.push(left);
      i += 1;
    }
  }
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}
