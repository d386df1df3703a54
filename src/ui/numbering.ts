/** The numbers a segment is labelled with, shared by the diagram and its Mermaid export. */
import { ackOf, hasAck, hasSyn } from '../model/segment';
import { seqSpan, type Seq } from '../model/seq';
import type { WireSegment } from '../model/history';
import type { EndpointId } from '../model/types';

/**
 * Each segment's sequence and acknowledgment numbers, absolute or relative to the ISN of the
 * connection it belongs to: a SYN starts its sender's numbering again, so a second connection in
 * the same run counts from 0 too (and a number with no ISN of its connection yet stays absolute).
 */
export function numbering(wire: readonly WireSegment[], relative: boolean): Map<number, { seq: number; ack: number | null; len: number }> {
  const isn: Partial<Record<EndpointId, Seq>> = {};
  const out = new Map<number, { seq: number; ack: number | null; len: number }>();
  for (const w of wire) {
    if (hasSyn(w.segment)) {
      isn[w.from] = w.segment.seq;
      // A new connection's first SYN: the peer's old numbers are over (a reset it answers with counts from nothing).
      if (!hasAck(w.segment)) delete isn[w.to];
    }
    const own = relative ? isn[w.from] : undefined;
    const peer = relative ? isn[w.to] : undefined;
    const acked = ackOf(w.segment);
    out.set(w.id, {
      seq: own === undefined ? w.segment.seq : seqSpan(own, w.segment.seq),
      ack: acked === null ? null : peer === undefined ? acked : seqSpan(peer, acked),
      len: w.segment.len,
    });
  }
  return out;
}
