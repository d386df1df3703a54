/** The application's send and close calls, and how a connection ends (RFC 9293 sections 3.6, 3.10.2-5, 3.10.8). */
import { ACK, FIN, RST } from '../segment';
import { sendNew } from './retransmission';
import { NO_TIMERS, begin, done, setTimer, transmitAsIs, type Change, type Stamp, type Tcb } from './tcb';
import type { ConnectionError } from '../types';

export function send(ctx: Tcb, bytes: number, at: Stamp): Change {
  const w = begin(ctx);
  for (let left = bytes; left > 0; left -= w.d.config.mss) sendNew(w, 0, Math.min(left, w.d.config.mss), at.now);
  w.d.bytesWritten += bytes;
  return done(w);
}

export function sendFin(ctx: Tcb, at: Stamp): Change {
  const w = begin(ctx);
  w.d.finSeq = w.d.sndNxt;
  sendNew(w, FIN, 0, at.now);
  return done(w);
}

/** close(): the application lets go; nobody reads any more and the kernel finishes alone. */
export function orphan(ctx: Tcb): Change {
  const w = begin(ctx);
  w.d.orphaned = true;
  return done(w);
}

/** abort(): Linux's active reset is RST+ACK with SEQ = SND.NXT (tcp_send_active_reset). */
export function sendAbortReset(ctx: Tcb): Change {
  const w = begin(ctx);
  transmitAsIs(w, { flags: RST | ACK, seq: w.d.sndNxt, ack: w.d.rcvNxt, len: 0 }, { kind: 'rst-abort' });
  return done(w);
}

/** TIME-WAIT: 2 MSL (Linux's TCP_TIMEWAIT_LEN, 60 s, not a sysctl) before the socket goes. */
export function startTimeWait(ctx: Tcb, at: Stamp): Change {
  const w = begin(ctx);
  setTimer(w, 'retransmit', null);
  setTimer(w, 'fin-wait-2', null);
  setTimer(w, 'time-wait', at.now + w.d.config.timeWaitMs);
  return done(w);
}

/**
 * An orphaned FIN-WAIT-2 gives up after net.ipv4.tcp_fin_timeout. The machine starts this only
 * for an orphaned socket: a half-closed one (shutdown()) waits for the peer's FIN for good.
 */
export function startFinWait2(ctx: Tcb, at: Stamp): Change {
  const w = begin(ctx);
  setTimer(w, 'fin-wait-2', at.now + w.d.config.finWait2TimeoutMs);
  return done(w);
}

/** The connection is gone: stop every timer and forget what was in flight. */
export function release(ctx: Tcb, error: ConnectionError | null): Change {
  const w = begin(ctx);
  w.d.timers = NO_TIMERS;
  w.d.unacked = [];
  w.d.held = [];
  w.d.ackPending = false;
  w.d.error = error;
  return done(w);
}
