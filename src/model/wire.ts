/**
 * The segments on the wire, kept in the order they will arrive: by arrival time, then by the order
 * they were scheduled in; segments a user holds halfway (manual network) come last, by id. The
 * next arrival is always the first one, so finding it and taking it off cost O(1), and sending
 * usually appends. Like the in-flight list (./endpoint/inflight), it is a window on an array that
 * views share; only the view that ends where the array ends appends in place, and a view never
 * changes once made, so old worlds stay exactly as they were.
 */
import type { Flight } from './world';

export interface Wire {
  readonly items: Flight[];
  readonly start: number;
  readonly end: number;
}

export const emptyWire = (): Wire => ({ items: [], start: 0, end: 0 });

export const wireSize = (w: Wire): number => w.end - w.start;

/** Whether `a` arrives before `b`. */
const before = (a: Flight, b: Flight): boolean => {
  if (a.held !== b.held) return b.held;
  if (a.held) return a.id < b.id;
  return a.arrivesAt < b.arrivesAt || (a.arrivesAt === b.arrivesAt && a.order < b.order);
};

export function addFlight(w: Wire, f: Flight): Wire {
  let at = w.end;
  while (at > w.start && before(f, w.items[at - 1]!)) at--;
  if (at === w.end && w.end === w.items.length && !(w.start > 64 && w.start > w.end - w.start)) {
    w.items.push(f);
    return { items: w.items, start: w.start, end: w.end + 1 };
  }
  const items = [...w.items.slice(w.start, at), f, ...w.items.slice(at, w.end)];
  return { items, start: 0, end: items.length };
}

export function findFlight(w: Wire, id: number): Flight | undefined {
  for (let i = w.start; i < w.end; i++) if (w.items[i]!.id === id) return w.items[i];
  return undefined;
}

export function removeFlight(w: Wire, f: Flight): Wire {
  if (w.end > w.start && w.items[w.start] === f) return { items: w.items, start: w.start + 1, end: w.end };
  const items = w.items.slice(w.start, w.end).filter((x) => x !== f);
  return { items, start: 0, end: items.length };
}

/** The next segment to arrive (not one held halfway), or null. */
export const firstDue = (w: Wire): Flight | null => (w.end > w.start && !w.items[w.start]!.held ? w.items[w.start]! : null);

/** Every segment on the wire, in arrival order (held ones last). */
export const wireList = (w: Wire): Flight[] => w.items.slice(w.start, w.end);
