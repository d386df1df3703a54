/** Opening a connection (RFC 9293 section 3.5): listen, connect, and the handshake's replies. */
import { isnFor } from '../config';
import { ACK, SYN, type Segment } from '../segment';
import { seqAdd } from '../seq';
import { retransmitTimeout, sendNew } from './retransmission';
import { takeAckInto } from './arrival';
import { append, noneInFlight } from './inflight';
import { NO_TIMERS, begin, createTcb, done, setTimer, transmit, type Change, type Stamp, type Tcb, type Unacked, type Draft } from './tcb';

/**
 * The peer's SYN arrived: RCV.NXT follows its ISN, the whole buffer is offered from there, and
 * the window the SYN offers is SND.WND until a later segment says otherwise.
 */
function synchronize(w: Draft, seg: Segment): void {
  const d = w.tcb;
  d.synchronized = true;
  d.irs = seg.seq;
  d.rcvNxt = seqAdd(seg.seq, 1);
  d.rcvAdv = seqAdd(d.rcvNxt, Math.max(0, d.config.rcvBufBytes - d.unread));
  d.sndWnd = seg.win;
  d.maxSndWnd = Math.max(d.maxSndWnd, seg.win);
  d.sndWl1 = seg.seq;
  d.sndWl2 = seg.ack;
}

/** A block as new (the listening socket as it was), keeping only the count of connections. */
function fresh(ctx: Tcb): Draft {
  const tcb: Draft['tcb'] = createTcb(ctx.role, ctx.config);
  tcb.connection = ctx.connection;
  return { tcb, out: [] };
}

export function listen(ctx: Tcb): Change {
  return done(fresh(ctx));
}

/** A passive open failed: back to listening, with the listening socket as it was. */
export const backToListen = listen;

export function connect(ctx: Tcb, at: Stamp): Change {
  const w = fresh(ctx);
  const d = w.tcb;
  d.iss = isnFor(d.config, d.role, d.connection);
  d.connection += 1;
  d.sndUna = d.iss;
  d.timers = NO_TIMERS;
  const u: Unacked = { seq: d.iss, len: 0, control: SYN };
  d.sndNxt = seqAdd(d.iss, 1);
  d.unacked = append(noneInFlight(), u);
  transmit(w, SYN, d.iss, 0, { kind: 'syn' });
  setTimer(w, 'retransmit', at.now + retransmitTimeout(d, 0, 'syn'));
  return done(w);
}

/** LISTEN took a SYN: remember the peer's ISN and answer SYN+ACK. */
export function acceptSyn(ctx: Tcb, seg: Segment, at: Stamp): Change {
  const w = begin(ctx);
  const d = w.tcb;
  d.passive = true;
  synchronize(w, seg);
  d.iss = isnFor(d.config, d.role, d.connection);
  d.connection += 1;
  d.sndUna = d.iss;
  d.sndNxt = d.iss;
  d.retries = 0;
  sendNew(w, SYN, 0, at.now);
  setTimer(w, 'retransmit', at.now + retransmitTimeout(d, 0, 'synack'));
  return done(w);
}

/** SYN-SENT took a SYN without an ACK (simultaneous open): answer SYN+ACK for our own SYN. */
export function crossSyn(ctx: Tcb, seg: Segment): Change {
  const w = begin(ctx);
  synchronize(w, seg);
  transmit(w, SYN | ACK, w.tcb.iss, 0, { kind: 'syn-ack-crossed' });
  return done(w);
}

/** SYN-RECEIVED saw the peer's SYN again (our SYN+ACK was lost): answer it again, as Linux does. */
export function resendSynAck(ctx: Tcb): Change {
  const w = begin(ctx);
  transmit(w, SYN | ACK, w.tcb.iss, 0, { kind: 'syn-ack-again' });
  return done(w);
}

/** SYN-SENT took an acceptable SYN+ACK: the connection is open; acknowledge it. */
export function completeActiveOpen(ctx: Tcb, seg: Segment, at: Stamp): Change {
  const w = begin(ctx);
  synchronize(w, seg);
  takeAckInto(w, seg, at.now);
  transmit(w, ACK, w.tcb.sndNxt, 0, { kind: 'handshake-ack' });
  return done(w);
}
