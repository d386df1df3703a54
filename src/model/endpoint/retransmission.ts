/**
 * Retransmission (RFC 9293 section 3.8.1, RFC 6298, and Linux's choices): how many retries each
 * phase allows, how long each wait is, and what the timer resends when it fires.
 */
import { ACK, SYN, FIN, seqLength } from '../segment';
import { seqAdd, seqSpan } from '../seq';
import { append, countInFlight, newest, oldest } from './inflight';
import { begin, done, flagsOf, setTimer, transmit, type Change, type Stamp, type Tcb, type Unacked, type Draft } from './tcb';

/** Which retry budget applies: the handshake's or the connection's. */
export type RetryPhase = 'syn' | 'synack' | 'connection';

/**
 * The retry budget: net.ipv4.tcp_syn_retries (plus tcp_syn_linear_timeouts) for a SYN,
 * tcp_synack_retries for a SYN+ACK, tcp_orphan_retries once the application has closed, and
 * tcp_retries2 otherwise.
 */
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
export function sendNew(w: Draft, control: number, len: number, now: number, data: 'data' | 'data-window' = 'data'): void {
  const d = w.tcb;
  const u: Unacked = { seq: d.sndNxt, len, control };
  d.sndNxt = seqAdd(d.sndNxt, seqLength(len, control));
  d.unacked = append(d.unacked, u);
  transmit(w, flagsOf(d, u), u.seq, u.len, { kind: control & FIN ? 'fin' : control & SYN ? 'syn-ack' : data });
  if (d.timers.retransmit === null) setTimer(w, 'retransmit', now + retransmitTimeout(d, d.retries, 'connection'));
}

/** How much of the peer's window is not yet used by what is in flight (RFC 9293: SND.UNA + SND.WND - SND.NXT). */
export const usableWindow = (d: Tcb): number => d.sndWnd - seqSpan(d.sndUna, d.sndNxt);

/**
 * Send what the application has queued, as far as the peer's window allows (RFC 9293 section
 * 3.8.6): whole segments of up to MSS bytes, the last one shorter; a shorter piece only when it
 * is at least half the largest window the peer has offered (the sender's silly-window avoidance,
 * section 3.8.6.2.1). The FIN goes last, once every byte is out, and takes one of the window
 * (Linux's tcp_snd_wnd_test). What cannot go waits; with nothing in flight to bring an ACK back,
 * the persist timer makes sure the window is asked about again.
 */
export function sendQueued(w: Draft, now: number, why: 'data' | 'data-window' = 'data'): void {
  const d = w.tcb;
  let sent = false;
  for (;;) {
    const usable = usableWindow(d);
    if (d.queued > 0) {
      const whole = Math.min(d.config.mss, d.queued);
      const len = whole <= usable ? whole : usable > 0 && usable >= d.maxSndWnd / 2 ? usable : 0;
      if (len === 0) break;
      d.queued -= len;
      sendNew(w, 0, len, now, why);
    } else if (d.finQueued && usable >= 1) {
      d.finQueued = false;
      sendNew(w, FIN, 0, now);
    } else break;
    sent = true;
  }
  if (sent) d.probes = 0;
  const waiting = d.queued > 0 || d.finQueued;
  if (!waiting || countInFlight(d.unacked) > 0) setTimer(w, 'persist', null);
  else if (d.timers.persist === null) setTimer(w, 'persist', now + persistTimeout(d));
}

/** The persist timer's wait: the RTO, doubled for each probe since the window closed (Linux's tcp_probe0_when). */
export const persistTimeout = (d: Tcb): number => Math.min(d.config.maxRtoMs, d.config.rtoMs * 2 ** Math.min(d.probes, 30));

/**
 * Whether the persist timer may probe again, or the peer counts as gone: too many probes with no
 * ACK at all (tcp_retries2, or tcp_orphan_retries once the application has closed), or, for an
 * orphaned socket, the probes backed off to the longest wait as many times (Linux's tcp_probe_timer).
 * A peer that answers every probe is probed for as long as it answers (RFC 9293 section 3.8.6.1).
 */
export function canProbe(d: Tcb): boolean {
  const limit = retryLimit(d, 'connection');
  if (d.probesUnanswered >= limit) return false;
  const alive = d.config.rtoMs * 2 ** Math.min(d.probes, 30) < d.config.maxRtoMs;
  return !(d.orphaned && !alive && d.probes >= limit);
}

/**
 * The persist timer fired. If the window has room after all, send into it; otherwise probe it:
 * Linux's probe is a bare ACK with SEQ = SND.UNA - 1, a byte the peer already has, so the peer
 * must answer with an ACK that says its window (tcp_xmit_probe_skb). Each probe doubles the wait.
 */
export function probeWindow(ctx: Tcb, at: Stamp): Change {
  const w = begin(ctx);
  const d = w.tcb;
  setTimer(w, 'persist', null);
  if (!(d.queued > 0 || d.finQueued) || countInFlight(d.unacked) > 0) return done(w);
  if (usableWindow(d) > 0) {
    sendQueued(w, at.now, 'data-window');
    if (d.timers.persist === null && countInFlight(d.unacked) > 0) return done(w);
  }
  d.probes += 1;
  d.probesUnanswered += 1;
  const wait = persistTimeout(d);
  transmit(w, ACK, seqAdd(d.sndUna, -1), 0, { kind: 'window-probe', attempt: d.probes, nextWaitMs: wait });
  setTimer(w, 'persist', at.now + wait);
  return done(w);
}

/**
 * The retransmission timer fired. Linux first resends the newest segment once as a tail-loss
 * probe (RFC 8985) without counting it as a retry; after that, the oldest unacknowledged
 * segment is resent and the timeout doubles.
 */
export function retransmit(ctx: Tcb, at: Stamp, phase: RetryPhase): Change {
  const w = begin(ctx);
  const d = w.tcb;
  const head = oldest(d.unacked);
  const tail = newest(d.unacked);
  if (!head || !tail) {
    setTimer(w, 'retransmit', null);
    return done(w);
  }
  if (phase === 'connection' && d.config.tailLossProbe && !d.probed) {
    const wait = retransmitTimeout(d, d.retries, phase);
    transmit(w, flagsOf(d, tail), tail.seq, tail.len, { kind: 'probe', nextWaitMs: wait });
    d.probed = true;
    setTimer(w, 'retransmit', at.now + wait);
    return done(w);
  }
  d.retries += 1;
  const wait = retransmitTimeout(d, d.retries, phase);
  transmit(w, flagsOf(d, head), head.seq, head.len, {
    kind: 'retransmit',
    attempt: d.retries,
    limit: retryLimit(d, phase),
    nextWaitMs: wait,
    phase,
    orphaned: d.orphaned,
  });
  setTimer(w, 'retransmit', at.now + wait);
  return done(w);
}
