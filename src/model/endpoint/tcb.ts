/**
 * The transmission control block (RFC 9293 section 3.3.1) and the pure functions that change it.
 * The endpoint machine decides which state comes next; these functions do the arithmetic.
 * Nothing here mutates its input: each returns a new block, so every snapshot stays valid forever
 * (stepping back is replaying, and the exhaustive exploration keeps millions of them).
 */
import { isnFor, type EngineConfig } from '../config';
import { ACK, FIN, PSH, RST, SYN, has, resetFor, seqLength, type Segment } from '../segment';
import { seqAdd, seqGe, seqGt, seqLe, seqLt } from '../seq';
import type { ConnectionError, EndpointId } from '../types';

/** The receive window we advertise; the engine models no flow control, so it never shrinks. */
export const RECEIVE_WINDOW = 65_535;

export const TIMER_NAMES = ['retransmit', 'delayed-ack', 'time-wait', 'fin-wait-2'] as const;
export type TimerName = (typeof TIMER_NAMES)[number];
/** Each timer's deadline in simulated ms, or null when it is not running. */
export type Timers = Readonly<Record<TimerName, number | null>>;
const NO_TIMERS: Timers = { retransmit: null, 'delayed-ack': null, 'time-wait': null, 'fin-wait-2': null };

/** Something sent and not yet acknowledged: a SYN, a FIN or a run of bytes. */
export interface Unacked {
  readonly seq: number;
  readonly len: number;
  /** SYN, FIN or 0 for plain data. */
  readonly control: number;
}

/** Bytes (and perhaps the FIN) that arrived ahead of a gap, waiting for it to fill. */
export interface Held {
  readonly seq: number;
  readonly len: number;
  readonly fin: boolean;
}

export interface OutSegment extends Segment {
  readonly retransmission: boolean;
}

/** What the last event made this endpoint do outside itself; valid only for the step it names. */
export interface Outbox {
  readonly step: number;
  readonly segments: OutSegment[];
  readonly reads: number[];
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
  readonly iss: number;
  readonly irs: number;
  readonly sndUna: number;
  readonly sndNxt: number;
  readonly rcvNxt: number;
  readonly unacked: readonly Unacked[];
  /** Retransmissions since the last forward progress. */
  readonly retries: number;
  /** A tail-loss probe has been sent since the last forward progress. */
  readonly probed: boolean;
  /** Sequence number of our FIN, once queued. */
  readonly finSeq: number | null;
  readonly held: readonly Held[];
  /** An ACK is owed but being held back (delayed ACK). */
  readonly ackPending: boolean;
  readonly timers: Timers;
  readonly error: ConnectionError | null;
  readonly bytesWritten: number;
  readonly bytesRead: number;
  readonly out: Outbox;
}

/** Every event carries the simulated time and the simulation's step number. */
export interface Stamp {
  readonly now: number;
  readonly step: number;
}

type Draft = { -readonly [K in keyof Tcb]: Tcb[K] };

/** An outbox no event owns: `can()` probes use NaN as their step, which never equals anything. */
const emptyOut = (): Outbox => ({ step: -1, segments: [], reads: [] });

export function createTcb(role: EndpointId, config: EngineConfig): Tcb {
  return {
    role,
    config,
    connection: 0,
    passive: false,
    orphaned: false,
    synchronized: false,
    iss: 0,
    irs: 0,
    sndUna: 0,
    sndNxt: 0,
    rcvNxt: 0,
    unacked: [],
    retries: 0,
    probed: false,
    finSeq: null,
    held: [],
    ackPending: false,
    timers: NO_TIMERS,
    error: null,
    bytesWritten: 0,
    bytesRead: 0,
    out: emptyOut(),
  };
}

/** A copy to change, whose outbox belongs to this step (started empty if the step is new). */
function draft(ctx: Tcb, at: Stamp): Draft {
  const d: Draft = { ...ctx };
  if (!(d.out.step === at.step)) d.out = { step: at.step, segments: [], reads: [] };
  return d;
}

function setTimer(d: Draft, name: TimerName, deadline: number | null): void {
  if (d.timers[name] !== deadline) d.timers = { ...d.timers, [name]: deadline };
}

function transmit(d: Draft, flags: number, seq: number, len: number, retransmission: boolean): void {
  const ack = flags & ACK ? d.rcvNxt : 0;
  d.out.segments.push({ flags, seq, ack, len, retransmission });
  if (flags & ACK) {
    d.ackPending = false;
    setTimer(d, 'delayed-ack', null);
  }
}

function flagsOf(d: Draft, u: Unacked): number {
  return u.control | (u.len > 0 ? PSH : 0) | (d.synchronized ? ACK : 0);
}

// ---- retransmission ------------------------------------------------------------------------

/** Which retry budget applies: the handshake's or the connection's. */
export type RetryPhase = 'syn' | 'synack' | 'connection';

export function retryLimit(ctx: Tcb, phase: RetryPhase): number {
  const c = ctx.config;
  if (phase === 'syn') return c.synRetries + c.synLinearTimeouts;
  if (phase === 'synack') return ctx.passive ? c.synAckRetries : c.synRetries;
  return ctx.orphaned ? c.finRetries : c.dataRetries;
}

/**
 * How long to wait after the given number of retries. An active opener's first
 * `synLinearTimeouts` retries keep the initial RTO (Linux: 1,1,1,1,1,2,4... s); everything else
 * doubles from the start (RFC 6298 section 5.5).
 */
export function retransmitTimeout(ctx: Tcb, retries: number, phase: RetryPhase): number {
  const linear = phase === 'syn' ? ctx.config.synLinearTimeouts : 0;
  const doublings = Math.max(0, retries - linear);
  return Math.min(ctx.config.maxRtoMs, ctx.config.rtoMs * 2 ** Math.min(doublings, 30));
}

export const canRetry = (ctx: Tcb, phase: RetryPhase): boolean => ctx.retries < retryLimit(ctx, phase);

/** Send a new SYN, FIN or run of bytes, and keep it until it is acknowledged. */
function sendNew(d: Draft, control: number, len: number, now: number): void {
  const u: Unacked = { seq: d.sndNxt, len, control };
  d.sndNxt = seqAdd(d.sndNxt, len + (control & SYN ? 1 : 0) + (control & FIN ? 1 : 0));
  d.unacked = [...d.unacked, u];
  transmit(d, flagsOf(d, u), u.seq, u.len, false);
  if (d.timers.retransmit === null) setTimer(d, 'retransmit', now + retransmitTimeout(d, d.retries, 'connection'));
}

/**
 * The retransmission timer fired. Linux first resends the newest segment once as a tail-loss
 * probe (RFC 8985) without counting it as a retry; after that, the oldest unacknowledged
 * segment is resent and the timeout doubles.
 */
export function retransmit(ctx: Tcb, at: Stamp, phase: RetryPhase): Tcb {
  const d = draft(ctx, at);
  if (d.unacked.length === 0) {
    setTimer(d, 'retransmit', null);
    return d;
  }
  if (phase === 'connection' && d.config.tailLossProbe && !d.probed) {
    const tail = d.unacked[d.unacked.length - 1]!;
    transmit(d, flagsOf(d, tail), tail.seq, tail.len, true);
    d.probed = true;
    setTimer(d, 'retransmit', at.now + retransmitTimeout(d, d.retries, phase));
    return d;
  }
  const head = d.unacked[0]!;
  transmit(d, flagsOf(d, head), head.seq, head.len, true);
  d.retries += 1;
  setTimer(d, 'retransmit', at.now + retransmitTimeout(d, d.retries, phase));
  return d;
}

// ---- opening -------------------------------------------------------------------------------

function fresh(ctx: Tcb, at: Stamp): Draft {
  const d = draft(ctx, at);
  const base = createTcb(ctx.role, ctx.config);
  return { ...base, connection: ctx.connection, out: d.out };
}

export function listen(ctx: Tcb, at: Stamp): Tcb {
  return fresh(ctx, at);
}

export function connect(ctx: Tcb, at: Stamp): Tcb {
  const d = fresh(ctx, at);
  d.iss = isnFor(d.config, d.role, d.connection);
  d.connection += 1;
  d.sndUna = d.iss;
  d.sndNxt = d.iss;
  d.timers = NO_TIMERS;
  const u: Unacked = { seq: d.iss, len: 0, control: SYN };
  d.sndNxt = seqAdd(d.iss, 1);
  d.unacked = [u];
  transmit(d, SYN, d.iss, 0, false);
  setTimer(d, 'retransmit', at.now + retransmitTimeout(d, 0, 'syn'));
  return d;
}

/** LISTEN took a SYN: remember the peer's ISN and answer SYN+ACK. */
export function acceptSyn(ctx: Tcb, seg: Segment, at: Stamp): Tcb {
  const d = draft(ctx, at);
  d.passive = true;
  d.synchronized = true;
  d.irs = seg.seq;
  d.rcvNxt = seqAdd(seg.seq, 1);
  d.iss = isnFor(d.config, d.role, d.connection);
  d.connection += 1;
  d.sndUna = d.iss;
  d.sndNxt = d.iss;
  d.retries = 0;
  sendNew(d, SYN, 0, at.now);
  setTimer(d, 'retransmit', at.now + retransmitTimeout(d, 0, 'synack'));
  return d;
}

/** SYN-SENT took a SYN without an ACK (simultaneous open): answer SYN+ACK for our own SYN. */
export function crossSyn(ctx: Tcb, seg: Segment, at: Stamp): Tcb {
  const d = draft(ctx, at);
  d.synchronized = true;
  d.irs = seg.seq;
  d.rcvNxt = seqAdd(seg.seq, 1);
  transmit(d, SYN | ACK, d.iss, 0, false);
  return d;
}

/** SYN-RECEIVED saw the peer's SYN again (our SYN+ACK was lost): answer it again, as Linux does. */
export function resendSynAck(ctx: Tcb, at: Stamp): Tcb {
  const d = draft(ctx, at);
  transmit(d, SYN | ACK, d.iss, 0, true);
  return d;
}

/** SYN-SENT took an acceptable SYN+ACK: the connection is open; acknowledge it. */
export function completeActiveOpen(ctx: Tcb, seg: Segment, at: Stamp): Tcb {
  const d = draft(ctx, at);
  d.synchronized = true;
  d.irs = seg.seq;
  d.rcvNxt = seqAdd(seg.seq, 1);
  takeAckInto(d, seg, at.now);
  transmit(d, ACK, d.sndNxt, 0, false);
  return d;
}

// ---- arriving segments: classification -----------------------------------------------------

const inWindow = (ctx: Tcb, n: number): boolean =>
  seqLe(ctx.rcvNxt, n) && seqLt(n, seqAdd(ctx.rcvNxt, RECEIVE_WINDOW));

/** RFC 9293 section 3.10.7.4's acceptability test. */
export function acceptable(ctx: Tcb, seg: Segment): boolean {
  const length = seqLength(seg);
  if (length === 0) return inWindow(ctx, seg.seq);
  return inWindow(ctx, seg.seq) || inWindow(ctx, seqAdd(seg.seq, length - 1));
}

/** SND.UNA < SEG.ACK =< SND.NXT */
export const acksNew = (ctx: Tcb, seg: Segment): boolean =>
  has(seg, ACK) && seqLt(ctx.sndUna, seg.ack) && seqLe(seg.ack, ctx.sndNxt);

/** The ACK of SYN-SENT's SYN: ISS < SEG.ACK =< SND.NXT */
export const acksOurSyn = (ctx: Tcb, seg: Segment): boolean =>
  has(seg, ACK) && seqLt(ctx.iss, seg.ack) && seqLe(seg.ack, ctx.sndNxt);

export const acksOurFin = (ctx: Tcb, seg: Segment): boolean =>
  ctx.finSeq !== null && has(seg, ACK) && seqGt(seg.ack, ctx.finSeq) && seqLe(seg.ack, ctx.sndNxt);

/**
 * What an arriving segment means to a synchronized connection, before any state-specific rule:
 * - `reset`: an acceptable RST (its sequence number is exactly RCV.NXT, RFC 5961 section 3.2);
 * - `ack`: answer with a bare ACK and drop it (out of window, a SYN, a RST that is in the window
 *   but not exact, or an ACK of something never sent);
 * - `drop`: ignore it silently (no ACK bit, or a RST out of the window);
 * - `take`: process its ACK, data and FIN.
 */
export type Verdict = 'reset' | 'ack' | 'drop' | 'take';

export function judge(ctx: Tcb, seg: Segment): Verdict {
  if (has(seg, RST)) {
    if (seg.seq === ctx.rcvNxt) return 'reset';
    return inWindow(ctx, seg.seq) ? 'ack' : 'drop';
  }
  if (!acceptable(ctx, seg)) return 'ack';
  if (has(seg, SYN)) return 'ack'; // RFC 5961 section 4.2: a challenge ACK
  if (!has(seg, ACK)) return 'drop';
  if (seqGt(seg.ack, ctx.sndNxt)) return 'ack';
  return 'take';
}

/** TIME-WAIT's one expected visitor: the peer's FIN again, because our last ACK was lost. */
export const isFinAgain = (ctx: Tcb, seg: Segment): boolean =>
  has(seg, FIN) && !has(seg, RST) && seqAdd(seg.seq, seg.len + 1) === ctx.rcvNxt;

/** SYN-RECEIVED seeing the peer's very SYN again. */
export const isSynAgain = (ctx: Tcb, seg: Segment): boolean =>
  has(seg, SYN) && !has(seg, ACK) && !has(seg, RST) && seg.seq === ctx.irs;

/** Simultaneous open: the peer's SYN+ACK for the SYN we already took, acknowledging ours. */
export const isCrossedSynAck = (ctx: Tcb, seg: Segment): boolean =>
  has(seg, SYN) && !has(seg, RST) && seg.seq === ctx.irs && acksOurSyn(ctx, seg);

/** New bytes beyond RCV.NXT (not a retransmission of bytes already taken). */
export const bringsNewData = (ctx: Tcb, seg: Segment): boolean =>
  seg.len > 0 && seqGt(seqAdd(seg.seq, seg.len), ctx.rcvNxt);

// ---- arriving segments: taking them --------------------------------------------------------

function takeAckInto(d: Draft, seg: Segment, now: number): void {
  if (!acksNew(d, seg)) return;
  d.sndUna = seg.ack;
  d.unacked = d.unacked.filter((u) => seqGt(seqAdd(u.seq, seqLength({ flags: u.control, seq: u.seq, ack: 0, len: u.len })), seg.ack));
  d.retries = 0;
  d.probed = false;
  setTimer(d, 'retransmit', d.unacked.length === 0 ? null : now + retransmitTimeout(d, 0, 'connection'));
}

/** Where reassembly would leave us if this segment's bytes and FIN were taken. */
interface Reassembly {
  readonly rcvNxt: number;
  readonly held: readonly Held[];
  readonly delivered: number;
  readonly fin: boolean;
  readonly outOfOrder: boolean;
}

export function reassemble(ctx: Tcb, seg: Segment): Reassembly {
  const carriesFin = has(seg, FIN);
  if (seg.len === 0 && !carriesFin) return { rcvNxt: ctx.rcvNxt, held: ctx.held, delivered: 0, fin: false, outOfOrder: false };
  let held = ctx.held;
  if (seqGt(seg.seq, ctx.rcvNxt)) {
    // Ahead of a gap: keep it, sorted, until the gap fills.
    const piece: Held = { seq: seg.seq, len: seg.len, fin: carriesFin };
    if (!held.some((h) => h.seq === piece.seq && h.len === piece.len && h.fin === piece.fin)) {
      held = [...held, piece].sort((a, b) => (seqLt(a.seq, b.seq) ? -1 : seqGt(a.seq, b.seq) ? 1 : 0));
    }
    return { rcvNxt: ctx.rcvNxt, held, delivered: 0, fin: false, outOfOrder: true };
  }
  let rcvNxt = ctx.rcvNxt;
  let delivered = 0;
  let fin = false;
  const absorb = (seq: number, len: number, withFin: boolean): void => {
    const end = seqAdd(seq, len);
    if (seqGt(end, rcvNxt)) {
      delivered += (end - rcvNxt) >>> 0;
      rcvNxt = end;
    }
    if (withFin && end === rcvNxt && !fin) {
      fin = true;
      rcvNxt = seqAdd(rcvNxt, 1);
    }
  };
  absorb(seg.seq, seg.len, carriesFin);
  const rest: Held[] = [];
  for (const h of held) {
    if (!fin && seqLe(h.seq, rcvNxt)) absorb(h.seq, h.len, h.fin);
    else if (seqGt(seqAdd(h.seq, h.len), rcvNxt)) rest.push(h);
  }
  return { rcvNxt, held: rest, delivered, fin, outOfOrder: false };
}

export const finArrives = (ctx: Tcb, seg: Segment): boolean => reassemble(ctx, seg).fin;

/** Take the segment's ACK only (states where the peer has finished sending). */
export function takeAck(ctx: Tcb, seg: Segment, at: Stamp): Tcb {
  const d = draft(ctx, at);
  takeAckInto(d, seg, at.now);
  return d;
}

/**
 * Take the ACK, the bytes and the FIN. Bytes are ACKed at once (Linux's quick-ack mode, and any
 * out-of-order arrival); the ACK of a FIN is left to the transition (at once or delayed).
 */
export function takeSegment(ctx: Tcb, seg: Segment, at: Stamp): Tcb {
  const d = draft(ctx, at);
  takeAckInto(d, seg, at.now);
  const r = reassemble(d, seg);
  d.rcvNxt = r.rcvNxt;
  d.held = r.held;
  if (r.delivered > 0) {
    d.bytesRead += r.delivered;
    d.out.reads.push(r.delivered);
  }
  if (!r.fin && (seg.len > 0 || r.outOfOrder)) transmit(d, ACK, d.sndNxt, 0, false);
  return d;
}

export function ackNow(ctx: Tcb, at: Stamp): Tcb {
  const d = draft(ctx, at);
  transmit(d, ACK, d.sndNxt, 0, false);
  return d;
}

/** Hold the ACK back a little, so that a FIN the application sends at once can carry it. */
export function ackLater(ctx: Tcb, at: Stamp): Tcb {
  if (ctx.config.ackDelayMs === 0) return ackNow(ctx, at);
  const d = draft(ctx, at);
  d.ackPending = true;
  if (d.timers['delayed-ack'] === null) setTimer(d, 'delayed-ack', at.now + d.config.ackDelayMs);
  return d;
}

export function sendPendingAck(ctx: Tcb, at: Stamp): Tcb {
  const d = draft(ctx, at);
  setTimer(d, 'delayed-ack', null);
  if (d.ackPending) transmit(d, ACK, d.sndNxt, 0, false);
  return d;
}

/** Answer a segment that no connection here can take (RFC 9293 section 3.5.2). */
export function replyReset(ctx: Tcb, seg: Segment, at: Stamp): Tcb {
  const rst = resetFor(seg);
  if (!rst) return ctx;
  const d = draft(ctx, at);
  d.out.segments.push({ ...rst, retransmission: false });
  return d;
}

// ---- application calls ---------------------------------------------------------------------

export function send(ctx: Tcb, bytes: number, at: Stamp): Tcb {
  const d = draft(ctx, at);
  for (let left = bytes; left > 0; left -= d.config.mss) sendNew(d, 0, Math.min(left, d.config.mss), at.now);
  d.bytesWritten += bytes;
  return d;
}

export function sendFin(ctx: Tcb, at: Stamp): Tcb {
  const d = draft(ctx, at);
  d.finSeq = d.sndNxt;
  sendNew(d, FIN, 0, at.now);
  return d;
}

export function orphan(ctx: Tcb, at: Stamp): Tcb {
  const d = draft(ctx, at);
  d.orphaned = true;
  return d;
}

/** abort(): Linux's active reset is RST+ACK with SEQ = SND.NXT (tcp_send_active_reset). */
export function sendAbortReset(ctx: Tcb, at: Stamp): Tcb {
  const d = draft(ctx, at);
  d.out.segments.push({ flags: RST | ACK, seq: d.sndNxt, ack: d.rcvNxt, len: 0, retransmission: false });
  return d;
}

// ---- timers and endings --------------------------------------------------------------------

export function startTimeWait(ctx: Tcb, at: Stamp): Tcb {
  const d = draft(ctx, at);
  setTimer(d, 'retransmit', null);
  setTimer(d, 'fin-wait-2', null);
  setTimer(d, 'time-wait', at.now + d.config.timeWaitMs);
  return d;
}

/** Only an orphaned FIN-WAIT-2 gives up (Linux's tcp_fin_timeout); a half-closed one waits. */
export function startFinWait2(ctx: Tcb, at: Stamp): Tcb {
  if (!ctx.orphaned || ctx.timers['fin-wait-2'] !== null) return ctx;
  const d = draft(ctx, at);
  setTimer(d, 'fin-wait-2', at.now + d.config.finWait2TimeoutMs);
  return d;
}

/** The connection is gone: stop every timer and forget what was in flight. */
export function release(ctx: Tcb, at: Stamp, error: ConnectionError | null): Tcb {
  const d = draft(ctx, at);
  d.timers = NO_TIMERS;
  d.unacked = [];
  d.held = [];
  d.ackPending = false;
  d.error = error;
  return d;
}

/** A passive open failed: back to listening, with the listening socket as it was. */
export function backToListen(ctx: Tcb, at: Stamp): Tcb {
  return fresh(ctx, at);
}
