/**
 * A list that old versions keep seeing as they were, at the cost of the items touched: a window
 * (`start`..`end`) on an array that versions share. Appending writes in place only for the version
 * that ends where the array ends; any other copies its part first, and so does a version whose
 * array is mostly history behind `start`. Taking from the front moves `start`. A version never
 * changes once made, so a player's old worlds stay exactly as they were. The in-flight list
 * (./endpoint/inflight) and the wire (./wire) are such lists.
 */
export interface SharedList<T> {
  readonly items: T[];
  readonly start: number;
  readonly end: number;
}

export const emptyList = <T>(): SharedList<T> => ({ items: [], start: 0, end: 0 });

export const sizeOf = <T>(l: SharedList<T>): number => l.end - l.start;

export const firstOf = <T>(l: SharedList<T>): T | null => (l.end > l.start ? l.items[l.start]! : null);

export const lastOf = <T>(l: SharedList<T>): T | null => (l.end > l.start ? l.items[l.end - 1]! : null);

export const toArray = <T>(l: SharedList<T>): T[] => l.items.slice(l.start, l.end);

/** The list with `x` put at position `at` (an index into `items`, from `start` to `end`). */
export function insertAt<T>(l: SharedList<T>, at: number, x: T): SharedList<T> {
  const mostlyHistory = l.start > 64 && l.start > l.end - l.start;
  if (at === l.end && l.end === l.items.length && !mostlyHistory) {
    l.items.push(x);
    return { items: l.items, start: l.start, end: l.end + 1 };
  }
  const items = [...l.items.slice(l.start, at), x, ...l.items.slice(at, l.end)];
  return { items, start: 0, end: items.length };
}

/** The list without its first `n` items. */
export const dropFirst = <T>(l: SharedList<T>, n: number): SharedList<T> => (n === 0 ? l : { items: l.items, start: l.start + n, end: l.end });

/** The list without `x` (taken from the front at no cost; from elsewhere by a copy). */
export function without<T>(l: SharedList<T>, x: T): SharedList<T> {
  if (firstOf(l) === x) return dropFirst(l, 1);
  const items = toArray(l).filter((y) => y !== x);
  return { items, start: 0, end: items.length };
}
