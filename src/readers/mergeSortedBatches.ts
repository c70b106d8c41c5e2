import type { SortEntry } from './SortEntry';

interface Head {
  iterator: AsyncIterator<SortEntry[]>;
  batch: SortEntry[];
  at: number;
  order: number;
}

/** a before b: by key, then by input (first input first), then input order. */
function before(a: SortEntry, aOrder: number, b: SortEntry, bOrder: number): boolean {
  if (a.key !== b.key) return a.key < b.key;
  if (aOrder !== bOrder) return aOrder < bOrder;
  return a.seq < b.seq;
}

async function refill(head: Head): Promise<boolean> {
  for (;;) {
    const next = await head.iterator.next();
    if (next.done === true) return false;
    if (next.value.length > 0) {
      head.batch = next.value;
      head.at = 0;
      return true;
    }
  }
}

/**
 * K-way merge of per-input sorted streams (batches of entries) into one
 * sorted stream of batches. Equal keys keep the inputs' order. Each step
 * copies the run of the smallest head that stays below every other head.
 */
export async function* mergeSortedBatches(
  inputs: AsyncIterable<SortEntry[]>[],
): AsyncGenerator<SortEntry[]> {
  if (inputs.length === 1) {
    yield* inputs[0] as AsyncIterable<SortEntry[]>;
    return;
  }

  let heads: Head[] = [];
  try {
    yield* merge();
  } finally {
    // Stopped early (the consumer broke off, or an input failed): close the rest.
    await Promise.allSettled(heads.map((head) => head.iterator.return?.()));
  }

  async function* merge(): AsyncGenerator<SortEntry[]> {
    for (let order = 0; order < inputs.length; order++) {
      const head: Head = {
        iterator: (inputs[order] as AsyncIterable<SortEntry[]>)[Symbol.asyncIterator](),
        batch: [],
        at: 0,
        order,
      };
      if (await refill(head)) heads.push(head);
    }

    while (heads.length > 0) {
      let min = heads[0] as Head;
      for (const head of heads) {
        const a = head.batch[head.at] as SortEntry;
        if (before(a, head.order, min.batch[min.at] as SortEntry, min.order)) min = head;
      }
      let bound: Head | null = null;
      for (const head of heads) {
        if (head === min) continue;
        const a = head.batch[head.at] as SortEntry;
        if (
          bound === null ||
          before(a, head.order, bound.batch[bound.at] as SortEntry, bound.order)
        ) {
          bound = head;
        }
      }

      const start = min.at;
      if (bound === null) {
        min.at = min.batch.length;
      } else {
        const limit = bound.batch[bound.at] as SortEntry;
        while (
          min.at < min.batch.length &&
          before(min.batch[min.at] as SortEntry, min.order, limit, bound.order)
        ) {
          min.at++;
        }
      }
      yield min.batch.slice(start, min.at);

      if (min.at >= min.batch.length && !(await refill(min))) {
        heads = heads.filter((head) => head !== min);
      }
    }
  }
}
