/**
 * One item at a time from a stream of batches. Hand-written rather than an
 * async generator: `for await` over millions of records pays per item, and
 * this keeps that cost to one settled promise.
 */
export function flattenBatches<T>(batches: AsyncIterable<T[]>): AsyncIterableIterator<T> {
  const source = batches[Symbol.asyncIterator]();
  let batch: T[] = [];
  let at = 0;
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (at >= batch.length) {
        const next = await source.next();
        if (next.done === true) return { done: true, value: undefined };
        batch = next.value;
        at = 0;
      }
      return { done: false, value: batch[at++] as T };
    },
    async return(): Promise<IteratorResult<T>> {
      batch = [];
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
