/**
 * `items[index]` where the engine's own bookkeeping guarantees the index exists (a field row, a
 * rotation state, a table entry): reaching a missing one is a bug, so it throws rather than
 * letting `undefined` travel on.
 */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at index ${index}`);
  return item;
}
