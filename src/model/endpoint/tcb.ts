/**
 * The transmission control block (RFC 9293 section 3.3.1): what one endpoint remembers about its
 * connection, and the few helpers every rule uses to change it. The rules themselves live beside
 * this file, by what they handle: opening.ts, arrival.ts, retransmission.ts, closing.ts.
 *
 * Nothing here mutates its input. A rule returns a `Change`: the new block, and the effects the
 * endpoint has on the world outside it (segments to send, bytes the application reads). The
 * machine emits those effects as actions, so they come back from XState's `transition()`.
 */
import type { EngineConfig } from '../config';
import { ACK, PSH, type Segment } from '../segment';
import { seqAdd, seqGt, seqSpan, toSeq, type Seq } from '../seq';
import type { ConnectionError, EndpointId, TcpState } from '../types';
import { eachInFlight, noneInFlight, type InFlight, type Unacked } from './inflight';

export type { Unacked };

export const TIMER_NAMES = ['retransmit', 'delayed-ack', 'time-wait', 'fin-wait-2', 'persist'] as const;
export type TimerName = (typeof TIMER_NAMES)[number];
/** Each timer's deadline in simulated ms, or null when it is not running. */
export type Timers = Readonly<Record<TimerName, number | null>>;
export const NO_TIMERS: Timers = { retransmit: null, 'delayed-ack': null, 'time-wait': null, 'fin-wait-2': null, persist: null };

/** Bytes (and perhaps the FIN) that arrived ahead of a gap, waiting for it to fill. */
export interface AheadOfGap {
  readonly seq: Seq;
  readonly len: number;
  readonly fin: boolean;
}

export interface Tcb {
  readonly role: EndpointId;
  readonly config: EngineConfig;
  /** How many connections this endpoint has opened before (each gets a fresh ISN). */
  readonly connection: number;
  /** Came to SYN-RECEIVED from LISTEN, so a failed handshake returns to LISTEN. */
  readonly passive: boolean;
  /** The application called close(): nobody can read any more, and the kernel finishes alone. */
  readonly orphaned: boolean;
  /** The peer's SYN has been received, so IRS and RCV.NXT mean something. */
  readonly synchronized: boolean;
  readonly iss: Seq;
  readonly irs: Seq;
  readonly sndUna: Seq;
  readonly sndNxt: Seq;
  readonly rcvNxt: Seq;
  /** Sent and not yet acknowledged, oldest first. */
  readonly unacked: InFlight;
  /** Retransmissions since the last forward progress. */
  readonly retries: number;
  /** A tail-loss probe has been sent since the last forward progress. */
  readonly probed: boolean;
  /** Sequence number of our FIN, once queued. */
  readonly finSeq: Seq | null;
  readonly aheadOfGap: readonly AheadOfGap[];
  /** An ACK is owed but being held back (delayed ACK). */
  readonly ackPending: boolean;
  readonly timers: Timers;
  readonly error: ConnectionError | null;
  readonly bytesWritten: number;
  readonly bytesRead: number;
  /** When this connection last answered an unacceptable segment (rate-limited: `invalidRatelimitMs`). */
  readonly lastInvalidAnswerAt: number | null;
  // ---- flow control (RFC 9293 section 3.8.6) ----
  /** SND.WND: the window the peer last offered, in bytes from SND.UNA. */
  readonly sndWnd: number;
  /** The largest window the peer has offered (the sender's silly-window rule measures against it). */
  readonly maxSndWnd: number;
  /** SND.WL1 and SND.WL2: the segment that last set SND.WND, so an older one cannot set it back. */
  readonly sndWl1: Seq;
  readonly sndWl2: Seq;
  /** Bytes the application has written that the window has not let out yet. */
  readonly queued: number;
  /** close() or shutdown() asked for a FIN that still waits behind queued bytes or a closed window. */
  readonly finQueued: boolean;
  /** Bytes received in order that the application has not read yet: they fill the receive buffer. */
  readonly unread: number;
  /** RCV.NXT + RCV.WND as last offered: the offer's right edge, which never moves left. */
  readonly rcvAdv: Seq;
  /** Zero-window probes since the window last opened (the persist timer backs off by it). */
  readonly probes: number;
  /** Zero-window probes sent and not answered by any ACK (too many, and the peer is gone). */
  readonly probesUnanswered: number;
  /** Data segments still to be ACKed at once (Linux's quick-ack mode at the start of a connection), or null before any data arrived. */
  readonly quickAcks: number | null;
  /** RCV.NXT when an ACK was last sent: more than a full segment past it, and the next ACK goes at once. */
  readonly rcvAcked: Seq;
}

/** Every event carries the simulated time, so a rule can set deadlines. */
export interface Stamp {
  readonly now: number;
}

/** Why an ACK answers a segment the connection cannot take as it is (RFC 9293 section 3.10.7.4, with RFC 5961's checks). */
export type Unacceptable =
  /** Its sequence numbers are outside the receive window: a duplicate, or something old. */
  | 'out-of-window'
  /** A SYN on a synchronized connection: answered with a challenge ACK, not a reset (RFC 5961 section 4). */
  | 'syn'
  /** A RST inside the window but not exactly at RCV.NXT: a challenge ACK, so a blind reset fails (RFC 5961 section 3). */
  | 'rst-inexact'
  /** It acknowledges bytes never sent. */
  | 'acks-unsent';

/**
 * Why an endpoint sends a segment: the rule that sends it, one kind per rule. The model says it;
 * the view words it (`referenceForSend` in ../cause cites it).
 */
export type SendWhy =
  /** connect(): the active open's SYN. */
  | { readonly kind: 'syn' }
  /** LISTEN took a SYN: the SYN+ACK that answers it. */
  | { readonly kind: 'syn-ack' }
  /** SYN-SENT took the peer's SYN (simultaneous open): a SYN+ACK for our own SYN. */
  | { readonly kind: 'syn-ack-crossed' }
  /** SYN-RECEIVED saw the peer's SYN again: its SYN+ACK was lost, so it is said again. */
  | { readonly kind: 'syn-ack-again' }
  /** SYN-SENT took the SYN+ACK: the handshake's last ACK. */
  | { readonly kind: 'handshake-ack' }
  /** send(): the application's bytes. */
  | { readonly kind: 'data' }
  /** Bytes that waited in the send queue for the peer's window, sent now that it has room. */
  | { readonly kind: 'data-window' }
  /** close() or shutdown(): nothing more to send. */
  | { readonly kind: 'fin' }
  /** Bytes taken in order and handed to the application (`delivered`, with any held ones a gap's filling joined, `filled`): acknowledged at once. */
  | {
      readonly kind: 'ack-data';
      readonly delivered: number;
      readonly filled: boolean;
      /** The bytes wait in the receive buffer for a read() call instead of going to the application at once. */
      readonly buffered: boolean;
      /** The window this ACK offers. */
      readonly window: number;
    }
  /** Bytes ahead of a gap, held back: the ACK names the first missing byte again (a duplicate ACK). */
  | { readonly kind: 'ack-gap' }
  /** The peer's FIN taken. */
  | { readonly kind: 'ack-fin' }
  /** The delayed-ACK timer fired with an ACK still owed. */
  | { readonly kind: 'ack-delayed' }
  /** TIME-WAIT saw the peer's FIN again: our last ACK was lost. */
  | { readonly kind: 'ack-fin-again' }
  /** A segment the connection cannot take as it is, answered with an ACK and dropped. */
  | { readonly kind: 'ack-unacceptable'; readonly reason: Unacceptable }
  /** A segment for no connection here (CLOSED, or an ACK reaching a listener). */
  | { readonly kind: 'rst-no-connection' }
  /** An ACK of something never sent, while the handshake is not through (SYN-SENT, SYN-RECEIVED). */
  | { readonly kind: 'rst-unacceptable-ack' }
  /** New bytes for an application that already closed its socket: nobody will read them (Linux). */
  | { readonly kind: 'rst-data-after-close' }
  /** abort(): the connection is reset at once. */
  | { readonly kind: 'rst-abort' }
  /** The retransmission timer fired: the oldest unacknowledged segment again, retry `attempt` of `limit`, then a wait of `nextWaitMs`. */
  | {
      readonly kind: 'retransmit';
      readonly attempt: number;
      readonly limit: number;
      readonly nextWaitMs: number;
      readonly phase: 'syn' | 'synack' | 'connection';
      readonly orphaned: boolean;
    }
  /** Linux's tail-loss probe: the newest segment once more, not counted as a retry (RFC 8985). */
  | { readonly kind: 'probe'; readonly nextWaitMs: number }
  /**
   * The persist timer fired with bytes (or a FIN) waiting and the peer's window closed: a probe that
   * draws an ACK carrying the window (RFC 9293 section 3.8.6.1). Linux's probe is a bare ACK one
   * below SND.UNA (tcp_xmit_probe_skb); `attempt` counts probes since the window closed.
   */
  | { readonly kind: 'window-probe'; readonly attempt: number; readonly nextWaitMs: number }
  /** The application read and the receive buffer has room again: the larger window, said at once (Linux's tcp_cleanup_rbuf). */
  | { readonly kind: 'window-update'; readonly window: number }
  /**
   * A capture saw it, and no rule of the model's sent it then (./replay): a resend on the real
   * endpoint's own timer (`resend` earlier copies), an ACK sent at another moment than the model
   * would, a segment the model cannot explain (`departs`), or one assumed before the capture began.
   */
  | {
      readonly kind: 'captured';
      readonly resend: number;
      readonly departs: Departure | null;
      readonly assumed: boolean;
      /** An assumed segment inferred from the capture: the opening before its SYN+ACK, the side it never saw, or bytes it missed. */
      readonly inferred?: 'opening' | 'unseen' | 'missed';
    };

/** Why a captured segment departs from what the model's endpoint would do. */
export type Departure =
  /** The endpoint's machine is closed (or only listening) and sends nothing of the kind. */
  | { readonly kind: 'not-open'; readonly state: TcpState }
  /** Nothing in the model explains it (no call, no rule, no timer). */
  | { readonly kind: 'unexplained'; readonly state: TcpState };

/** Why an arriving segment changed nothing and drew no answer. */
export type IgnoreWhy =
  /** A RST outside the receive window (RFC 5961 section 3: it may be forged). */
  | 'rst-out-of-window'
  /** A RST to a listening socket: there is nothing to reset. */
  | 'rst-in-listen'
  /** A RST in SYN-SENT that does not acknowledge our SYN. */
  | 'rst-unacked'
  /** No ACK bit on a synchronized connection. */
  | 'no-ack'
  /** TIME-WAIT has nothing to do with it. */
  | 'time-wait'
  /** A RST for no connection here (a closed endpoint answers nothing, and never a RST with a RST). */
  | 'rst-closed'
  /** An unacceptable segment within `invalidRatelimitMs` of the last one answered: dropped without an answer. */
  | 'rate-limited';

/** What an endpoint does to the world outside it. Emitted by the machine; `type` names the effect. */
export type Effect =
  | { readonly type: 'transmit'; readonly segment: Segment; readonly retransmission: boolean; readonly why: SendWhy }
  | { readonly type: 'read'; readonly bytes: number }
  | { readonly type: 'ignore'; readonly why: IgnoreWhy };

/** A rule's result: the new block and the effects, in the order they happen. */
export interface Change {
  readonly tcb: Tcb;
  readonly effects: readonly Effect[];
}

export const unchanged = (tcb: Tcb): Change => ({ tcb, effects: [] });

export function createTcb(role: EndpointId, config: EngineConfig): Tcb {
  const zero = toSeq(0);
  return {
    role,
    config,
    connection: 0,
    passive: false,
    orphaned: false,
    synchronized: false,
    iss: zero,
    irs: zero,
    sndUna: zero,
    sndNxt: zero,
    rcvNxt: zero,
    unacked: noneInFlight(),
    retries: 0,
    probed: false,
    finSeq: null,
    aheadOfGap: [],
    ackPending: false,
    timers: NO_TIMERS,
    error: null,
    bytesWritten: 0,
    bytesRead: 0,
    lastInvalidAnswerAt: null,
    sndWnd: 0,
    maxSndWnd: 0,
    sndWl1: zero,
    sndWl2: zero,
    queued: 0,
    finQueued: false,
    unread: 0,
    rcvAdv: zero,
    probes: 0,
    probesUnanswered: 0,
    quickAcks: null,
    rcvAcked: zero,
  };
}

/** A rule at work: a private copy of the block, and the effects so far. Never escapes a rule. */
export interface Draft {
  readonly tcb: { -readonly [K in keyof Tcb]: Tcb[K] };
  readonly out: Effect[];
}

export const begin = (ctx: Tcb): Draft => ({ tcb: copyTcb(ctx), out: [] });
export const done = (w: Draft): Change => ({ tcb: w.tcb, effects: w.out });

/**
 * A copy of the block, field by field in createTcb's order: every block then has one shape, and
 * the copy (made by every rule) is a plain allocation, where a spread of this many fields took a
 * fifth of the engine's time. A field added to Tcb and not here is a type error.
 */
function copyTcb(c: Tcb): Draft['tcb'] {
  return {
    role: c.role,
    config: c.config,
    connection: c.connection,
    passive: c.passive,
    orphaned: c.orphaned,
    synchronized: c.synchronized,
    iss: c.iss,
    irs: c.irs,
    sndUna: c.sndUna,
    sndNxt: c.sndNxt,
    rcvNxt: c.rcvNxt,
    unacked: c.unacked,
    retries: c.retries,
    probed: c.probed,
    finSeq: c.finSeq,
    aheadOfGap: c.aheadOfGap,
    ackPending: c.ackPending,
    timers: c.timers,
    error: c.error,
    bytesWritten: c.bytesWritten,
    bytesRead: c.bytesRead,
    lastInvalidAnswerAt: c.lastInvalidAnswerAt,
    sndWnd: c.sndWnd,
    maxSndWnd: c.maxSndWnd,
    sndWl1: c.sndWl1,
    sndWl2: c.sndWl2,
    queued: c.queued,
    finQueued: c.finQueued,
    unread: c.unread,
    rcvAdv: c.rcvAdv,
    probes: c.probes,
    probesUnanswered: c.probesUnanswered,
    quickAcks: c.quickAcks,
    rcvAcked: c.rcvAcked,
  };
}

export function setTimer(w: Draft, name: TimerName, deadline: number | null): void {
  if (w.tcb.timers[name] !== deadline) w.tcb.timers = { ...w.tcb.timers, [name]: deadline };
}

/** Bytes written and not yet acknowledged: those in flight and those the window still holds back (ss's Send-Q). */
export function sendQueueBytes(t: Tcb): number {
  let n = t.queued;
  for (const u of eachInFlight(t.unacked)) n += u.len;
  return n;
}

/** Whether this endpoint's application reads what arrives at once, or only when it calls read(). */
export const readsAtOnce = (ctx: Tcb): boolean => (ctx.role === 'client' ? ctx.config.clientReads : ctx.config.serverReads) === 'at-once';

/** Free room in the receive buffer: what could be offered. */
const freeSpace = (d: Tcb): number => Math.max(0, d.config.rcvBufBytes - d.unread);

/**
 * Move the offer's right edge as far as the buffer's free room allows, but only by at least
 * min(MSS, half the buffer) at a time (the receiver's silly-window avoidance, RFC 9293 section
 * 3.8.6.2.2; Linux's tcp_select_window), and never back.
 */
export function offerWindow(w: Draft): void {
  const d = w.tcb;
  const edge = seqAdd(d.rcvNxt, freeSpace(d));
  if (!seqGt(edge, d.rcvAdv)) return;
  const step = Math.min(d.config.mss, Math.ceil(d.config.rcvBufBytes / 2));
  if (seqSpan(d.rcvAdv, edge) >= step) d.rcvAdv = edge;
}

/** RCV.WND: the window as offered now, from RCV.NXT to the offer's right edge. */
export const receiveWindow = (d: Tcb): number => (d.synchronized ? (seqGt(d.rcvAdv, d.rcvNxt) ? seqSpan(d.rcvNxt, d.rcvAdv) : 0) : freeSpace(d));

/** Send a segment; any segment with ACK set carries the owed ACK, so a delayed one is off. */
export function transmit(w: Draft, flags: number, seq: Seq, len: number, why: SendWhy): void {
  const ack = flags & ACK ? w.tcb.rcvNxt : toSeq(0);
  const retransmission = why.kind === 'retransmit' || why.kind === 'probe' || why.kind === 'syn-ack-again';
  if (w.tcb.synchronized) offerWindow(w);
  w.out.push({ type: 'transmit', segment: { flags, seq, ack, len, win: receiveWindow(w.tcb) }, retransmission, why });
  if (flags & ACK) {
    w.tcb.ackPending = false;
    w.tcb.rcvAcked = w.tcb.rcvNxt;
    setTimer(w, 'delayed-ack', null);
  }
}

/** Send a segment the rule built whole (a reset), which carries no owed ACK. */
export function transmitAsIs(w: Draft, segment: Segment, why: SendWhy): void {
  w.out.push({ type: 'transmit', segment, retransmission: false, why });
}

export function flagsOf(d: Tcb, u: Unacked): number {
  return u.control | (u.len > 0 ? PSH : 0) | (d.synchronized ? ACK : 0);
}
