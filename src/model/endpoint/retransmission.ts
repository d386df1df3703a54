/**
 * Retransmission (RFC 9293 section 3.8.1, RFC 6298, and Linux's choices): how many retries each
 * phase allows, how long each wait is, and what the timer resends when it fires.
 */
import { SYN, FIN } from '../segment';
import { seqAdd } from '../seq';
import { begin, done, flagsOf, setTimer, transmit, type Change, type Stamp, type Tcb, type Unacked, type Work } from './tcb';

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
export function sendNew(w: Work, control: number, len: number, now: number): void {
  const d = w.d;
  const u: Unacked = { seq: d.sndNxt, len, control };
  d.sndNxt = seqAdd(d.sndNxt, len + (control & SYN ? 1 : 0) + (control & FIN ? 1 : 0));
  d.unacked = [...d.unacked, u];
  transmit(w, flagsOf(d, u), u.seq, u.len, { kind: control & FIN ? 'fin' : control & SYN ? 'syn-ack' : 'data' });
  if (d.timers.retransmit === null) setTimer(w, 'retransmit', now + retransmitTimeout(d, d.retries, 'connection'));
}

/**
 * The retransmission timer fired. Linux first resends the newest segment once as a tail-loss
 * probe (RFC 8985) without counting it as a retry; after that, the oldest unacknowledged
 * segment is resent and the timeout doubles.
 */
export function retransmit(ctx: Tcb, at: Stamp, phase: RetryPhase): Change {
  const w = begin(ctx);
  const d = w.d;
  if (d.unacked.length === 0) {
    setTimer(w, 'retransmit', null);
    return done(w);
  }
  if (phase === 'connection' && d.config.tailLossProbe && !d.probed) {
    const tail = d.unacked[d.unacked.length - 1]!;
    const wait = retransmitTimeout(d, d.retries, phase);
    transmit(w, flagsOf(d, tail), tail.seq, tail.len, { kind: 'probe', nextWaitMs: wait });
    d.probed = true;
    setTimer(w, 'retransmit', at.now + wait);
    return done(w);
  }
  const head = d.unacked[0]!;
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
