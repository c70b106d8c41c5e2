import { MinHeap } from '../../../src/readers/MinHeap';

interface Keyed<T> {
  item: T;
  key: number;
  seq: number;
}

/**
 * Re-orders time-ordered items by when they are delivered (`keyOf`, never
 * before the item's own time), holding only the items still in flight.
 */
export function* deliveryOrder<T extends { timeUs: number }>(
  items: Iterable<T>,
  keyOf: (item: T) => number,
): Generator<T> {
  const heap = new MinHeap<Keyed<T>>(
    (a, b) => a.key < b.key || (a.key === b.key && a.seq < b.seq),
  );
  let seq = 0;
  for (const item of items) {
    heap.push({ item, key: Math.max(item.timeUs, keyOf(item)), seq: seq++ });
    // Every later item has a time, hence a key, at least this item's time.
    while (heap.size > 0 && heap.peek()!.key <= item.timeUs) yield heap.pop()!.item;
  }
  while (heap.size > 0) yield heap.pop()!.item;
}
