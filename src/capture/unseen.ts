/**
 * What a capture must have missed, inferred from what it holds, so that the replay starts where
 * the connection really was instead of departing from the model at every segment:
 *
 * - a connection seen from its SYN+ACK: the client's SYN came first (its sequence number is one
 *   before the SYN+ACK's ACK number);
 * - a connection seen in one direction only (asymmetric routing, a one-sided tap): the unseen
 *   side's segments, from what the seen side acknowledges. The seen side's ACK numbers say how
 *   far the unseen side had sent (its bytes, its SYN+ACK, its FIN: the last advance of exactly one
 *   is taken as a FIN, and so is the last advance of a side that closes too); and the unseen side
 *   acknowledged what the seen side sent, unless the seen side sent it again;
 * - bytes one side sent that the capture missed (it dropped packets, as tcpdump does under load):
 *   a segment that starts past everything its side was seen to send, whose gap the peer goes on
 *   to acknowledge and that no later segment of its side fills, had the gap's bytes sent before it.
 *
 * Inferred segments carry `inferred` and no packet of their own (frame 0): the replay marks them,
 * and nothing about them counts as an anomaly. A capture that starts after the handshake gets its
 * opening from the replay itself (src/capture/infer.ts).
 */
import { MAX_GAP } from '../model/replay';
import { FIN, SYN, RST, ACK, seqLength } from '../model/segment';
import type { Connection } from './connections';

/** Why a segment that is not in the capture is in the replay: the opening before a SYN+ACK, the side the capture did not see, or bytes it missed. */
export type InferredWhy = 'opening' | 'unseen' | 'missed';

/** Bytes a side sent that the capture missed, before its packet `before` (whose time is `t`). */
export interface Missed {
  readonly fromClient: boolean;
  readonly bytes: number;
  readonly before: number;
  readonly t: number;
}

export type Seg = Connection['segments'][number] & { readonly inferred?: InferredWhy };

export interface Completed {
  /** The capture's segments with the inferred ones among them, in time order. */
  readonly segments: readonly Seg[];
  /** The client's SYN was inferred (the capture starts at the SYN+ACK). */
  readonly opening: boolean;
  /** The side the capture never saw send anything, whose segments were inferred; null when both were seen. */
  readonly unseen: 'client' | 'server' | null;
  /** Bytes the capture missed, inferred before the segment that follows them (both sides seen). */
  readonly missed: readonly Missed[];
}

/** The most bytes one inferred segment carries (a gap longer than this is several segments). */
const CHUNK = 65_535;

const u32 = (n: number) => n >>> 0;
/** b - a, as a signed distance in sequence space. */
const dist = (a: number, b: number) => {
  const d = u32(b - a);
  return d >= 2 ** 31 ? d - 2 ** 32 : d;
};
const space = (s: Seg) => seqLength(s.len, s.flags);

/**
 * A key naming a segment's side, sequence number, length and some of its flags (`flags`, the
 * wire's bits, at most 0x1f), for a Map or a Set: a number (exact, under 2^53) for a segment of
 * less than 32 KiB, else a string. Making a string for every segment was much of the inference's
 * time.
 */
export function segmentKey(fromClient: boolean, seq: number, len: number, flags: number): number | string {
  if (len >= 0 && len < 0x8000 && (len | 0) === len && flags >= 0 && flags < 0x20 && seq >>> 0 === seq)
    return ((len * 0x20 + flags) * 2 + (fromClient ? 1 : 0)) * 0x1_0000_0000 + seq;
  return `${fromClient ? 'c' : 's'}${seq}/${len}/${flags}`;
}

export function complete(c: Connection): Completed {
  const segs = c.segments;
  if (segs.length === 0) return { segments: segs, opening: false, unseen: null, missed: [] };
  const oneSided = segs.every((s) => s.fromClient === segs[0]!.fromClient);
  if (oneSided) return { ...oneDirection(segs), missed: [] };
  const opened = opening(segs);
  const filled = missedBytes(opened.segments);
  return { ...opened, segments: filled.segments, missed: filled.missed };
}

/** A connection whose both sides were seen: the client's SYN before a SYN+ACK that the capture starts at, or one reordered after it. */
function opening(segs: readonly Seg[]): Omit<Completed, 'missed'> {
  // Seen from the SYN+ACK: the client's SYN, just before it.
  const synAck = segs.findIndex((s) => !s.fromClient && s.flags & SYN && s.flags & ACK);
  // A client SYN captured after the SYN+ACK that answers it was reordered on the way to the
  // capture point: it is replayed just before the SYN+ACK (at its moment), not as a late resend.
  const late =
    synAck < 0 ? -1 : segs.findIndex((s, i) => i > synAck && s.fromClient && s.flags & SYN && !(s.flags & ACK) && s.seq === u32(segs[synAck]!.ack - 1));
  if (late >= 0 && !segs.slice(0, synAck).some((s) => s.fromClient && s.flags & SYN)) {
    const moved = { ...segs[late]!, t: segs[synAck]!.t };
    return { segments: [...segs.slice(0, synAck), moved, ...segs.slice(synAck, late), ...segs.slice(late + 1)], opening: false, unseen: null };
  }
  // (A client SYN captured after the SYN+ACK it drew was reordered on the way, not missed.)
  if (synAck >= 0 && !segs.some((s) => s.fromClient && s.flags & SYN && !(s.flags & ACK) && s.seq === u32(segs[synAck]!.ack - 1))) {
    const sa = segs[synAck]!;
    const syn = peerSegment(sa, sa.t, SYN, u32(sa.ack - 1), 0, 0, 'opening');
    return { segments: [...segs.slice(0, synAck), syn, ...segs.slice(synAck)], opening: true, unseen: null };
  }
  return { segments: segs, opening: false, unseen: null };
}

/** A segment of the peer of `of`'s sender, at `t`. */
function peerSegment(of: Seg, t: number, flags: number, seq: number, ack: number, len: number, inferred: InferredWhy): Seg {
  return {
    frame: 0,
    t,
    src: of.dst,
    dst: of.src,
    sport: of.dport,
    dport: of.sport,
    flags,
    seq: u32(seq),
    ack: flags & ACK ? u32(ack) : 0,
    len,
    win: 65_535,
    options: {},
    truncated: false,
    fromClient: !of.fromClient,
    inferred,
  };
}

/**
 * Bytes the capture missed: a segment (not a SYN or a reset) that starts past the end of all its
 * side sent before, by at most MAX_GAP, had that gap sent before it, when the peer later
 * acknowledges the gap and no later segment of its side starts before the gap's end (a resend of
 * it: then it was lost on the way, not missed by the capture). Inferred segments carry the gap,
 * just before the peer's first ACK of it where that came first (tshark's "ACKed unseen segment").
 */
function missedBytes(segs: readonly Seg[]): { segments: readonly Seg[]; missed: Missed[] } {
  const n = segs.length;
  // Each side's sequence numbers as distances from its first segment's, so that they compare across a wrap.
  const base = [segs.find((s) => !s.fromClient)?.seq ?? 0, segs.find((s) => s.fromClient)?.seq ?? 0];
  const side = (s: Seg) => (s.fromClient ? 1 : 0);
  const at = (s: Seg, seq: number) => dist(base[side(s)]!, seq);
  // From each index on: the highest each side's ACK reaches of the other's numbers, and the lowest sequence number each side sends.
  const laterAck = [new Float64Array(n + 1).fill(-Infinity), new Float64Array(n + 1).fill(-Infinity)];
  const laterSeq = [new Float64Array(n + 1).fill(Infinity), new Float64Array(n + 1).fill(Infinity)];
  for (let k = n - 1; k >= 0; k--) {
    const s = segs[k]!;
    const me = side(s);
    for (const x of [0, 1]) {
      laterAck[x]![k] = laterAck[x]![k + 1]!;
      laterSeq[x]![k] = laterSeq[x]![k + 1]!;
    }
    // An ACK from this side reaches into the other side's numbers.
    if (s.flags & ACK && !(s.flags & RST)) laterAck[me]![k] = Math.max(laterAck[me]![k]!, dist(base[1 - me]!, s.ack));
    if (!(s.flags & RST)) laterSeq[me]![k] = Math.min(laterSeq[me]![k]!, at(s, s.seq));
  }
  // The end of what each side was seen to send (null before its first segment).
  const sentEnd: [number | null, number | null] = [null, null];
  // Where in `out` the peer first acknowledged past a side's end since that side last sent (null: it has not).
  const ackedPast: [number | null, number | null] = [null, null];
  const out: Seg[] = [];
  const missed: Missed[] = [];
  segs.forEach((s, i) => {
    const me = side(s) as 0 | 1;
    const start = at(s, s.seq);
    const end = sentEnd[me];
    if (
      end !== null &&
      !(s.flags & (SYN | RST)) &&
      start > end &&
      start - end <= MAX_GAP &&
      laterAck[1 - me]![i + 1]! >= start &&
      laterSeq[me]![i + 1]! >= start
    ) {
      const place = ackedPast[me] ?? out.length;
      // Just before what follows them (1 ms, or halfway back to the packet before): sent before it, not with it.
      const next = out[place]?.t ?? s.t;
      const prev = out[place - 1]?.t ?? next;
      const t = next - Math.max(0, Math.min((next - prev) / 2, 0.001));
      const gap: Seg[] = [];
      let seq = u32(base[me]! + end);
      for (let bytes = start - end; bytes > 0;) {
        const len = Math.min(bytes, CHUNK);
        gap.push({ ...s, t, frame: 0, flags: ACK, seq, len, options: {}, truncated: false, inferred: 'missed' });
        seq = u32(seq + len);
        bytes -= len;
      }
      out.splice(place, 0, ...gap);
      missed.push({ fromClient: s.fromClient, bytes: start - end, before: s.frame, t });
    }
    // The first ACK of bytes past all the peer was seen to send, since the peer last sent.
    const peer = (1 - me) as 0 | 1;
    const peerEnd = sentEnd[peer];
    if (peerEnd !== null && ackedPast[peer] === null && s.flags & ACK && !(s.flags & RST) && dist(base[peer]!, s.ack) > peerEnd) ackedPast[peer] = out.length;
    out.push(s);
    if (!(s.flags & RST) && (end === null || start + space(s) > end)) sentEnd[me] = start + space(s);
    ackedPast[me] = null;
  });
  return missed.length > 0 ? { segments: out, missed } : { segments: segs, missed };
}

/** A connection the capture saw from one side: the other side's segments, from what the seen side acknowledges. */
function oneDirection(segs: readonly Seg[]): Omit<Completed, 'missed'> {
  const n = segs.length;
  const out: Seg[] = [];
  // The highest ACK number (as a distance from the first) of the seen side from each index on: whether an advance is the last.
  const firstAck = segs.find((s) => s.flags & ACK && !(s.flags & RST))?.ack ?? 0;
  const laterMax = new Array<number>(n + 1).fill(-Infinity);
  for (let k = n - 1; k >= 0; k--) {
    const s = segs[k]!;
    laterMax[k] = Math.max(laterMax[k + 1]!, s.flags & ACK && !(s.flags & RST) ? dist(firstAck, s.ack) : -Infinity);
  }
  const closes = segs.some((s) => s.flags & FIN);
  // Copies sent again later were not acknowledged before their last copy: the last index of each range.
  const keys = segs.map((s) => segmentKey(s.fromClient, s.seq, s.len, s.flags & (SYN | FIN)));
  const lastCopy = new Map<number | string, number>();
  const copies = new Map<number | string, number>();
  segs.forEach((s, k) => {
    if (space(s) === 0 || s.flags & RST) return;
    lastCopy.set(keys[k]!, k);
    copies.set(keys[k]!, (copies.get(keys[k]!) ?? 0) + 1);
  });
  // A range sent again and again, after whose last copy the side sent resets and nothing else, was
  // never acknowledged: the side gave up. (One that just stops resending was acknowledged at last.)
  let lastNotReset = -1;
  segs.forEach((s, k) => !(s.flags & RST) && (lastNotReset = k));
  const resetsAtEnd = segs.at(-1)!.flags & RST;
  const neverAcked = (k: number | string) => (copies.get(k) ?? 0) > 1 && resetsAtEnd && lastNotReset <= lastCopy.get(k)!;
  const held = new Map<number | string, number>(); // ranges waiting for their last copy: key -> seq
  let mySyn: Seg | null = null; // the seen side's SYN (without ACK), if it opened
  let peerNxt: number | null = null; // the unseen side's next sequence number
  let acked: number | null = null; // the highest the unseen side acknowledged
  let sentEnd: number | null = null; // the end of what the seen side sent (highest)
  let pending = false;
  const ackNow = () => {
    if (sentEnd === null) return null;
    let v = sentEnd;
    for (const seq of held.values()) if (dist(seq, v) > 0) v = seq;
    return v;
  };
  segs.forEach((s, i) => {
    const next = segs[i + 1];
    if (s.flags & SYN && !(s.flags & ACK)) mySyn ??= s;
    if (s.flags & ACK && !(s.flags & RST)) {
      if (peerNxt === null) {
        if (mySyn !== null && !(s.flags & SYN)) {
          // It opened, and acknowledges the peer's SYN: the peer's SYN+ACK came just before.
          const isn = u32(s.ack - 1);
          out.push(peerSegment(s, s.t, SYN | ACK, isn, mySyn.seq + 1, 0, 'unseen'));
          acked = u32(mySyn.seq + 1);
        }
        if (s.flags & SYN) {
          // A SYN+ACK: the peer's SYN came first.
          out.push(peerSegment(s, s.t, SYN, u32(s.ack - 1), 0, 0, 'unseen'));
        }
        peerNxt = s.ack;
      }
      const gap = dist(peerNxt, s.ack);
      if (gap > 0) {
        // The peer's bytes (and its FIN) up to what this segment acknowledges.
        const last = laterMax[i + 1]! <= dist(firstAck, s.ack);
        const fin = last && (gap === 1 || closes);
        let bytes = gap - (fin ? 1 : 0);
        // A gap past what one inferred send may stand for (a damaged or hostile number): only its last bytes.
        if (bytes > MAX_GAP) {
          peerNxt = u32(peerNxt + bytes - CHUNK);
          bytes = CHUNK;
        }
        const ack = ackNow() ?? acked ?? 0;
        do {
          const len = Math.min(bytes, CHUNK);
          bytes -= len;
          out.push(peerSegment(s, s.t, ACK | (fin && bytes === 0 ? FIN : 0), peerNxt, ack, len, 'unseen'));
          peerNxt = u32(peerNxt + len);
        } while (bytes > 0);
        if (fin) peerNxt = u32(peerNxt + 1);
        if (ackNow() !== null) acked = ackNow();
      }
    }
    out.push(s);
    if (space(s) > 0 && !(s.flags & RST) && !(s.flags & SYN && !(s.flags & ACK))) {
      const end = u32(s.seq + space(s));
      if (sentEnd === null || dist(sentEnd, end) > 0) sentEnd = end;
      pending = true;
    }
    const k = keys[i]!;
    if (lastCopy.get(k) === i && !neverAcked(k)) held.delete(k);
    else if (lastCopy.get(k) === i) held.set(k, s.seq);
    else if (lastCopy.has(k) && (lastCopy.get(k) ?? -1) > i) held.set(k, s.seq);
    // The peer's ACK of what arrived: after a run of segments sent at once, before the next.
    if (pending && peerNxt !== null && (!next || next.t > s.t)) {
      const v = ackNow();
      if (v !== null && (acked === null || dist(acked, v) > 0)) {
        const t = next ? s.t + Math.min((next.t - s.t) / 2, 0.001) : s.t + 0.000_001;
        out.push(peerSegment(s, t, ACK, peerNxt, v, 0, 'unseen'));
        acked = v;
      }
      pending = false;
    }
  });
  const inferredAny = out.length > n;
  return { segments: inferredAny ? out : segs, opening: false, unseen: inferredAny ? (segs[0]!.fromClient ? 'server' : 'client') : null };
}
