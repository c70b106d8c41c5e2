// Rows per INSERT: far below SQLite's bound-variable limit, large enough to be quick.
export const ROWS_PER_INSERT = 100;

/** Splits a list into lists of at most `size` items, for multi-row statements. */
export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}
