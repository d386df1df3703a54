/**
 * What state each end of a captured connection was in: the capture replayed through the engine
 * (src/model/replay.ts). Each segment leaves its sender when the capture shows it (less the time
 * it took to reach the capture point) and reaches its peer one more stretch later, or never, when
 * the capture proves it lost; the endpoint machines take the arrivals, make the application calls
 * the segments imply, and run their timers on the capture's clock. The same replay is what the
 * page opens on its stage, and a user's first action forks it into the simulator.
 *
 * Where the capture was taken is estimated from the handshake: a SYN's answer comes back to the
 * capture point after twice the way to the server, and the client's ACK after twice the way to the
 * client. A capture that starts after the handshake gets one assumed, marked as such.
 */
import { resolveConfig, type ConfigOverrides } from '../model/config';
import type { Observed } from '../model/replay';
// The world replays what this module makes: installed by importing it.
import { REPLAYER } from '../model/replayStep';
import type { ScriptStep } from '../model/script';
import { ACK, FIN, RST, SYN, modelledFlags, segment, seqLength } from '../model/segment';
import { seqSpan, toSeq } from '../model/seq';
import { Simulation } from '../model/simulation';
import type { Transition } from '../model/history';
import type { EndpointId, TcpState } from '../model/types';
import type { Connection } from './connections';
import { countAtMost } from '../model/sorted';
import { complete, segmentKey, type InferredWhy, type Missed, type Seg } from './unseen';

export interface StateAt {
  /** Seconds since the capture's first packet. */
  readonly t: number;
  readonly state: TcpState;
}

/** Where the capture was taken: the one-way time from there to each end, in seconds. */
export interface Vantage {
  readonly toClient: number;
  readonly toServer: number;
  /** How it was known: the handshake's timing, the caller, or nothing (taken as 0). */
  readonly from: 'handshake' | 'given' | 'none';
}

export interface InferOptions {
  /** The engine's settings the ends are taken to have (default: Linux's). */
  readonly config?: ConfigOverrides;
  /** Where the capture was taken (default: estimated from the handshake). */
  readonly vantage?: Omit<Vantage, 'from'>;
  /**
   * Instead of a vantage point: every segment was stamped as it left its sender and arrives
   * `delay` seconds later (the app's own pcap export is stamped so).
   */
  readonly delay?: number;
  /**
   * The capture's last packet, in seconds since its first: the connection is replayed up to then
   * (its ends' timers run on while the capture went on seeing other connections). Default: the
   * connection's own last segment.
   */
  readonly captureEnd?: number;
}

/** A connection's replay: the script the page's stage opens, and how its clock maps to the capture's. */
export interface Replayed {
  readonly config: ConfigOverrides;
  readonly steps: readonly ScriptStep[];
  /** The run's time (ms) of the capture's time `startS`. */
  readonly offsetMs: number;
  /**
   * Where the run's clock starts on the capture's (seconds since its first packet): the connection's
   * first segment, so a connection that starts late in a long capture starts near 0 on the stage, not
   * after hours (or years, in a file that joins captures) of nothing.
   */
  readonly startS: number;
  /** The run's time (ms) at which the capture ends (the connection's last segment, or the file's, if given later). */
  readonly endMs: number;
  readonly vantage: Vantage;
  /** The capture starts after the handshake: the run's first segments are assumed. */
  readonly assumedOpen: boolean;
  /** What the capture missed, inferred: the client's SYN before a SYN+ACK, the side it never saw send (null: both were seen), and bytes it missed from a side it saw. */
  readonly inferred: { readonly opening: boolean; readonly unseen: EndpointId | null; readonly segments: number; readonly missed: readonly Missed[] };
}

export interface Inferred {
  readonly states: Readonly<Record<EndpointId, readonly StateAt[]>>;
  readonly vantage: Vantage;
}

/** The window handed to the model: the capture decides what was sent, so the model's windows must never refuse it. */
const WHOLE = 1 << 30;

/** The longest the client's answer to a SYN+ACK may take to count as its handshake ACK (Linux resends a SYN+ACK after 1 s), in seconds, unless the SYN's own round trip was longer. */
export const HANDSHAKE_ACK_WITHIN_S = 1;

/**
 * The one-way times to each end, from the handshake's timing (or none). The way to the server is
 * half the time from the SYN (its last copy) to the SYN+ACK; the way to the client half the time
 * from the SYN+ACK (its last copy before) to the client's first segment after it, if that segment
 * acknowledges exactly the SYN+ACK and came within a plausible round trip (HANDSHAKE_ACK_WITHIN_S,
 * or three times the SYN's): else the handshake's ACK is not in the capture, and that way is 0.
 */
export function estimateVantage(c: Pick<Connection, 'segments'>): Vantage {
  // Only what the capture saw can be timed: an inferred segment has no moment of its own.
  const segs = c.segments.filter((s) => !(s as Seg).inferred);
  const none: Vantage = { toClient: 0, toServer: 0, from: 'none' };
  const first = segs.findIndex((s) => !s.fromClient && s.flags & SYN && s.flags & ACK);
  // A simultaneous open's SYN+ACKs answer SYNs that crossed: nothing to time.
  if (first < 0 || segs.some((s) => !s.fromClient && s.flags & SYN && !(s.flags & ACK))) return none;
  // The SYN+ACK's last copy before the client's first word after it (not a SYN of its own: a resend that crossed it, or a simultaneous open's).
  const answer = segs.findIndex((s, i) => i > first && s.fromClient && !(s.flags & SYN));
  let synAck = first;
  for (let i = first + 1; i < (answer < 0 ? segs.length : answer); i++) {
    const x = segs[i]!;
    if (!x.fromClient && x.flags & SYN && x.flags & ACK && x.seq === segs[first]!.seq) synAck = i;
  }
  const sa = segs[synAck]!;
  let syn = -1;
  for (let i = synAck - 1; i >= 0; i--)
    if (segs[i]!.fromClient && segs[i]!.flags & SYN && !(segs[i]!.flags & ACK)) {
      syn = i;
      break;
    }
  // A damaged or reordered capture can show an answer before its question: no less than 0.
  const toServer = syn < 0 ? 0 : Math.max(0, (sa.t - segs[syn]!.t) / 2);
  const a = answer < 0 ? null : segs[answer]!;
  const acks = a !== null && a.flags & ACK && !(a.flags & (SYN | RST)) && a.ack === (sa.seq + 1) >>> 0;
  const within = Math.max(HANDSHAKE_ACK_WITHIN_S, 3 * 2 * toServer);
  const toClient = acks && a.t - sa.t <= within ? Math.max(0, (a.t - sa.t) / 2) : 0;
  if (syn < 0 && toClient === 0) return none;
  return { toClient, toServer, from: 'handshake' };
}

/** The capture as a script for the engine to replay. */
export function replayOf(c: Connection, options: InferOptions = {}): Replayed {
  // With what the capture missed inferred (the SYN before a SYN+ACK, the side it did not see).
  const completed = complete(c);
  const segs = completed.segments;
  const synFrom = (fromClient: boolean) => segs.find((s) => s.fromClient === fromClient && s.flags & SYN);
  const clientSyn = synFrom(true);
  const serverSyn = synFrom(false);
  const vantage: Vantage =
    options.delay !== undefined
      ? { toClient: 0, toServer: 0, from: 'given' }
      : options.vantage
        ? { ...options.vantage, from: 'given' }
        : estimateVantage({ segments: segs });
  const stamped = options.delay !== undefined ? options.delay * 1000 : null;
  // A capture that starts after the handshake: one is assumed just before its first segment.
  const assumedOpen = !clientSyn && !serverSyn && segs.length > 0;
  const firstFrom = (fromClient: boolean) => segs.find((s) => s.fromClient === fromClient);
  const clientIsn = clientSyn?.seq ?? (assumedOpen ? (firstFrom(true)?.seq ?? 1) - 1 : undefined);
  const serverIsn = serverSyn?.seq ?? (assumedOpen ? (firstFrom(false)?.seq ?? segs.find((s) => s.fromClient && s.flags & ACK)?.ack ?? 1) - 1 : undefined);
  // Segments larger than the MSS (offloaded segmentation, captured before the card cut them) are one send each.
  const largest = segs.reduce((n, s) => Math.max(n, s.len), 0);
  const mss = Math.max(100, clientSyn?.options.mss ?? serverSyn?.options.mss ?? options.config?.mss ?? 1460, Math.min(largest, 65_535));
  const lead = (fromClient: boolean) => (fromClient ? vantage.toClient : vantage.toServer) * 1000;
  const trail = (fromClient: boolean) => (fromClient ? vantage.toServer : vantage.toClient) * 1000;
  const ASSUMED_MS = 3;
  const rtt = 2 * (lead(true) + trail(true));
  const offsetMs = Math.max(vantage.toClient, vantage.toServer) * 1000 + (assumedOpen ? ASSUMED_MS : 0);
  const config: ConfigOverrides = {
    ...options.config,
    ...(clientIsn !== undefined ? { clientIsn: toSeq(clientIsn) } : {}),
    ...(serverIsn !== undefined ? { serverIsn: toSeq(serverIsn) } : {}),
    mss,
    rcvBufBytes: WHOLE,
    // What a fork into the simulator uses: the capture's own round trip.
    latencyMs: stamped ?? lead(true) + trail(true),
    // Once a round trip R is measured, Linux's timeout is R + max(200 ms, 4 x R/2) (RFC 6298, tcp_rto_min).
    // The model keeps its 1 s (a real end's sooner resends fire its timer early, and a slower timer
    // never gives up before the real one), unless R is so long that 1 s would resend what is only
    // on its way: a fork of such a capture would resend at once.
    ...(vantage.from === 'handshake' && options.config?.rtoMs === undefined && rtoAfter(rtt) > 1000 ? { rtoMs: rtoAfter(rtt) } : {}),
  };
  const steps: ScriptStep[] = [];
  // The run's clock starts at the connection (never before the capture's start: an inferred opening keeps its place).
  const startS = Math.max(0, Math.min(c.start, segs[0]?.t ?? c.start));
  const at0 = (t: number) => offsetMs + (t - startS) * 1000;
  const start = at0(c.start) - (assumedOpen ? ASSUMED_MS : lead(segs[0]?.fromClient ?? true));
  // The server listens, unless its first word is a reset (nothing was listening: the SYN was
  // refused) or a SYN of its own (it connected too: a simultaneous open).
  const firstFromServer = firstFrom(false);
  const refused = firstFromServer && firstFromServer.flags & RST && !serverSyn;
  const opensItself = serverSyn && !(serverSyn.flags & ACK);
  if (!refused && !opensItself && !assumedOpen) steps.push({ at: Math.max(0, start), endpoint: 'server', call: 'listen' });
  if (assumedOpen) {
    const at = Math.max(0, start);
    const assume = (from: EndpointId, flags: number, seq: number, ack: number | null, k: number): ScriptStep => ({
      at: at + k,
      observed: { from, segment: segment(flags, seq, ack, 0, WHOLE), arrivesAt: at + k + 0.5, resend: 0, closeAs: 'close', assumed: true },
    });
    const cIsn = toSeq(clientIsn!);
    const sIsn = toSeq(serverIsn!);
    steps.push({ at, endpoint: 'server', call: 'listen' });
    steps.push(assume('client', SYN, cIsn, null, 0));
    steps.push(assume('server', SYN | ACK, sIsn, (cIsn + 1) >>> 0, 1));
    steps.push(assume('client', ACK, (cIsn + 1) >>> 0, (sIsn + 1) >>> 0, 2));
  }
  const kinds = resendKinds(segs);
  const { lost, answer } = lossesOf(segs, kinds);
  const finTimeoutS = resolveConfig(options.config ?? {}).finWait2TimeoutMs / 1000;
  const departs = segs.map((s) => at0(s.t) - (stamped !== null ? 0 : lead(s.fromClient)));
  answersLeaveAfter(segs, departs, answer);
  // With no handshake to time, a segment is taken to arrive just as the peer's answer to it leaves
  // (crossing SYNs stay crossed), or as it was captured when nothing answers it.
  const arrives = arrivalsOf(segs, departs, lost, answer, (s) =>
    stamped === null && vantage.from === 'none' ? Infinity : at0(s.t) + (stamped ?? trail(s.fromClient)),
  );
  handshakeAckFirst(segs, departs, arrives);
  const probes = probesOf(segs);
  const copies = copiesBefore(segs, probes, kinds);
  const ackLost = lostAcks(segs, departs, arrives, copies);
  segs.forEach((s, index) => {
    const from: EndpointId = s.fromClient ? 'client' : 'server';
    const resend = copies[index]!;
    const at = departs[index]!;
    const inferred: InferredWhy | undefined = (s as Seg).inferred;
    // Its optional fields set one by one, in the order they are listed (spreading small objects cost more per segment).
    const observed: { -readonly [K in keyof Observed]: Observed[K] } = {
      from,
      segment: segment(modelledFlags(s.flags), s.seq, s.flags & ACK ? s.ack : null, s.len, WHOLE),
      arrivesAt: lost[index] || ackLost[index] ? null : arrives[index]!,
      resend,
      closeAs: s.flags & FIN ? closeAs(segs, index, finTimeoutS) : 'close',
    };
    if (findsNoConnection(segs, index, answer)) observed.findsNoConnection = true;
    if (inferred) {
      observed.assumed = true;
      observed.inferred = inferred;
    } else {
      const probe = probes[index];
      observed.packet = probe ? { frame: s.frame, details: { win: s.win, ...s.options }, probe } : { frame: s.frame, details: { win: s.win, ...s.options } };
    }
    steps.push({ at, observed });
  });
  const last = segs.at(-1);
  const endMs = Math.max(last ? at0(last.t) + (stamped ?? Math.max(trail(true), trail(false))) : offsetMs, at0(options.captureEnd ?? 0));
  const inferredCount = segs.length - c.segments.length;
  return {
    config,
    steps,
    offsetMs,
    startS,
    endMs,
    vantage,
    assumedOpen,
    inferred: { opening: completed.opening, unseen: completed.unseen, segments: inferredCount, missed: completed.missed },
  };
}

/** Whether the peer's answer to segment i is a reset for no connection (no ACK bit; its seq is the segment's ACK number). */
function findsNoConnection(segs: Connection['segments'], i: number, answer: readonly number[]): boolean {
  const s = segs[i]!;
  const a = answer[i]! >= 0 ? segs[answer[i]!]! : null;
  return a !== null && (a.flags & (RST | ACK)) === RST && s.flags & ACK ? a.seq === s.ack : false;
}

/** Linux's retransmission timeout after its first round-trip sample (RFC 6298 section 2.2, tcp_rto_min 200 ms), in whole ms. */
const rtoAfter = (rttMs: number): number => Math.ceil(Math.max(0, rttMs) + Math.max(200, 2 * rttMs));

/** A segment that probes rather than sends: a keep-alive, or a probe of a zero window. */
export type Probe = 'keep-alive' | 'window-probe';

/**
 * Which segments are probes, as tshark's TCP analysis tells them: a keep-alive is at most one
 * byte one before the next new byte of its side (snd.una - 1 of an idle side: Linux's carries
 * none, Windows' one), and a window probe is one byte at the next new byte while the peer's
 * window is zero. Neither is a resend, nor moves its side's next new byte. Linux's own zero
 * window probe has a keep-alive's shape (tshark calls it one): sent while the peer's window is
 * zero, it is a window probe here.
 */
export function probesOf(segs: Connection['segments']): (Probe | null)[] {
  // Each side's next new byte (as a distance from its first sequence number) and the last window it advertised.
  const first = { client: segs.find((s) => s.fromClient)?.seq ?? 0, server: segs.find((s) => !s.fromClient)?.seq ?? 0 };
  const next = { client: -Infinity, server: -Infinity };
  const window = { client: -1, server: -1 };
  return segs.map((s) => {
    const side = s.fromClient ? 'client' : 'server';
    const peer = s.fromClient ? 'server' : 'client';
    const at = seqSpan(toSeq(first[side]), toSeq(s.seq));
    const off = at >= 2 ** 31 ? at - 2 ** 32 : at;
    const end = off + seqLength(s.len, s.flags);
    let probe: Probe | null = null;
    if (!(s.flags & (SYN | FIN | RST)) && Number.isFinite(next[side])) {
      // One before the next byte while the peer's window is shut: Linux's own window probe.
      if (s.len <= 1 && off === next[side] - 1) probe = window[peer] === 0 ? 'window-probe' : 'keep-alive';
      else if (s.len === 1 && off === next[side] && window[peer] === 0) probe = 'window-probe';
    }
    if (probe === null && end > next[side]) next[side] = end;
    if (!(s.flags & RST)) window[side] = s.win;
    return probe;
  });
}

/**
 * What tshark's TCP analysis (Wireshark's packet-tcp.c) calls a segment that takes sequence space
 * (bytes, a SYN or a FIN) but starts below the highest next sequence number its side has sent:
 * a retransmission (`tcp.analysis.retransmission`, which also matches its fast and spurious kinds),
 * or a segment that came out of order. Null for the rest: a segment that advances its side's
 * sequence, or a keep-alive.
 */
export type Resend = 'retransmission' | 'fast' | 'spurious' | 'out-of-order' | null;

/** How long after the first segment that advanced its side's sequence a resend counts as out of order, without a handshake to time (tshark's 3 ms). */
const OUT_OF_ORDER_S = 0.003;
/** How soon after the peer's duplicate ACKs a resend of the byte they ask for counts as fast (tshark's 20 ms). */
const FAST_S = 0.02;

/**
 * Each segment's kind of resend, as tshark tells it, in one pass (each side's state is a few
 * numbers; 0 stands for "not known yet", as in tshark). For each side: the highest next sequence
 * number it has sent (a bare ACK or a reset ahead of it moves it too; a zero window probe does
 * not) and when it was set, its last segment's ACK number and window, how many duplicate ACKs it
 * has sent in a row, and how far its bytes run without a gap (the "max seq to be acked" behind an
 * ACK of unseen bytes). A segment that takes sequence space is then:
 * - not a resend if it is a keep-alive (at most one byte, one before the side's next), or if it
 *   carries more than one byte from one before the side's next (new bytes after a probe's byte);
 * - spurious if it carries bytes the peer had already acknowledged (its end at or before the
 *   peer's last ACK number);
 * - fast if it starts below the side's next, at the byte the peer asked for with at least two
 *   duplicate ACKs, less than 20 ms after the peer's last ACK;
 * - out of order if it starts below the side's next less than the first round trip (from the last
 *   SYN to the first segment with ACK but no SYN; 3 ms without one) after the side's next was set,
 *   and does not end there;
 * - a retransmission if it starts below the side's next otherwise.
 * Sequence numbers compare modulo 2^32, within half the space, as tshark compares them.
 */
export function resendKinds(segs: Connection['segments']): Resend[] {
  const fresh = () => ({ next: 0, nextAt: 0, lastAck: 0, lastAckAt: 0, window: -1, dupAcks: 0, gapless: 0, keepAlive: false });
  const sides = { client: fresh(), server: fresh() };
  let lastSyn: number | null = null;
  let firstRtt = 0;
  const lt = (a: number, b: number) => (a - b) | 0;
  return segs.map((s) => {
    const me = sides[s.fromClient ? 'client' : 'server'];
    const peer = sides[s.fromClient ? 'server' : 'client'];
    const control = s.flags & (SYN | FIN | RST);
    const space = s.len > 0 || (s.flags & (SYN | FIN)) !== 0;
    // Wireshark's next sequence number counts SYN and FIN once between them (tshark's analysis is what this matches).
    const end = (s.seq + s.len + (s.flags & (SYN | FIN) ? 1 : 0)) >>> 0;
    // A zero window probe: one byte at the side's next while the peer's window is 0.
    const probe = s.len === 1 && s.seq === me.next && peer.window === 0;
    let keepAlive = false;
    if (!probe) {
      keepAlive = s.len <= 1 && s.seq === (me.next - 1) >>> 0 && !control;
      // A duplicate ACK: nothing new (no bytes, the same ACK number and window), unless it answers the peer's probe.
      const same = s.len === 0 && s.seq === me.next && s.ack === me.lastAck && !control && s.win === me.window;
      if (same && s.win !== 0 && !peer.keepAlive) me.dupAcks = me.dupAcks === -1 ? 1 : me.dupAcks + 1;
    }
    if (s.ack !== me.lastAck) me.dupAcks = 0;
    // An ACK of bytes the capture never saw: the peer's run without a gap jumps, or its duplicate ACKs start again.
    if (s.flags & ACK && peer.gapless !== 0 && lt(s.ack, peer.gapless) > 0) {
      if (peer.gapless > peer.next) peer.gapless = peer.next;
      else peer.dupAcks = -1;
    }
    let kind: Resend = null;
    if (space && !keepAlive) {
      let below = me.next !== 0 && lt(s.seq, me.next) < 0;
      if (s.len > 1 && s.seq === (me.next - 1) >>> 0) below = false;
      const sinceNext = s.t - me.nextAt;
      const sinceAck = s.t - peer.lastAckAt;
      if (s.len > 0 && peer.lastAck !== 0 && lt((s.seq + s.len) >>> 0, peer.lastAck) <= 0) kind = 'spurious';
      else if (below && peer.dupAcks >= 2 && peer.lastAck === s.seq && sinceAck >= 0 && sinceAck < FAST_S) kind = 'fast';
      else if (below && sinceNext >= 0 && sinceNext < (firstRtt || OUT_OF_ORDER_S) && me.next !== end) kind = 'out-of-order';
      else if (below) kind = 'retransmission';
    }
    const next = space ? end : s.seq;
    if ((me.next === 0 || lt(next, me.next) > 0) && !probe) {
      me.next = next;
      me.nextAt = s.t;
    }
    if ((me.gapless === 0 || s.seq === me.gapless) && !probe) me.gapless = me.next;
    me.window = s.win;
    me.lastAck = s.ack;
    me.lastAckAt = s.t;
    me.keepAlive = keepAlive;
    // The first round trip: from the last SYN to the first segment with ACK and no SYN (set after the segment is judged).
    if ((s.flags & (SYN | ACK)) === SYN) lastSyn = s.t;
    else if ((s.flags & (SYN | ACK)) === ACK && lastSyn !== null && firstRtt === 0) firstRtt = s.t - lastSyn;
    return kind;
  });
}

/**
 * For each segment, 0 if it is not a resend, else how many copies of it came before: the resends
 * are the segments tshark calls retransmissions (resendKinds: bytes, a SYN or a FIN sent again,
 * also cut into other pieces, or whose first copy the capture missed), and the count is of
 * earlier segments with the same side, sequence number, length, SYN and FIN (at least 1: pieces
 * of bytes sent before, or a first copy the capture missed, count as one). A reset (each answers
 * a segment of its own) and a probe (a keep-alive, a window probe: each asks anew) are never
 * resends, nor a segment that came out of order.
 */
function copiesBefore(segs: Connection['segments'], probes: readonly (Probe | null)[], kinds: readonly Resend[]): number[] {
  const seen = new Map<number | string, number>();
  return segs.map((s, i) => {
    if (s.flags & RST || (s.len === 0 && !(s.flags & (SYN | FIN)))) return 0;
    const key = segmentKey(s.fromClient, s.seq, s.len, s.flags & (SYN | FIN));
    const before = seen.get(key) ?? 0;
    if (!probes[i]) seen.set(key, before + 1);
    const kind = kinds[i];
    return probes[i] || kind === null || kind === 'out-of-order' ? 0 : Math.max(1, before);
  });
}

/** A little after an instant: after everything at it. */
const JUST_AFTER = 0.001;

/**
 * When each segment reached its peer: the vantage point's estimate, moved to agree with what the
 * peer's own segments say. A segment had arrived before the peer's first answer to it left (the
 * capture's timing may be noisier than the estimate), and had not arrived while the peer still
 * asked for exactly it (an ACK whose number is its first byte): bytes that a later segment
 * overtook on the way, so that the peer's duplicate ACK and the ACK that fills the gap are
 * explained as the model's.
 */
function arrivalsOf(
  segs: Connection['segments'],
  departs: readonly number[],
  lost: readonly boolean[],
  answer: readonly number[],
  estimate: (s: Connection['segments'][number]) => number,
): number[] {
  // Each side's segments by index, so that the peer's next few are found without walking this side's own (a one-sided capture has no peer).
  const sides = { client: [] as number[], server: [] as number[] };
  segs.forEach((x, k) => sides[x.fromClient ? 'client' : 'server'].push(k));
  const arrives = segs.map((s, i) => {
    let at = Math.max(estimate(s), departs[i]!);
    if (lost[i]) return at;
    const until = answer[i]! >= 0 ? answer[i]! : segs.length;
    // The peer's latest ACK still asking for this segment's first byte, before its answer (a few looked at).
    let still = -Infinity;
    const peer = sides[s.fromClient ? 'server' : 'client'];
    for (let p = countAtMost(peer, i), looked = 0; p < peer.length && peer[p]! < until && looked < 64; p++, looked++) {
      const x = segs[peer[p]!]!;
      if (x.flags & ACK && x.ack === s.seq && (s.len > 0 || s.flags & FIN)) still = Math.max(still, departs[peer[p]!]!);
    }
    if (at <= still) at = still + JUST_AFTER;
    if (answer[i]! >= 0) at = Math.min(at, Math.max(departs[i]!, departs[answer[i]!]!));
    return Number.isFinite(at) ? at : departs[i]!;
  });
  // A segment nothing answers, so that its arrival is only an estimate, does not arrive after a
  // later one of its side: one that an answer pins early (a FIN the peer acknowledged at once)
  // brings forward the bare ACK sent just before it. (Answers that prove segments overtook one
  // another on the way keep them so.)
  for (const side of [sides.client, sides.server]) {
    let next = Infinity;
    for (let p = side.length - 1; p >= 0; p--) {
      const k = side[p]!;
      if (lost[k]) continue;
      if (answer[k]! < 0) arrives[k] = Math.max(departs[k]!, Math.min(arrives[k]!, next));
      next = Math.min(next, arrives[k]!);
    }
  }
  return arrives;
}

/**
 * An answer leaves after what it answers: where the vantage estimate has the peer's answer leave
 * before the segment it answers (a round trip a few microseconds shorter than the estimate), the
 * answer leaves just after it, and the side's later segments keep their order.
 */
function answersLeaveAfter(segs: readonly Seg[], departs: number[], answer: readonly number[]): void {
  const last = { client: -Infinity, server: -Infinity };
  const earliest = new Array<number>(segs.length).fill(-Infinity);
  segs.forEach((s, i) => {
    const k = answer[i]!;
    // Between captured segments only (an inferred one's moment is a guess), and not SYNs (they may cross).
    if (k > i && !s.inferred && !segs[k]!.inferred && !(s.flags & SYN)) earliest[k] = Math.max(earliest[k]!, departs[i]! + JUST_AFTER);
  });
  segs.forEach((s, k) => {
    const side = s.fromClient ? 'client' : 'server';
    departs[k] = Math.max(departs[k]!, earliest[k]!, last[side]);
    last[side] = departs[k]!;
  });
}

/**
 * The client's first answer to the SYN+ACK (the ACK that completes the handshake) had reached the
 * server before the server sent its first bytes or FIN: a server sends nothing before its
 * connection is established. (A vantage estimated from one handshake may put it a little later.)
 */
function handshakeAckFirst(segs: readonly Seg[], departs: readonly number[], arrives: number[]): void {
  const synAck = segs.findIndex((s) => !s.fromClient && s.flags & SYN && s.flags & ACK);
  if (synAck < 0) return;
  const ack = segs.findIndex((s, i) => i > synAck && s.fromClient && s.flags & ACK && !(s.flags & (SYN | RST)) && s.ack === (segs[synAck]!.seq + 1) >>> 0);
  if (ack < 0) return;
  const speaks = segs.findIndex((s, i) => i > ack && !s.fromClient && (s.len > 0 || s.flags & FIN) && !(s.flags & (SYN | RST)));
  if (speaks >= 0 && arrives[ack]! > departs[speaks]!) arrives[ack] = Math.max(departs[ack]!, departs[speaks]! - JUST_AFTER);
}

/**
 * Bare ACKs and resets the capture proves lost: the peer, after one would have reached it, sent
 * again a segment the ACK had acknowledged (the last ACK of a close, lost, and the FIN said again),
 * or went on sending (bytes, a FIN) as if no reset had come.
 */
function lostAcks(segs: Connection['segments'], departs: readonly number[], arrives: readonly number[], copies: readonly number[]): boolean[] {
  const n = segs.length;
  // For each index, the next segment from the client (and from the server) that takes sequence space.
  const nextSpace = { client: new Array<number>(n + 1).fill(-1), server: new Array<number>(n + 1).fill(-1) };
  for (let k = n - 1; k >= 0; k--) {
    const x = segs[k]!;
    nextSpace.client[k] = nextSpace.client[k + 1]!;
    nextSpace.server[k] = nextSpace.server[k + 1]!;
    if (x.len > 0 || x.flags & (SYN | FIN)) nextSpace[x.fromClient ? 'client' : 'server'][k] = k;
  }
  return segs.map((s, i) => {
    if (s.len > 0 || s.flags & (SYN | FIN)) return false;
    const k = nextSpace[s.fromClient ? 'server' : 'client'][i + 1]!;
    if (k < 0 || departs[k]! < arrives[i]!) return false;
    // A reset that arrived would have ended the peer's connection: a peer still sending on it never had it.
    if (s.flags & RST) return true;
    if (!copies[k]) return false;
    if (!(s.flags & ACK)) return false;
    const x = segs[k]!;
    const end = (x.seq + seqLength(x.len, x.flags)) >>> 0;
    // Acknowledged by this ACK: its end is at or before the ACK's number (mod 2^32, near).
    return seqSpan(toSeq(end), toSeq(s.ack)) < 2 ** 31;
  });
}

/**
 * A FIN's call: shutdown() if the socket is still there for what the peer sends afterwards: bytes
 * it does not answer with a reset (a closed socket resets them, as Linux does), or a FIN it
 * answers without one after longer than a closed socket's FIN-WAIT-2 lasts; close() otherwise.
 */
function closeAs(segs: Connection['segments'], index: number, finTimeoutS: number): 'close' | 'shutdown' {
  const fromClient = segs[index]!.fromClient;
  let peerBytes = false;
  let peerFin = false;
  for (let k = index + 1; k < segs.length; k++) {
    const x = segs[k]!;
    if (x.fromClient !== fromClient) {
      peerBytes ||= x.len > 0;
      // A FIN later than a closed socket's FIN-WAIT-2 lasts (crossing FINs say nothing).
      peerFin ||= (x.flags & FIN) !== 0 && x.t - segs[index]!.t > finTimeoutS;
    } else if (x.flags & RST) return 'close';
    // The end's first word after the peer's bytes, if not a reset, shows the socket took them.
    else if (peerBytes) return 'shutdown';
  }
  return peerBytes || peerFin ? 'shutdown' : 'close';
}

/** A simulation of a replay, its world replaying the captured segments (not yet run). */
export const simulationOf = (r: Pick<Replayed, 'config' | 'steps'>): Simulation => new Simulation({ config: r.config, steps: r.steps }, REPLAYER);

/** Each end's states through the capture, from its replay. */
export function inferStates(c: Connection, options: InferOptions = {}): Inferred {
  const r = replayOf(c, options);
  const sim = simulationOf(r);
  sim.runUntil(r.endMs);
  return { states: statesOf(r, sim.transitions), vantage: r.vantage };
}

/** A replay's changes of state as each end's states, in the capture's seconds. */
export function statesOf(r: Replayed, transitions: readonly Transition[]): Record<EndpointId, StateAt[]> {
  const states: Record<EndpointId, StateAt[]> = { client: [{ t: 0, state: 'CLOSED' }], server: [{ t: 0, state: 'CLOSED' }] };
  for (const tr of transitions) states[tr.endpoint].push({ t: captureSeconds(r, tr.t), state: tr.to });
  return states;
}

/** A moment of the replay (ms) in the capture's seconds (never before its start), to the microsecond. */
export const captureSeconds = (r: Replayed, ms: number): number => Math.max(0, Math.round((ms - r.offsetMs + r.startS * 1000) * 1000) / 1e6);

/** A moment of the capture (seconds since its first packet) on the replay's clock (ms): captureSeconds' inverse. */
export const replayMs = (r: Replayed, seconds: number): number => (seconds - r.startS) * 1000 + r.offsetMs;

/**
 * Which segments the capture proves never arrived. A segment that takes sequence space (bytes, a
 * SYN or a FIN) is answered by an ACK beyond it, or by a reset that answers it (a SYN's, or one
 * whose sequence number is the segment's ACK number, as a reset for no connection is made); if the
 * peer sent no such answer before the segment was sent again, or in all the rest of the capture,
 * it was lost on the way (a capture taken at the sender sees every segment leave, arrived or not).
 * A bare ACK proves nothing by itself and is taken as arrived here, and so does a segment that came
 * out of order (resendKinds: overtaken on the way, not lost).
 */
export function lostOnTheWay(segs: Connection['segments']): boolean[] {
  return lossesOf(segs).lost;
}

/**
 * The connection's round trip as the capture shows it wherever it was taken: from the client's SYN
 * (its last copy before the SYN+ACK) to the client's answer to the SYN+ACK. Null without a handshake.
 */
function roundTrip(segs: Connection['segments']): number | null {
  const synAck = segs.findIndex((s) => !s.fromClient && s.flags & SYN && s.flags & ACK && !(s as Seg).inferred);
  if (synAck < 0) return null;
  let syn = -1;
  for (let i = synAck - 1; i >= 0 && syn < 0; i--)
    if (segs[i]!.fromClient && segs[i]!.flags & SYN && !(segs[i]!.flags & ACK) && !(segs[i] as Seg).inferred) syn = i;
  const ack = segs.findIndex((s, i) => i > synAck && s.fromClient && s.flags & ACK && !(s.flags & (SYN | RST)) && !(s as Seg).inferred);
  if (syn < 0 || ack < 0) return null;
  return Math.max(0, segs[ack]!.t - segs[syn]!.t);
}

/** The losses, and for each segment the index of the peer's first segment that answers it (-1: none). */
export function lossesOf(segs: Connection['segments'], kinds: readonly Resend[] = resendKinds(segs)): { lost: boolean[]; answer: number[] } {
  const n = segs.length;
  // Sequence numbers as plain offsets from each side's first one (a connection spans far less than 2^32).
  const base = { client: segs.find((s) => s.fromClient)?.seq ?? 0, server: segs.find((s) => !s.fromClient)?.seq ?? 0 };
  const offset = (side: 'client' | 'server', seq: number) =>
    seqSpan(toSeq(base[side]), toSeq(seq)) - (seqSpan(toSeq(base[side]), toSeq(seq)) > 2 ** 31 ? 2 ** 32 : 0);
  // For each side: the indices of the peer's ACKs, and the highest ACK so far at each (cumulative ACKs only grow).
  const acks = { client: [] as number[], server: [] as number[] };
  const best = { client: [] as number[], server: [] as number[] };
  const rsts = { client: [] as number[], server: [] as number[] };
  for (let k = 0; k < n; k++) {
    const x = segs[k]!;
    const of = x.fromClient ? 'server' : 'client'; // whose bytes this segment acknowledges
    if (x.flags & ACK) {
      const v = offset(of, x.ack);
      acks[of].push(k);
      best[of].push(Math.max(v, best[of].at(-1) ?? -Infinity));
    }
    if (x.flags & RST) rsts[of].push(k);
  }
  // The same copy sent before and after, by a key of side, seq, length and SYN/FIN/ACK.
  const keys = segs.map((x) => segmentKey(x.fromClient, x.seq, x.len, x.flags & (SYN | FIN | ACK)));
  const seenBefore = new Set<number | string>();
  const earlier = keys.map((k) => {
    const had = seenBefore.has(k);
    seenBefore.add(k);
    return had;
  });
  const nextSame: number[] = new Array<number>(n).fill(Infinity);
  const lastAt = new Map<number | string, number>();
  for (let k = n - 1; k >= 0; k--) {
    const kk = keys[k]!;
    nextSame[k] = lastAt.get(kk) ?? Infinity;
    lastAt.set(kk, k);
  }
  // The peer's last segment, and the time of its last: silence proves a loss only when the peer
  // spoke a round trip after the segment (it would have had it by then); a segment the peer's
  // spoke across (FINs that cross, bytes overtaken) proves nothing.
  const lastFrom = { client: -1, server: -1 };
  segs.forEach((x, k) => (lastFrom[x.fromClient ? 'client' : 'server'] = k));
  const rtt = roundTrip(segs);
  const spokeLater = (peer: 'client' | 'server', i: number) => lastFrom[peer] > i && rtt !== null && segs[lastFrom[peer]]!.t - segs[i]!.t > 1.5 * rtt + 0.001;
  const answer = new Array<number>(n).fill(-1);
  const lost = segs.map((s, i) => {
    const space = seqLength(s.len, s.flags);
    // A segment out of order (tshark's test: soon after its side's highest) was overtaken, not lost: it proves nothing.
    if (space === 0 || s.flags & RST || kinds[i] === 'out-of-order') return false;
    const side = s.fromClient ? 'client' : 'server';
    const peer = s.fromClient ? 'server' : 'client';
    const end = offset(side, s.seq) + space;
    const list = acks[side];
    const firstAfter = countAtMost(list, i);
    // Already acknowledged (segments that crossed): a duplicate, whatever became of it.
    if (firstAfter > 0 && best[side][firstAfter - 1]! >= end) return false;
    // The first later ACK that covers it: binary search on the growing best ACK.
    let lo = firstAfter;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (best[side][mid]! >= end) hi = mid;
      else lo = mid + 1;
    }
    let answeredAt = lo < list.length ? list[lo]! : Infinity;
    // A segment answered with a reset arrived too: a SYN's, or one made for it (its seq is the segment's ACK).
    const rs = rsts[side];
    for (let r = countAtMost(rs, i), looked = 0; r < rs.length && rs[r]! < answeredAt && looked < 16; r++, looked++) {
      if (s.flags & SYN || (s.flags & ACK && segs[rs[r]!]!.seq === s.ack)) {
        answeredAt = rs[r]!;
        break;
      }
    }
    if (answeredAt !== Infinity) answer[i] = answeredAt;
    // Never answered: lost if it was itself a resend of an unanswered copy, or if the peer spoke
    // afterwards without acknowledging it; at the capture's very end, nothing is proved.
    if (answeredAt === Infinity && nextSame[i] === Infinity) return earlier[i]! || spokeLater(peer, i);
    // Sent again before any answer: this copy was lost.
    return nextSame[i]! < answeredAt;
  });
  return { lost, answer };
}
