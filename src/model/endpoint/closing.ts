/** The application's send and close calls, and how a connection ends (RFC 9293 sections 3.6, 3.10.2-5, 3.10.8). */
import { ACK, RST } from '../segment';
import { seqAdd } from '../seq';
import { noneInFlight } from './inflight';
import { sendQueued } from './retransmission';
import { NO_TIMERS, begin, done, setTimer, transmitAsIs, type Change, type Stamp, type Tcb } from './tcb';
import type { ConnectionError } from '../types';

/** send(): the bytes join the send queue and go as far as the peer's window lets them (RFC 9293 section 3.10.2). */
export function send(ctx: Tcb, bytes: number, at: Stamp): Change {
  const w = begin(ctx);
  w.tcb.queued += bytes;
  w.tcb.bytesWritten += bytes;
  sendQueued(w, at.now);
  return done(w);
}

/** close() or shutdown(): a FIN after every byte queued before it (RFC 9293 section 3.10.4). */
export function sendFin(ctx: Tcb, at: Stamp): Change {
  const w = begin(ctx);
  w.tcb.finSeq = seqAdd(w.tcb.sndNxt, w.tcb.queued);
  w.tcb.finQueued = true;
  sendQueued(w, at.now);
  return done(w);
}

/** close(): the application lets go; nobody reads any more and the kernel finishes alone. */
export function orphan(ctx: Tcb): Change {
  const w = begin(ctx);
  w.tcb.orphaned = true;
  return done(w);
}

/** abort(): Linux's active reset is RST+ACK with SEQ = SND.NXT (tcp_send_active_reset). */
export function sendAbortReset(ctx: Tcb): Change {
  const w = begin(ctx);
  transmitAsIs(w, { flags: RST | ACK, seq: w.tcb.sndNxt, ack: w.tcb.rcvNxt, len: 0, win: 0 }, { kind: 'rst-abort' });
  return done(w);
}

/** TIME-WAIT: 2 MSL (Linux's TCP_TIMEWAIT_LEN, 60 s, not a sysctl) before the socket goes. */
export function startTimeWait(ctx: Tcb, at: Stamp): Change {
  const w = begin(ctx);
  setTimer(w, 'retransmit', null);
  setTimer(w, 'fin-wait-2', null);
  setTimer(w, 'time-wait', at.now + w.tcb.config.timeWaitMs);
  return done(w);
}

/**
 * An orphaned FIN-WAIT-2 gives up after net.ipv4.tcp_fin_timeout. The machine starts this only
 * for an orphaned socket: a half-closed one (shutdown()) waits for the peer's FIN for good.
 */
export function startFinWait2(ctx: Tcb, at: Stamp): Change {
  const w = begin(ctx);
  setTimer(w, 'fin-wait-2', at.now + w.tcb.config.finWait2TimeoutMs);
  return done(w);
}

/** The connection is gone: stop every timer and forget what was in flight. */
export function release(ctx: Tcb, error: ConnectionError | null): Change {
  const w = begin(ctx);
  w.tcb.timers = NO_TIMERS;
  w.tcb.unacked = noneInFlight();
  w.tcb.queued = 0;
  w.tcb.finQueued = false;
  w.tcb.unread = 0;
  w.tcb.aheadOfGap = [];
  w.tcb.ackPending = false;
  w.tcb.error = error;
  return done(w);
}
