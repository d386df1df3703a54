/**
 * Segment arrival (RFC 9293 section 3.10.7): how an arriving segment is judged, and how its ACK,
 * its bytes and its FIN are taken. The machine picks the rule from the state; these do the
 * arithmetic.
 */
import { ACK, FIN, hasAck, hasFin, hasRst, hasSyn, resetFor, seqLength, type Segment } from '../segment';
import { seqAdd, seqGt, seqLe, seqLt, seqSpan, type Seq } from '../seq';
import { countInFlight, withoutAcked } from './inflight';
import { retransmitTimeout, sendQueued } from './retransmission';
import {
  begin,
  done,
  setTimer,
  transmit,
  transmitAsIs,
  offerWindow,
  readsAtOnce,
  receiveWindow,
  type Change,
  type AheadOfGap,
  type IgnoreWhy,
  type SendWhy,
  type Unacceptable,
  type Stamp,
  type Tcb,
  type Draft,
} from './tcb';

// ---- judging -------------------------------------------------------------------------------

const inWindow = (ctx: Tcb, n: Seq): boolean => seqLe(ctx.rcvNxt, n) && seqLt(n, seqAdd(ctx.rcvNxt, receiveWindow(ctx)));

/** RFC 9293 section 3.10.7.4's acceptability test (with a zero window, only an empty segment at RCV.NXT passes). */
export function acceptable(ctx: Tcb, seg: Segment): boolean {
  const length = seqLength(seg.len, seg.flags);
  if (receiveWindow(ctx) === 0) return length === 0 && seg.seq === ctx.rcvNxt;
  if (length === 0) return inWindow(ctx, seg.seq);
  return inWindow(ctx, seg.seq) || inWindow(ctx, seqAdd(seg.seq, length - 1));
}

/** SND.UNA < SEG.ACK =< SND.NXT */
export const acksNew = (ctx: Tcb, seg: Segment): boolean => hasAck(seg) && seqLt(ctx.sndUna, seg.ack) && seqLe(seg.ack, ctx.sndNxt);

/** The ACK of SYN-SENT's SYN: ISS < SEG.ACK =< SND.NXT */
export const acksOurSyn = (ctx: Tcb, seg: Segment): boolean => hasAck(seg) && seqLt(ctx.iss, seg.ack) && seqLe(seg.ack, ctx.sndNxt);

export const acksOurFin = (ctx: Tcb, seg: Segment): boolean => ctx.finSeq !== null && hasAck(seg) && seqGt(seg.ack, ctx.finSeq) && seqLe(seg.ack, ctx.sndNxt);

/**
 * What an arriving segment means to a synchronized connection, before any state-specific rule:
 * - `reset`: an acceptable RST (its sequence number is exactly RCV.NXT, RFC 5961 section 3.2);
 * - `ack`: answer with a bare ACK and drop it (out of window, a SYN, a RST that is in the window
 *   but not exact, or an ACK of something never sent);
 * - `drop`: ignore it silently (no ACK bit, or a RST out of the window);
 * - `take`: process its ACK, data and FIN.
 */
export type Judgement = 'reset' | 'ack' | 'drop' | 'take';

/** Why `judge` answers a segment with an ACK (call it only when it does). */
export function unacceptable(ctx: Tcb, seg: Segment): Unacceptable {
  if (hasRst(seg)) return 'rst-inexact';
  if (!acceptable(ctx, seg)) return 'out-of-window';
  if (hasSyn(seg)) return 'syn';
  return 'acks-unsent';
}

/** Why `judge` drops a segment silently (call it only when it does). */
export const ignored = (seg: Segment): IgnoreWhy => (hasRst(seg) ? 'rst-out-of-window' : 'no-ack');

/** Note that a segment changed nothing and drew no answer, and why. */
export function ignore(ctx: Tcb, why: IgnoreWhy): Change {
  return { tcb: ctx, effects: [{ type: 'ignore', why }] };
}

/** What RFC 9293 section 3.10.7.4 does with an arriving segment in a synchronized state, before its bytes are looked at. */
export function judge(ctx: Tcb, seg: Segment): Judgement {
  if (hasRst(seg)) {
    if (seg.seq === ctx.rcvNxt) return 'reset';
    return inWindow(ctx, seg.seq) ? 'ack' : 'drop';
  }
  if (!acceptable(ctx, seg)) return 'ack';
  if (hasSyn(seg)) return 'ack'; // RFC 5961 section 4.2: a challenge ACK
  if (!hasAck(seg)) return 'drop';
  if (seqGt(seg.ack, ctx.sndNxt)) return 'ack';
  return 'take';
}

/** TIME-WAIT's one expected visitor: the peer's FIN again, because our last ACK was lost. */
export const isFinAgain = (ctx: Tcb, seg: Segment): boolean => hasFin(seg) && !hasRst(seg) && seqAdd(seg.seq, seg.len + 1) === ctx.rcvNxt;

/** SYN-RECEIVED seeing the peer's very SYN again. */
export const isSynAgain = (ctx: Tcb, seg: Segment): boolean => hasSyn(seg) && !hasAck(seg) && !hasRst(seg) && seg.seq === ctx.irs;

/** Simultaneous open: the peer's SYN+ACK for the SYN we already took, acknowledging ours. */
export const isCrossedSynAck = (ctx: Tcb, seg: Segment): boolean => hasSyn(seg) && !hasRst(seg) && seg.seq === ctx.irs && acksOurSyn(ctx, seg);

/** New bytes beyond RCV.NXT (not a retransmission of bytes already taken). */
export const bringsNewData = (ctx: Tcb, seg: Segment): boolean => seg.len > 0 && seqGt(seqAdd(seg.seq, seg.len), ctx.rcvNxt);

// ---- reassembly ----------------------------------------------------------------------------

/** Where reassembly would leave us if this segment's bytes and FIN were taken. */
interface Reassembly {
  readonly rcvNxt: Seq;
  readonly aheadOfGap: readonly AheadOfGap[];
  readonly delivered: number;
  readonly fin: boolean;
  readonly outOfOrder: boolean;
}

export function reassemble(ctx: Tcb, seg: Segment): Reassembly {
  const carriesFin = hasFin(seg);
  if (seg.len === 0 && !carriesFin) return { rcvNxt: ctx.rcvNxt, aheadOfGap: ctx.aheadOfGap, delivered: 0, fin: false, outOfOrder: false };
  let aheadOfGap = ctx.aheadOfGap;
  if (seqGt(seg.seq, ctx.rcvNxt)) {
    // Ahead of a gap: keep it, sorted, until the gap fills.
    const piece: AheadOfGap = { seq: seg.seq, len: seg.len, fin: carriesFin };
    // Its place: after every piece that does not start later (a binary search: a capture with a gap it never fills holds thousands).
    let lo = 0;
    let hi = aheadOfGap.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seqGt(aheadOfGap[mid]!.seq, piece.seq)) hi = mid;
      else lo = mid + 1;
    }
    let same = false;
    for (let k = lo - 1; k >= 0 && aheadOfGap[k]!.seq === piece.seq && !same; k--) same = aheadOfGap[k]!.len === piece.len && aheadOfGap[k]!.fin === piece.fin;
    if (!same) aheadOfGap = [...aheadOfGap.slice(0, lo), piece, ...aheadOfGap.slice(lo)];
    return { rcvNxt: ctx.rcvNxt, aheadOfGap, delivered: 0, fin: false, outOfOrder: true };
  }
  let rcvNxt = ctx.rcvNxt;
  let delivered = 0;
  let fin = false;
  const absorb = (seq: Seq, len: number, withFin: boolean): void => {
    const end = seqAdd(seq, len);
    if (seqGt(end, rcvNxt)) {
      delivered += seqSpan(rcvNxt, end);
      rcvNxt = end;
    }
    if (withFin && end === rcvNxt && !fin) {
      fin = true;
      rcvNxt = seqAdd(rcvNxt, 1);
    }
  };
  absorb(seg.seq, seg.len, carriesFin);
  const rest: AheadOfGap[] = [];
  for (let k = 0; k < aheadOfGap.length; k++) {
    const h = aheadOfGap[k]!;
    if (!fin && seqLe(h.seq, rcvNxt)) absorb(h.seq, h.len, h.fin);
    else if (!fin && k === 0) return { rcvNxt, aheadOfGap, delivered, fin, outOfOrder: false };
    // Sorted: from the first piece past the gap on, every one stays.
    else if (!fin && seqGt(h.seq, rcvNxt)) return { rcvNxt, aheadOfGap: rest.concat(aheadOfGap.slice(k)), delivered, fin, outOfOrder: false };
    else if (seqGt(seqAdd(h.seq, h.len), rcvNxt)) rest.push(h);
  }
  return { rcvNxt, aheadOfGap: rest, delivered, fin, outOfOrder: false };
}

export const finArrives = (ctx: Tcb, seg: Segment): boolean => reassembleArrival(ctx, seg).fin;

/** Reassembly of an arriving segment, trimmed to the window. */
const reassembleArrival = (ctx: Tcb, seg: Segment): Reassembly => reassemble(ctx, withinWindow(ctx, seg));

/**
 * The part of a segment the window has room for: bytes past the offer's right edge are cut off
 * (with the FIN behind them), as RFC 9293 section 3.10.7.4 trims a segment to the window. A bare
 * FIN at a full buffer still counts (Linux takes it: it needs no room).
 */
export function withinWindow(ctx: Tcb, seg: Segment): Segment {
  if (seg.len === 0 || !seqGt(seqAdd(seg.seq, seg.len), ctx.rcvAdv)) return seg;
  const room = seqGt(ctx.rcvAdv, seg.seq) ? seqSpan(seg.seq, ctx.rcvAdv) : 0;
  return { ...seg, len: room, flags: seg.flags & ~FIN };
}

/** Bytes taken in order go to the application at once, or wait in the receive buffer for a read() call. */
function deliver(w: Draft, bytes: number): void {
  if (readsAtOnce(w.tcb)) {
    w.tcb.bytesRead += bytes;
    w.out.push({ type: 'read', bytes });
  } else w.tcb.unread += bytes;
}

/**
 * read(): the application takes up to `bytes` of what waits in the receive buffer (all of it when
 * `bytes` is null). The room it frees is offered again at once, in an ACK of its own, if the peer
 * may still send and the window at least doubles (Linux's tcp_cleanup_rbuf); smaller openings go
 * out with the next segment.
 */
export function read(ctx: Tcb, bytes: number | null, peerMaySend: boolean): Change {
  const n = Math.min(bytes ?? ctx.unread, ctx.unread);
  if (n === 0) return { tcb: ctx, effects: [] };
  const w = begin(ctx);
  const d = w.tcb;
  d.unread -= n;
  d.bytesRead += n;
  w.out.push({ type: 'read', bytes: n });
  const before = receiveWindow(d);
  offerWindow(w);
  const after = receiveWindow(d);
  if (peerMaySend && after > before && after >= 2 * before) transmit(w, ACK, d.sndNxt, 0, { kind: 'window-update', window: after });
  return done(w);
}

// ---- taking --------------------------------------------------------------------------------

/**
 * Take a segment's ACK: what it acknowledges (SND.UNA moves up, the retransmission timer starts
 * over) and the window it offers (SND.WND, unless an older segment is trying to set it back:
 * RFC 9293 section 3.10.7.4's SND.WL1/SND.WL2 check). Then send whatever the window now lets out.
 */
export function takeAckInto(w: Draft, seg: Segment, now: number): void {
  const d = w.tcb;
  if (!hasAck(seg) || seqLt(seg.ack, d.sndUna) || seqGt(seg.ack, d.sndNxt)) return;
  d.probesUnanswered = 0;
  if (seqLt(d.sndWl1, seg.seq) || (d.sndWl1 === seg.seq && seqLe(d.sndWl2, seg.ack))) {
    d.sndWnd = seg.win;
    d.maxSndWnd = Math.max(d.maxSndWnd, seg.win);
    d.sndWl1 = seg.seq;
    d.sndWl2 = seg.ack;
  }
  if (seqLt(d.sndUna, seg.ack)) {
    d.sndUna = seg.ack;
    d.unacked = withoutAcked(d.unacked, seg.ack);
    d.retries = 0;
    d.probed = false;
    setTimer(w, 'retransmit', countInFlight(d.unacked) === 0 ? null : now + retransmitTimeout(d, 0, 'connection'));
  }
  if (d.queued > 0 || d.finQueued) sendQueued(w, now, 'data-window');
}

/** Take the segment's ACK only (states where the peer has finished sending). */
export function takeAck(ctx: Tcb, seg: Segment, at: Stamp): Change {
  const w = begin(ctx);
  takeAckInto(w, seg, at.now);
  return done(w);
}

/**
 * Take the ACK, the bytes and the FIN. Bytes are ACKed at once (Linux's quick-ack mode, and any
 * out-of-order arrival); the ACK of a FIN is left to the transition (at once or delayed).
 */
export function takeSegment(ctx: Tcb, seg: Segment, at: Stamp): Change {
  const w = begin(ctx);
  const d = w.tcb;
  // The ACK changes only the sending side, so reassembly as the guards saw it still holds.
  const r = reassembleArrival(ctx, seg);
  takeAckInto(w, seg, at.now);
  d.rcvNxt = r.rcvNxt;
  d.aheadOfGap = r.aheadOfGap;
  if (r.delivered > 0) deliver(w, r.delivered);
  if (!r.fin && (seg.len > 0 || r.outOfOrder)) {
    const filled = r.aheadOfGap.length < ctx.aheadOfGap.length;
    if (r.outOfOrder || filled || r.delivered === 0 || ackAtOnce(w))
      transmit(
        w,
        ACK,
        d.sndNxt,
        0,
        r.outOfOrder ? { kind: 'ack-gap' } : { kind: 'ack-data', delivered: r.delivered, filled, buffered: !readsAtOnce(d), window: windowAfter(w) },
      );
    else holdAck(w, at.now);
  }
  return done(w);
}

/** The window an ACK sent now will offer (the offer moves first, as `transmit` moves it). */
function windowAfter(w: Draft): number {
  offerWindow(w);
  return receiveWindow(w.tcb);
}

/** Linux's most quick ACKs at the start of a connection (TCP_MAX_QUICKACKS). */
const MAX_QUICK_ACKS = 16;

/**
 * Whether bytes just taken in order are ACKed at once (Linux's __tcp_ack_snd_check): while in
 * quick-ack mode, which the first data starts with up to 16 quick ACKs, as many as half the
 * window holds segments (tcp_incr_quickack); or once more than a full segment has arrived since
 * the last ACK (RFC 9293 section 3.8.6.3: an ACK for at least every second full-sized segment).
 * Otherwise the ACK waits for the delayed-ACK timer, or for a segment of ours to carry it.
 */
function ackAtOnce(w: Draft): boolean {
  const d = w.tcb;
  if (d.quickAcks === null) d.quickAcks = Math.min(MAX_QUICK_ACKS, Math.max(1, Math.floor(d.config.rcvBufBytes / (2 * d.config.mss))));
  if (d.quickAcks > 0) {
    d.quickAcks -= 1;
    return true;
  }
  return seqSpan(d.rcvAcked, d.rcvNxt) > d.config.mss || d.config.ackDelayMs === 0;
}

/** Hold the ACK of data back until the delayed-ACK timer (or a segment of ours that carries it). */
function holdAck(w: Draft, now: number): void {
  w.tcb.ackPending = true;
  if (w.tcb.timers['delayed-ack'] === null) setTimer(w, 'delayed-ack', now + w.tcb.config.ackDelayMs);
}

/** Acknowledge at once: the peer's FIN, its FIN again (TIME-WAIT), or a segment the connection cannot take as it is (why, as `judge` found). */
export function ackNow(ctx: Tcb, seg: Segment, answer: 'fin' | 'fin-again' | 'unacceptable', at: Stamp): Change {
  // One answer per tcp_invalid_ratelimit to a bare ACK, a RST or a SYN that cannot be taken:
  // otherwise two sides that disagree answer each other for ever. Like Linux (tcp_oow_rate_limited),
  // a segment that carries data or a FIN is always answered: it is not part of such a loop.
  const limited = answer === 'unacceptable' && (hasSyn(seg) || seqLength(seg.len, seg.flags) === 0);
  if (limited && ctx.lastInvalidAnswerAt !== null && at.now - ctx.lastInvalidAnswerAt < ctx.config.invalidRatelimitMs) return ignore(ctx, 'rate-limited');
  const w = begin(ctx);
  if (limited) w.tcb.lastInvalidAnswerAt = at.now;
  const why: SendWhy =
    answer === 'fin' ? { kind: 'ack-fin' } : answer === 'fin-again' ? { kind: 'ack-fin-again' } : { kind: 'ack-unacceptable', reason: unacceptable(ctx, seg) };
  transmit(w, ACK, w.tcb.sndNxt, 0, why);
  return done(w);
}

/** Hold the ACK back a little (Linux's delayed ACK), so that a FIN the application sends at once can carry it. */
export function ackLater(ctx: Tcb, at: Stamp): Change {
  const w = begin(ctx);
  if (ctx.config.ackDelayMs === 0) {
    transmit(w, ACK, w.tcb.sndNxt, 0, { kind: 'ack-fin' });
    return done(w);
  }
  w.tcb.ackPending = true;
  if (w.tcb.timers['delayed-ack'] === null) setTimer(w, 'delayed-ack', at.now + w.tcb.config.ackDelayMs);
  return done(w);
}

export function sendPendingAck(ctx: Tcb): Change {
  const w = begin(ctx);
  setTimer(w, 'delayed-ack', null);
  if (w.tcb.ackPending) transmit(w, ACK, w.tcb.sndNxt, 0, { kind: 'ack-delayed' });
  return done(w);
}

/** Answer a segment that no connection here can take (RFC 9293 section 3.5.2). */
export function replyReset(ctx: Tcb, seg: Segment, why: 'rst-no-connection' | 'rst-unacceptable-ack' | 'rst-data-after-close' = 'rst-no-connection'): Change {
  const rst = resetFor(seg);
  if (!rst) return ignore(ctx, 'rst-closed');
  const w = begin(ctx);
  transmitAsIs(w, rst, { kind: why });
  return done(w);
}
