import type { LogRecord } from '../../src/model/LogRecord';
import { mergeInOrder } from '../../src/store/mergeInOrder';
import { byTimeThenArrival, type StoredEntry } from '../../src/store/storedRecordOrder';

function entry(
  time: number | null,
  deliveryId: number,
  position: number,
  rowId: number,
): StoredEntry {
  return { time, deliveryId, position, rowId, record: {} as LogRecord };
}

/** A small deterministic generator: the same lists on every run. */
function* numbers(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2147483648;
    yield state;
  }
}

describe('mergeInOrder', () => {
  test('gives the order a sort of both lists together gives, ties on time included', () => {
    const random = numbers(7);
    const next = (below: number) => (random.next().value as number) % below;
    for (let round = 0; round < 50; round += 1) {
      const all: StoredEntry[] = [];
      const count = next(40);
      for (let i = 0; i < count; i += 1) {
        // Few distinct times, some null, so that arrival decides often.
        const time = next(5) === 0 ? null : next(6) * 1000;
        all.push(entry(time, 1 + next(4), i, 100 + i));
      }
      const kept = all.filter((_, i) => i % 3 !== 0).sort(byTimeThenArrival);
      const fresh = all.filter((_, i) => i % 3 === 0).sort(byTimeThenArrival);

      expect(mergeInOrder(kept, fresh)).toEqual([...all].sort(byTimeThenArrival));
    }
  });

  test('an empty side gives the other as it is', () => {
    const one = [entry(1, 1, 0, 1), entry(2, 1, 1, 2)];
    expect(mergeInOrder(one, [])).toEqual(one);
    expect(mergeInOrder([], one)).toEqual(one);
  });
});
