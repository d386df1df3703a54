/**
 * What an endpoint has sent and not yet had acknowledged, oldest first. Sending appends at the
 * back, an ACK removes from the front, and each costs in proportion to the segments it touches:
 * the list is a window (`start`..`end`) on an array that views share. Only the view that ends
 * where the array ends may append in place; any other copies its part first. A view never changes
 * once made, so old worlds (a player's checkpoints) keep seeing exactly what they saw.
 */
import { seqAdd, seqGt, type Seq } from '../seq';
import { FIN, SYN } from '../segment';

/** Something sent and not yet acknowledged: a SYN, a FIN or a run of bytes. */
export interface Unacked {
  readonly seq: Seq;
  readonly len: number;
  /** SYN, FIN or 0 for plain data. */
  readonly control: number;
}

export interface InFlight {
  readonly items: Unacked[];
  readonly start: number;
  readonly end: number;
}

export const noneInFlight = (): InFlight => ({ items: [], start: 0, end: 0 });

export const countInFlight = (q: InFlight): number => q.end - q.start;

/** The oldest unacknowledged segment (what the retransmission timer resends), or null. */
export const oldest = (q: InFlight): Unacked | null => (q.end > q.start ? q.items[q.start]! : null);

/** The newest one (what a tail-loss probe resends), or null. */
export const newest = (q: InFlight): Unacked | null => (q.end > q.start ? q.items[q.end - 1]! : null);

/** The sequence space something unacknowledged takes: its bytes, and one for a SYN or FIN. */
export const unackedLength = (u: Unacked): number => u.len + (u.control & SYN ? 1 : 0) + (u.control & FIN ? 1 : 0);

export function append(q: InFlight, u: Unacked): InFlight {
  // Copy when another view already appended here, or when most of the array is acknowledged history.
  if (q.end !== q.items.length || (q.start > 64 && q.start > q.end - q.start)) {
    const items = q.items.slice(q.start, q.end);
    items.push(u);
    return { items, start: 0, end: items.length };
  }
  q.items.push(u);
  return { items: q.items, start: q.start, end: q.end + 1 };
}

/** Without everything the cumulative ACK `ack` covers whole (a segment acknowledged in part stays). */
export function withoutAcked(q: InFlight, ack: Seq): InFlight {
  let start = q.start;
  while (start < q.end && !seqGt(seqAdd(q.items[start]!.seq, unackedLength(q.items[start]!)), ack)) start++;
  return start === q.start ? q : { items: q.items, start, end: q.end };
}

/** Each unacknowledged thing, oldest first. */
export function* eachInFlight(q: InFlight): Generator<Unacked> {
  for (let i = q.start; i < q.end; i++) yield q.items[i]!;
}
