/**
 * The segments on the wire, kept in the order they will arrive: by arrival time, then by the order
 * they were scheduled in; segments a user holds halfway (manual network) come last, by id. The
 * next arrival is always the first one, so finding it and taking it off cost O(1), and sending
 * usually appends. It is a shared list (./sharedList), so old worlds stay exactly as they were.
 */
import { emptyList, firstOf, insertAt, sizeOf, toArray, without, type SharedList } from './sharedList';
import type { SendWhy } from './endpoint/tcb';
import type { AssumedWhy, CapturedPacket } from './replay';
import type { Segment } from './segment';
import type { EndpointId } from './types';

/** A segment on the wire: in flight, or held halfway by a user playing the network. */
export interface Flight {
  readonly id: number;
  readonly from: EndpointId;
  readonly to: EndpointId;
  readonly segment: Segment;
  readonly retransmission: boolean;
  /** The rule that sent it. */
  readonly why: SendWhy;
  readonly sentAt: number;
  readonly arrivesAt: number;
  readonly held: boolean;
  /** Among things due at the same instant, the one scheduled first goes first. */
  readonly order: number;
  /** A replayed segment its peer answered with a reset for no connection: the peer had given up before it came (./replay). */
  readonly findsNoConnection?: true;
  /** A replayed segment's packet in its capture. */
  readonly packet?: CapturedPacket;
  /** A replayed segment not in its capture: assumed before it began, or inferred from what it holds. */
  readonly assumed?: AssumedWhy;
}

export type Wire = SharedList<Flight>;

export const emptyWire = (): Wire => emptyList();

export const wireSize = (w: Wire): number => sizeOf(w);

/** Whether `a` arrives before `b`. */
const before = (a: Flight, b: Flight): boolean => {
  if (a.held !== b.held) return b.held;
  if (a.held) return a.id < b.id;
  return a.arrivesAt < b.arrivesAt || (a.arrivesAt === b.arrivesAt && a.order < b.order);
};

export function addFlight(w: Wire, f: Flight): Wire {
  let at = w.end;
  while (at > w.start && before(f, w.items[at - 1]!)) at--;
  return insertAt(w, at, f);
}

export function findFlight(w: Wire, id: number): Flight | undefined {
  for (let i = w.start; i < w.end; i++) if (w.items[i]!.id === id) return w.items[i];
  return undefined;
}

export const removeFlight = (w: Wire, f: Flight): Wire => without(w, f);

/** The next segment to arrive (not one held halfway), or null. */
export function firstDue(w: Wire): Flight | null {
  const f = firstOf(w);
  return f && !f.held ? f : null;
}

/** Every segment on the wire, in arrival order (held ones last). */
export const wireList = (w: Wire): Flight[] => toArray(w);
