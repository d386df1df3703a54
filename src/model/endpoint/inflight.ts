/**
 * What an endpoint has sent and not yet had acknowledged, oldest first: a shared list
 * (../sharedList), so sending appends at the back and an ACK takes from the front, each costing
 * in proportion to the segments it touches, and old worlds keep seeing what they saw.
 */
import { seqAdd, seqGt, type Seq } from '../seq';
import { seqLength } from '../segment';
import { dropFirst, emptyList, firstOf, insertAt, lastOf, sizeOf, type SharedList } from '../sharedList';

/** Something sent and not yet acknowledged: a SYN, a FIN or a run of bytes. */
export interface Unacked {
  readonly seq: Seq;
  readonly len: number;
  /** SYN, FIN or 0 for plain data. */
  readonly control: number;
}

/** Sent and not yet acknowledged, oldest first. */
export type InFlight = SharedList<Unacked>;

export const noneInFlight = (): InFlight => emptyList();

export const countInFlight = (q: InFlight): number => sizeOf(q);

/** The oldest unacknowledged segment (what the retransmission timer resends), or null. */
export const oldest = (q: InFlight): Unacked | null => firstOf(q);

/** The newest one (what a tail-loss probe resends), or null. */
export const newest = (q: InFlight): Unacked | null => lastOf(q);

/** The sequence space something unacknowledged takes: its bytes, and one for a SYN or FIN. */
export const unackedLength = (u: Unacked): number => seqLength(u.len, u.control);

export const append = (q: InFlight, u: Unacked): InFlight => insertAt(q, q.end, u);

/** Without everything the cumulative ACK `ack` covers whole (a segment acknowledged in part stays). */
export function withoutAcked(q: InFlight, ack: Seq): InFlight {
  let n = 0;
  while (q.start + n < q.end && !seqGt(seqAdd(q.items[q.start + n]!.seq, unackedLength(q.items[q.start + n]!)), ack)) n++;
  return dropFirst(q, n);
}

/** Each unacknowledged thing, oldest first. */
export function* eachInFlight(q: InFlight): Generator<Unacked> {
  for (let i = q.start; i < q.end; i++) yield q.items[i]!;
}
