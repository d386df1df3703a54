/**
 * What is abnormal in a replayed capture, in the post's terms: resends (which copy), segments
 * the capture proves lost, a FIN nobody acknowledged, an end that sat in CLOSE-WAIT (its
 * application had not called close()), a FIN-WAIT-2 ended by its timer, retries that ran out, a
 * reset and what it answered, a TIME-WAIT that ends after the capture does, and the segments that
 * depart from the model. Read off the replay's history, so the command line and the page agree.
 */
import type { History, WireSegment } from '../model/history';
import { ACK, FIN, RST, formatFlags, seqLength } from '../model/segment';
import { seqSpan, toSeq } from '../model/seq';
import type { Departure } from '../model/endpoint/tcb';
import type { EndpointId, TcpState } from '../model/types';
import type { World } from '../model/world';
import type { Connection } from './connections';
import { captureSeconds, replayOf, simulationOf, statesOf, type InferOptions, type Replayed, type StateAt } from './infer';

/** How long a CLOSE-WAIT must last to count: a normal close passes through it in milliseconds. */
export const CLOSE_WAIT_NOTABLE_S = 1;

/** How many segments back (or, times 8, ahead) a search for a segment's answer looks: a hostile capture must stay linear. */
const LOOK = 64;

/** What a reset answered, by the rule that sent it. */
export type ResetReason = 'abort' | 'no-connection' | 'unacceptable-ack' | 'data-after-close' | 'unexplained';

interface At {
  /** Seconds since the capture's first packet. */
  readonly t: number;
}
interface Sent extends At {
  readonly from: EndpointId;
  /** The capture proves it never arrived. */
  readonly lost: boolean;
  /** The capture's packet number. */
  readonly frame: number | null;
  readonly flags: string;
  /** The run's segment id, for a view to point at. */
  readonly segment: number;
}

export type Anomaly =
  | ({ readonly kind: 'retransmission'; readonly copy: number } & Sent)
  | ({ readonly kind: 'lost' } & Sent)
  /** A keep-alive (at most a byte, one before its side's next new byte): a probe of an idle connection, not a resend. */
  | ({ readonly kind: 'keep-alive' } & Sent)
  /** A probe of the peer's zero window (by the persist timer, or one byte at the next new byte): not a resend. */
  | ({ readonly kind: 'window-probe' } & Sent)
  | ({ readonly kind: 'fin-unanswered' } & Sent)
  | ({ readonly kind: 'reset'; readonly reason: ResetReason; readonly answers: number | null } & Sent)
  | ({ readonly kind: 'departs'; readonly departs: Departure } & Sent)
  | ({ readonly kind: 'close-wait'; readonly endpoint: EndpointId; readonly seconds: number; readonly ended: boolean } & At)
  /** `sooner`: the capture shows it happened before the model's timer would run out (the peer's segment found no connection). */
  | ({ readonly kind: 'fin-wait-2-timeout'; readonly endpoint: EndpointId; readonly sooner: boolean } & At)
  | ({ readonly kind: 'gave-up'; readonly endpoint: EndpointId; readonly state: TcpState; readonly sooner: boolean } & At)
  | ({ readonly kind: 'time-wait-beyond'; readonly endpoint: EndpointId; readonly endsAt: number } & At)
  | ({ readonly kind: 'mid-connection' } & At)
  /** The capture starts at the SYN+ACK: the client's SYN is inferred. */
  | ({ readonly kind: 'inferred-opening' } & At)
  /** The capture saw one side only: `endpoint`'s `segments` are inferred from what the other acknowledged. */
  | ({ readonly kind: 'one-direction'; readonly endpoint: EndpointId; readonly segments: number } & At)
  /** The capture missed `bytes` that `endpoint` sent before its packet `before`: the peer acknowledged them, and they are inferred. */
  | ({ readonly kind: 'missed'; readonly endpoint: EndpointId; readonly bytes: number; readonly before: number } & At);

export type AnomalyKind = Anomaly['kind'];

/** The end an anomaly is about (its sender, or the end whose state it is), or null for the capture as a whole. */
export const anomalyEndpoint = (a: Anomaly): EndpointId | null => ('endpoint' in a ? a.endpoint : 'from' in a ? a.from : null);

/** The anomalies of a replay, from its history up to the capture's end and the world then, in time order. */
export function anomaliesOf(r: Replayed, history: History, end: World): Anomaly[] {
  const secs = (ms: number) => captureSeconds(r, ms);
  const out: Anomaly[] = [];
  if (r.assumedOpen) out.push({ kind: 'mid-connection', t: 0 });
  if (r.inferred.opening) out.push({ kind: 'inferred-opening', t: 0 });
  if (r.inferred.unseen) out.push({ kind: 'one-direction', t: 0, endpoint: r.inferred.unseen, segments: r.inferred.segments });
  for (const m of r.inferred.missed)
    out.push({ kind: 'missed', t: Math.round(m.t * 1e6) / 1e6, endpoint: m.fromClient ? 'client' : 'server', bytes: m.bytes, before: m.before });
  // Only the capture's own segments are reported (an assumed or inferred one has no packet), but
  // inferred ones answer them.
  const wire = history.wire;
  wire.forEach((w, i) => {
    if (!w.packet) return;
    const { frame, resend, probe } = w.packet;
    const copy = resend + 1;
    const lost = w.lost !== null;
    // Most segments stand out for nothing: the first test is the cheap one, the line is made only for those that do.
    if (!(w.segment.flags & (RST | FIN)) && copy === 1 && !lost && !probe && w.why.kind !== 'window-probe' && !(w.why.kind === 'captured' && w.why.departs))
      return;
    const sent = { t: secs(w.sentAt), from: w.from, frame, flags: formatFlags(w.segment.flags), segment: w.id };
    // One line per segment: a reset, else a departure, else a probe, else a resend, else a loss (each says whether it arrived).
    const unanswered = w.segment.flags & FIN && copy === 1 && !answeredLater(wire, i, w);
    if (w.segment.flags & RST) {
      const reason: ResetReason =
        w.why.kind === 'rst-abort'
          ? 'abort'
          : w.why.kind === 'rst-no-connection'
            ? 'no-connection'
            : w.why.kind === 'rst-unacceptable-ack'
              ? 'unacceptable-ack'
              : w.why.kind === 'rst-data-after-close'
                ? 'data-after-close'
                : 'unexplained';
      // What it answered, by its numbers: a reset without ACK takes its sequence number from the
      // segment's ACK number; one with ACK acknowledges up to the segment's first byte (bytes a
      // closed socket refused) or its end. Of the peer's captured segments since the sender's last
      // word (among the few before it) whose numbers match, the first that takes sequence space
      // (data then a FIN both carry the same ACK number: the data found the socket closed first),
      // else the latest; with none, the peer's latest to reach it by then.
      let answers: number | null = null;
      if (reason === 'no-connection' || reason === 'unacceptable-ack' || reason === 'data-after-close') {
        let latest: number | null = null;
        let latestMatch: number | null = null;
        let firstSpace: number | null = null;
        const r = w.segment;
        for (let k = i - 1; k >= 0 && k >= i - LOOK; k--) {
          const x = wire[k]!;
          if (x.from === w.from) {
            if (x.packet) break;
            continue;
          }
          if (!x.packet) continue;
          const own = x.segment;
          const end = toSeq(own.seq + seqLength(own.len, own.flags));
          const matches = !(r.flags & ACK) || r.ack === null ? own.flags & ACK && own.ack === r.seq : own.seq === r.ack || end === r.ack;
          if (matches) {
            latestMatch ??= x.packet.frame;
            if (seqLength(own.len, own.flags) > 0) firstSpace = x.packet.frame;
          }
          if (latest === null && x.delivered && x.arrivesAt <= w.sentAt) latest = x.packet.frame;
        }
        answers = firstSpace ?? latestMatch ?? latest;
      }
      out.push({ kind: 'reset', reason, answers, lost, ...sent });
    } else if (w.why.kind === 'captured' && w.why.departs) out.push({ kind: 'departs', departs: w.why.departs, lost, ...sent });
    else if (w.why.kind === 'window-probe' || w.packet.probe === 'window-probe') out.push({ kind: 'window-probe', lost, ...sent });
    else if (w.packet.probe === 'keep-alive') out.push({ kind: 'keep-alive', lost, ...sent });
    else if (copy > 1) out.push({ kind: 'retransmission', copy, lost, ...sent });
    else if (unanswered) out.push({ kind: 'fin-unanswered', lost, ...sent });
    else if (lost) out.push({ kind: 'lost', lost, ...sent });
  });
  const endS = secs(r.endMs);
  for (const endpoint of ['client', 'server'] as const) {
    const mine = history.transitions.filter((tr) => tr.endpoint === endpoint);
    mine.forEach((tr, i) => {
      const t = secs(tr.t);
      if (tr.to === 'CLOSE-WAIT') {
        const left = mine[i + 1];
        const seconds = (left ? secs(left.t) : endS) - t;
        // Long, or still going when the capture stopped (perhaps for ever: TCP has no timer for it).
        if (seconds >= CLOSE_WAIT_NOTABLE_S || !left)
          out.push({ kind: 'close-wait', t, endpoint, seconds: Math.round(seconds * 1000) / 1000, ended: left !== undefined });
      }
      const sooner = tr.cause.kind === 'timer' && tr.cause.sooner === true;
      if (tr.from === 'FIN-WAIT-2' && tr.cause.kind === 'timer' && tr.cause.timer === 'fin-wait-2')
        out.push({ kind: 'fin-wait-2-timeout', t, endpoint, sooner });
      if (tr.to === 'CLOSED' && tr.cause.kind === 'timer' && (tr.cause.timer === 'retransmit' || tr.cause.timer === 'persist'))
        out.push({ kind: 'gave-up', t, endpoint, state: tr.from, sooner });
    });
    const tw = end.endpoints[endpoint].context.timers['time-wait'];
    const last = mine.at(-1);
    if (tw !== null && last?.to === 'TIME-WAIT') out.push({ kind: 'time-wait-beyond', t: secs(last.t), endpoint, endsAt: secs(tw) });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** Whether a FIN (wire[i]) is acknowledged, or answered with a reset, by a later segment of the peer's (among the next few). */
function answeredLater(wire: readonly WireSegment[], i: number, w: WireSegment): boolean {
  const end = toSeq(w.segment.seq + seqLength(w.segment.len, w.segment.flags));
  for (let k = i + 1; k < wire.length && k <= i + LOOK * 8; k++) {
    const x = wire[k]!;
    if (x.from !== w.from && x.segment.ack !== null && (x.segment.flags & RST || seqSpan(end, x.segment.ack) < 2 ** 31)) return true;
  }
  return false;
}

/** One connection seen through the model: its replay, each end's states, and what stands out. */
export interface Xray {
  readonly replay: Replayed;
  readonly states: Readonly<Record<EndpointId, readonly StateAt[]>>;
  readonly anomalies: readonly Anomaly[];
}

export function xray(c: Connection, options: InferOptions = {}): Xray {
  const replay = replayOf(c, options);
  const sim = simulationOf(replay);
  sim.runUntil(replay.endMs);
  return { replay, states: statesOf(replay, sim.transitions), anomalies: anomaliesOf(replay, sim.history, sim.world) };
}
