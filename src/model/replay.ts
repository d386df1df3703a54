/**
 * Replaying a capture through the engine. While a world replays, the wire carries the segments a
 * capture saw, at the times it saw them, and not the ones the endpoint machines emit: those are
 * kept aside as what each endpoint *expects* to send. An observed segment that matches an
 * expectation takes its rule (so it is explained as a lesson's segment is); one that matches none
 * is explained from the capture (a resend, or a departure from the model). Before a segment leaves
 * an endpoint that would not send it by itself, the application call that must have come first
 * is made (connect() before a SYN, send() before new bytes, close() or shutdown() before a FIN,
 * abort() before a reset no rule sends).
 *
 * The first user action on a replaying world (a call, a network action) ends the replay: from
 * then on the endpoints send for themselves, which is how a capture forks into the simulator.
 */
import type { AppEvent } from './endpoint/edges';
import type { EndpointSnapshot } from './endpoint/step';
import type { Departure, SendWhy } from './endpoint/tcb';
import { ACK, FIN, RST, SYN, type Segment } from './segment';
import { seqAdd, seqGt, seqSpan, toSeq } from './seq';
import type { EndpointId, TcpState } from './types';

/** Why a replayed segment that is not in the capture is there: the handshake assumed before a capture that starts after it, the SYN before a captured SYN+ACK, the side the capture never saw, or bytes it missed. */
export type AssumedWhy = 'handshake' | 'opening' | 'unseen' | 'missed';

/** A segment a capture saw leave `from`. */
export interface Observed {
  readonly from: EndpointId;
  readonly segment: Segment;
  /** When it reaches its peer (ms, the run's clock), or null: the capture proves it never did. */
  readonly arrivesAt: number | null;
  /** 0 unless it is a resend (as tshark tells one: src/capture/infer.ts); then how many copies of the same segment came before, at least 1 (a segment without sequence space, or a reset, is never a resend). */
  readonly resend: number;
  /** A FIN's call: shutdown() when the socket goes on receiving afterwards, close() otherwise. */
  readonly closeAs: 'close' | 'shutdown';
  /** Not in the capture: assumed, for a capture that starts after the handshake, or inferred from what it holds. */
  readonly assumed?: boolean;
  /** Why an assumed segment is there: the opening before a captured SYN+ACK, the side the capture never saw, or bytes it missed (absent: the opening before a capture that starts after the handshake). */
  readonly inferred?: 'opening' | 'unseen' | 'missed';
  /** Its peer answered it with a reset for no connection: the peer had given up before it came. */
  readonly findsNoConnection?: true;
  /** The capture's packet (absent for an assumed segment). */
  readonly packet?: { readonly frame: number; readonly details: PacketDetails; readonly probe?: 'keep-alive' | 'window-probe' };
}

/** A replayed segment's packet, as the wire and the history keep it: for a view to name, and the anomalies to count. */
export interface CapturedPacket {
  /** Its number in the capture, from 1. */
  readonly frame: number;
  /** What the packet said that the model does not use: its window as sent, and its TCP options. */
  readonly details: PacketDetails;
  /** Earlier copies of the same segment (Observed.resend). */
  readonly resend: number;
  /** A probe, as tshark tells one: a keep-alive (at most a byte, one before its side's next new byte) or a zero window's probe (one byte at it). */
  readonly probe?: 'keep-alive' | 'window-probe';
}

/** A captured packet's window field (unscaled, as on the wire) and TCP options, for a view to show. */
export interface PacketDetails {
  readonly win: number;
  readonly mss?: number;
  readonly windowScale?: number;
  readonly sackPermitted?: boolean;
  readonly timestamp?: { readonly value: number; readonly echo: number };
}

/** A segment an endpoint machine emitted while the world replayed: what it expected to send. */
export interface Expected {
  readonly segment: Segment;
  readonly why: SendWhy;
  readonly retransmission: boolean;
  readonly at: number;
}

/** The replay's state in a world: each endpoint's expectations, oldest first. */
export interface Replay {
  readonly expected: Readonly<Record<EndpointId, readonly Expected[]>>;
}

export const startReplay = (): Replay => ({ expected: { client: [], server: [] } });

/** How many expectations an endpoint keeps: older ones were never seen and no longer explain anything. */
const KEPT = 64;

/** The rule that sent an observed segment: an expectation's, or the capture's own account. */
export function expect(replay: Replay, from: EndpointId, segment: Segment, why: SendWhy, retransmission: boolean, at: number): Replay {
  const list = [...replay.expected[from], { segment, why, retransmission, at }];
  return { expected: { ...replay.expected, [from]: list.length > KEPT ? list.slice(list.length - KEPT) : list } };
}

/**
 * Whether an observed segment is the one the model expected: the same control flags, sequence
 * number and length (an ACK's number and its timing may differ: the real end may have learnt more).
 */
export const matches = (expected: Segment, observed: Segment): boolean =>
  (expected.flags & (SYN | FIN | RST | ACK)) === (observed.flags & (SYN | FIN | RST | ACK)) && expected.seq === observed.seq && expected.len === observed.len;

/**
 * A segment of bytes with the FIN behind them, where the model sent the two apart (the bytes at
 * send(), the FIN at close(): a real end that closes with bytes still queued sends them together,
 * as servers often do): both expectations are taken off the list, and the segment is the FIN's.
 */
export function fulfilJoined(replay: Replay, from: EndpointId, segment: Segment): { replay: Replay; expected: Expected } | null {
  if (!(segment.flags & FIN) || segment.flags & (SYN | RST) || segment.len === 0) return null;
  const list = replay.expected[from];
  const bytes = list.findIndex((e) => !(e.segment.flags & (SYN | FIN | RST)) && e.segment.seq === segment.seq && e.segment.len === segment.len);
  const fin = list.findIndex(
    (e) => e.segment.flags & FIN && !(e.segment.flags & (SYN | RST)) && e.segment.len === 0 && e.segment.seq === seqAdd(segment.seq, segment.len),
  );
  if (bytes < 0 || fin < 0) return null;
  return { replay: { expected: { ...replay.expected, [from]: list.filter((_, k) => k !== bytes && k !== fin) } }, expected: list[fin]! };
}

/** The expectation an observed segment fulfils, if one does: taken off the list. */
export function fulfil(replay: Replay, from: EndpointId, segment: Segment): { replay: Replay; expected: Expected } | null {
  const list = replay.expected[from];
  const i = list.findIndex((e) => matches(e.segment, segment));
  if (i < 0) return null;
  return { replay: { expected: { ...replay.expected, [from]: list.filter((_, k) => k !== i) } }, expected: list[i]! };
}

/** The most bytes one inferred send() may stand for when the capture missed some before a segment. */
export const MAX_GAP = 1 << 20;

/** The application call that must have come before this segment left its endpoint, if one did. */
export function impliedCall(snap: EndpointSnapshot, o: Observed, now: number): AppEvent | null {
  const s = o.segment;
  const state = snap.value as TcpState;
  const tcb = snap.context;
  if (s.flags & SYN && !(s.flags & ACK) && (state === 'CLOSED' || state === 'LISTEN')) return { type: 'CONNECT', now };
  if (s.flags & RST) {
    // A reset no rule of the endpoint's would send: its application aborted.
    const open = state !== 'CLOSED' && state !== 'LISTEN' && state !== 'SYN-SENT' && state !== 'TIME-WAIT';
    return open && !(s.flags & FIN) ? { type: 'ABORT', now } : null;
  }
  const end = seqAdd(toSeq(s.seq), s.len);
  if (s.len > 0 && seqGt(end, tcb.sndNxt) && (state === 'ESTABLISHED' || state === 'CLOSE-WAIT')) {
    // The bytes up to this segment's end; bytes the capture missed count too, but no more than
    // MAX_GAP at once (a damaged or hostile sequence number must not make millions of segments).
    const upTo = seqSpan(tcb.sndNxt, end);
    return { type: 'SEND', bytes: upTo <= MAX_GAP ? upTo : s.len, now };
  }
  if (s.flags & FIN && tcb.finSeq === null && (state === 'ESTABLISHED' || state === 'CLOSE-WAIT' || state === 'SYN-RECEIVED'))
    return { type: o.closeAs === 'shutdown' ? 'SHUTDOWN' : 'CLOSE', now };
  return null;
}

/** How an observed segment no rule explains departs from the model, or null when it is ordinary (a resend, an ACK). */
export function departure(snap: EndpointSnapshot, o: Observed): Departure | null {
  const state = snap.value as TcpState;
  const s = o.segment;
  if (state === 'CLOSED' || state === 'LISTEN') return s.flags & RST ? null : { kind: 'not-open', state };
  // A resend, or a segment that carries nothing new (an ACK, a window update, a keepalive), is
  // timing: the real endpoint's timers are not the model's.
  if (o.resend > 0 || (s.len === 0 && !(s.flags & (SYN | FIN | RST)))) return null;
  if (!seqGt(seqAdd(toSeq(s.seq), s.len), snap.context.sndUna) && !(s.flags & (SYN | RST))) return null;
  // Bytes all sent before, cut into other pieces (a path whose MTU shrank): a resend's timing too.
  if (s.len > 0 && !(s.flags & (SYN | FIN | RST)) && !seqGt(seqAdd(toSeq(s.seq), s.len), snap.context.sndNxt)) return null;
  return { kind: 'unexplained', state };
}
