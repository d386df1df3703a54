/**
 * What state each end of a captured connection was in: the engine's own endpoint machines, fed
 * what the capture shows. Each segment is an arrival at its destination (one one-way `delay`
 * after it was captured); before a segment leaves its source, the application call that must have
 * come first is made (connect() before a SYN, send() before new bytes, close() or shutdown()
 * before a FIN, abort() before a reset nothing asked for). The timers that change a state by
 * themselves, TIME-WAIT's and an orphaned FIN-WAIT-2's, run on the capture's clock; the
 * retransmission timer does not (the capture shows what was resent, and when).
 *
 * This is the first part of issue 14's inference: segments are taken as the model would take
 * them, and a capture that departs from the model is not marked yet.
 */
import { resolveConfig, type ConfigOverrides } from '../model/config';
import { startEndpoint, stepEndpoint, type EndpointSnapshot } from '../model/endpoint/step';
import { fromWireFlags, segment, WIRE_FLAGS, type Segment } from '../model/segment';
import { seqAdd, seqGt, seqSpan, toSeq } from '../model/seq';
import type { EndpointId, TcpState } from '../model/types';
import type { EndpointEvent } from '../model/endpoint/machine';
import type { Connection } from './connections';

export interface StateAt {
  /** Seconds since the capture's first packet. */
  readonly t: number;
  readonly state: TcpState;
}

export interface Inferred {
  readonly states: Readonly<Record<EndpointId, readonly StateAt[]>>;
}

export interface InferOptions {
  /** The engine's settings the ends are taken to have (default: Linux's). */
  readonly config?: ConfigOverrides;
  /** One-way delay, in seconds, from where the capture was taken to where a segment arrives. */
  readonly delay?: number;
}

const { FIN, SYN, RST, ACK } = WIRE_FLAGS;

/** The most bytes one send() may stand for when the capture missed some before a segment. */
const MAX_GAP = 1 << 20;

type Step = { readonly at: number; readonly order: number } & (
  { readonly kind: 'send'; readonly from: EndpointId; readonly index: number } | { readonly kind: 'arrive'; readonly to: EndpointId; readonly segment: Segment }
);

export function inferStates(c: Connection, options: InferOptions = {}): Inferred {
  const delayMs = (options.delay ?? 0) * 1000;
  const segs = c.segments;
  const synFrom = (fromClient: boolean) => segs.find((s) => s.fromClient === fromClient && s.flags & SYN);
  const clientSyn = synFrom(true);
  const serverSyn = synFrom(false);
  const config = resolveConfig({
    ...options.config,
    ...(clientSyn ? { clientIsn: clientSyn.seq } : {}),
    ...(serverSyn ? { serverIsn: serverSyn.seq } : {}),
    // An MSS option below 100 (hostile, or damaged) would make one send() thousands of segments.
    mss: Math.max(100, clientSyn?.options.mss ?? serverSyn?.options.mss ?? options.config?.mss ?? 1460),
    // The capture decides what was sent: the model's own window must never refuse it.
    rcvBufBytes: 1 << 30,
  });
  const ms = (t: number) => t * 1000;
  const end: Record<EndpointId, EndpointSnapshot> = {
    client: startEndpoint({ role: 'client', config }),
    server: startEndpoint({ role: 'server', config }),
  };
  const states: Record<EndpointId, StateAt[]> = { client: [{ t: 0, state: 'CLOSED' }], server: [{ t: 0, state: 'CLOSED' }] };
  const feed = (who: EndpointId, event: EndpointEvent) => {
    const before = end[who].value as TcpState;
    end[who] = stepEndpoint(end[who], event)[0];
    const after = end[who].value as TcpState;
    if (after !== before) states[who].push({ t: Math.max(0, event.now / 1000), state: after });
  };
  // The server listens, unless its first word is a reset (nothing was listening: the SYN was
  // refused) or a SYN of its own (it connected too: a simultaneous open).
  const firstFromServer = segs.find((s) => !s.fromClient);
  const refused = firstFromServer && firstFromServer.flags & RST && !serverSyn;
  const opensItself = serverSyn && !(serverSyn.flags & ACK);
  if (!refused && !opensItself) feed('server', { type: 'LISTEN', now: ms(c.start) });

  const lost = lostOnTheWay(segs);
  const steps: Step[] = [];
  segs.forEach((s, index) => {
    const from: EndpointId = s.fromClient ? 'client' : 'server';
    const to: EndpointId = s.fromClient ? 'server' : 'client';
    // The window is not the model's to police here (the capture shows what was sent): offered whole.
    const seg = segment(fromWireFlags(s.flags), s.seq, s.flags & ACK ? s.ack : null, s.len, 1 << 30);
    steps.push({ at: ms(s.t), order: 2 * index, kind: 'send', from, index });
    if (!lost[index]) steps.push({ at: ms(s.t) + delayMs, order: 2 * index + 1, kind: 'arrive', to, segment: seg });
  });
  steps.sort((a, b) => a.at - b.at || a.order - b.order);

  for (const step of steps) {
    runTimers(end, feed, step.at);
    if (step.kind === 'arrive') feed(step.to, { type: 'SEGMENT', segment: step.segment, now: step.at });
    else callBefore(step.from, step.index, step.at, end, feed, segs);
  }
  return { states };
}

/**
 * Which segments the capture proves never arrived. A segment that takes sequence space (bytes, a
 * SYN or a FIN) is answered by an ACK beyond it; if the peer sent no such ACK before the segment
 * was sent again, or in all the rest of the capture, it was lost on the way (a capture taken at
 * the sender sees every segment leave, arrived or not). A bare ACK proves nothing either way and
 * is taken as arrived.
 */
export function lostOnTheWay(segs: Connection['segments']): boolean[] {
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
  const key = (x: Connection['segments'][number]) => `${x.fromClient ? 'c' : 's'}${x.seq}/${x.len}/${x.flags & (SYN | FIN | ACK)}`;
  const seenBefore = new Set<string>();
  const earlier = segs.map((x) => {
    const k = key(x);
    const had = seenBefore.has(k);
    seenBefore.add(k);
    return had;
  });
  const nextSame: number[] = new Array<number>(n).fill(Infinity);
  const lastAt = new Map<string, number>();
  for (let k = n - 1; k >= 0; k--) {
    const kk = key(segs[k]!);
    nextSame[k] = lastAt.get(kk) ?? Infinity;
    lastAt.set(kk, k);
  }
  const lastFrom = { client: -1, server: -1 };
  segs.forEach((x, k) => (lastFrom[x.fromClient ? 'client' : 'server'] = k));
  /** The first position in `xs` (ascending indices) after index i, or xs.length. */
  const after = (xs: readonly number[], i: number) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return segs.map((s, i) => {
    const space = s.len + (s.flags & SYN ? 1 : 0) + (s.flags & FIN ? 1 : 0);
    if (space === 0 || s.flags & RST) return false;
    const side = s.fromClient ? 'client' : 'server';
    const peer = s.fromClient ? 'server' : 'client';
    const end = offset(side, s.seq) + space;
    const list = acks[side];
    const firstAfter = after(list, i);
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
    // A SYN answered with a reset arrived too.
    if (s.flags & SYN) {
      const r = after(rsts[side], i);
      if (r < rsts[side].length) answeredAt = Math.min(answeredAt, rsts[side][r]!);
    }
    // Never answered: lost if it was itself a resend of an unanswered copy, or if the peer spoke
    // afterwards without acknowledging it; at the capture's very end, nothing is proved.
    if (answeredAt === Infinity && nextSame[i] === Infinity) return earlier[i]! || lastFrom[peer] > i;
    // Sent again before any answer: this copy was lost.
    return nextSame[i]! < answeredAt;
  });
}

/** TIME-WAIT's end and an orphaned FIN-WAIT-2's timeout, when they fall before `now`. */
function runTimers(end: Record<EndpointId, EndpointSnapshot>, feed: (who: EndpointId, e: EndpointEvent) => void, now: number): void {
  for (const who of ['client', 'server'] as const) {
    const timers = end[who].context.timers;
    if (timers['time-wait'] !== null && timers['time-wait'] <= now) feed(who, { type: 'TIME_WAIT_END', now: timers['time-wait'] });
    if (timers['fin-wait-2'] !== null && timers['fin-wait-2'] <= now) feed(who, { type: 'FIN_WAIT_2_END', now: timers['fin-wait-2'] });
  }
}

/** The application call that must have come before this segment left, if one did. */
function callBefore(
  who: EndpointId,
  index: number,
  now: number,
  end: Record<EndpointId, EndpointSnapshot>,
  feed: (who: EndpointId, e: EndpointEvent) => void,
  segs: Connection['segments'],
): void {
  const s = segs[index]!;
  const snap = end[who];
  const state = snap.value as TcpState;
  const tcb = snap.context;
  if (s.flags & SYN && !(s.flags & ACK) && (state === 'CLOSED' || state === 'LISTEN')) {
    feed(who, { type: 'CONNECT', now });
    return;
  }
  if (s.flags & RST) {
    // A reset the endpoint's own rules would not send: the application aborted.
    if (state !== 'CLOSED' && state !== 'LISTEN' && state !== 'SYN-SENT' && state !== 'TIME-WAIT' && !(s.flags & FIN)) feed(who, { type: 'ABORT', now });
    return;
  }
  if (s.len > 0 && seqGt(seqAdd(toSeq(s.seq), s.len), tcb.sndNxt) && (state === 'ESTABLISHED' || state === 'CLOSE-WAIT')) {
    // The bytes up to this segment's end; bytes the capture missed count too, but no more than a
    // window's worth at once (a damaged or hostile sequence number must not make millions of segments).
    const upTo = seqSpan(tcb.sndNxt, seqAdd(toSeq(s.seq), s.len));
    feed(who, { type: 'SEND', bytes: upTo <= MAX_GAP ? upTo : s.len, now });
  }
  if (s.flags & FIN && tcb.finSeq === null && (state === 'ESTABLISHED' || state === 'CLOSE-WAIT' || state === 'SYN-RECEIVED')) {
    // shutdown() if the socket is still there for what the peer sends afterwards: bytes (a closed
    // socket would reset them), or a FIN it answers without a reset (a closed socket's FIN-WAIT-2
    // may have timed out by then); close() otherwise.
    const fromClient = who === 'client';
    const later = segs.slice(index + 1);
    const stillReceives =
      later.some((x) => x.fromClient !== fromClient && x.len > 0) ||
      (later.some((x) => x.fromClient !== fromClient && x.flags & FIN) && !later.some((x) => x.fromClient === fromClient && x.flags & RST));
    feed(who, { type: stillReceives ? 'SHUTDOWN' : 'CLOSE', now });
  }
}
