/**
 * A run's history: the list of happenings `step` returned, folded into what readers want (the
 * transitions, the segments with their fates, the calls, the reads, the errors) and into the
 * trace docs/trace-format.md defines. A prefix of the list is the history up to that moment.
 */
import { causeText } from './cause';
import { ackOf, formatFlags, type Segment } from './segment';
import type { Trace, TraceCall, TraceError, TraceRead, TraceSegment, TraceTransition } from './trace';
import { stateOf, type CallRecord, type Happening, type Transition, type World } from './world';
import type { ConnectionError, EndpointId } from './types';
import type { SendWhy } from './endpoint/tcb';
import type { NetworkAction } from './network';
import type { AssumedWhy, CapturedPacket } from './replay';

export type { CallRecord, Transition };

/** A segment as the history knows it at some moment: where it is going and what became of it so far. */
export interface WireSegment {
  readonly id: number;
  readonly from: EndpointId;
  readonly to: EndpointId;
  readonly segment: Segment;
  readonly sentAt: number;
  /** When it arrives (or would have, had it not been lost). */
  readonly arrivesAt: number;
  readonly lost: 'dropped' | 'blocked' | null;
  readonly retransmission: boolean;
  /** The rule that sent it. */
  readonly why: SendWhy;
  readonly delivered: boolean;
  /** Stopped halfway, waiting for the user to deliver or drop it (manual network). */
  readonly held: boolean;
  /** When a segment dropped while it travelled was dropped (it stops there, not halfway). */
  readonly droppedAt?: number;
  /** A replayed capture's segment: its packet in the capture. */
  readonly packet?: CapturedPacket;
  /** A replayed segment not in its capture: assumed before it began, or inferred from what it holds (drawn dashed). */
  readonly assumed?: AssumedWhy;
}

export interface History {
  readonly transitions: readonly Transition[];
  readonly wire: readonly WireSegment[];
  readonly calls: readonly CallRecord[];
  readonly reads: readonly TraceRead[];
  readonly errors: readonly TraceError[];
  /** Segments an endpoint dropped without an answer, and why. */
  readonly ignored: readonly Ignored[];
  /** What was done to the network, and when. */
  readonly network: readonly { readonly t: number; readonly action: NetworkAction }[];
}

export type Ignored = Omit<Extract<Happening, { kind: 'ignored' }>, 'kind'>;

/** The history made by the first `length` happenings. */
export function historyOf(log: readonly Happening[], length = log.length): History {
  return historyAfter(null, 0, log, length);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The history made by the first `length` happenings, from `before`, the history of the first
 * `from` of them: only the happenings after `from` are folded, so a run that grows event by
 * event costs each new history its new events (and copying arrays), not the whole log again.
 * `before` is left as it was.
 */
export function historyAfter(before: History | null, from: number, log: readonly Happening[], length = log.length): History {
  const transitions: Transition[] = before ? before.transitions.slice() : [];
  const wire = (before ? before.wire.slice() : []) as Mutable<WireSegment>[];
  const calls: CallRecord[] = before ? before.calls.slice() : [];
  const reads: TraceRead[] = before ? before.reads.slice() : [];
  const errors: TraceError[] = before ? before.errors.slice() : [];
  const ignored: Ignored[] = before ? before.ignored.slice() : [];
  const network: { t: number; action: NetworkAction }[] = before ? before.network.slice() : [];
  // Records made in this fold may be updated in place; one that `before` holds is copied first.
  const own = new Set<number>();
  const change = (id: number, patch: Partial<WireSegment>) => {
    const w = wire[id - 1];
    if (!w) return;
    if (own.has(id)) Object.assign(w, patch);
    else {
      wire[id - 1] = { ...w, ...patch };
      own.add(id);
    }
  };
  for (let i = from; i < length; i++) {
    const h = log[i]!;
    switch (h.kind) {
      case 'transition':
        transitions.push({ t: h.t, endpoint: h.endpoint, from: h.from, to: h.to, cause: h.cause, reference: h.reference });
        break;
      case 'call': {
        const { kind: _, ...call } = h;
        calls.push(call);
        break;
      }
      case 'read':
        reads.push({ t: h.t, endpoint: h.endpoint, bytes: h.bytes });
        break;
      case 'error':
        errors.push({ t: h.t, endpoint: h.endpoint, error: h.error as ConnectionError });
        break;
      case 'sent': {
        const f = h.flight;
        own.add(f.id);
        wire.push({
          id: f.id,
          from: f.from,
          to: f.to,
          segment: f.segment,
          sentAt: f.sentAt,
          arrivesAt: f.arrivesAt,
          lost: h.lost,
          retransmission: f.retransmission,
          why: f.why,
          delivered: false,
          held: f.held,
          ...(f.packet ? { packet: f.packet } : {}),
          ...(f.assumed ? { assumed: f.assumed } : {}),
        });
        break;
      }
      case 'arrived':
        change(h.id, { delivered: true });
        break;
      case 'released':
        change(h.id, { held: false, arrivesAt: h.arrivesAt });
        break;
      case 'lost':
        {
          // A held segment stood halfway; one still travelling stops where it was when dropped.
          const travelling = wire[h.id - 1] && !wire[h.id - 1]!.held;
          change(h.id, travelling ? { lost: 'dropped', droppedAt: h.t } : { held: false, lost: 'dropped' });
          break;
        }
        break;
      case 'ignored': {
        const { kind: _, ...record } = h;
        ignored.push(record);
        break;
      }
      case 'network':
        network.push({ t: h.t, action: h.action });
        break;
    }
  }
  return { transitions, wire, calls, reads, errors, ignored, network };
}

export function traceTransition(t: Transition): TraceTransition {
  return { t: t.t, endpoint: t.endpoint, from: t.from, to: t.to, cause: causeText(t.cause) };
}

export function traceSegment(w: WireSegment): TraceSegment {
  return {
    id: w.id,
    from: w.from,
    flags: formatFlags(w.segment.flags),
    seq: w.segment.seq,
    ack: ackOf(w.segment),
    len: w.segment.len,
    sentAt: w.sentAt,
    fate: w.lost ? 'dropped' : w.delivered ? 'delivered' : 'in-flight',
    arrivedAt: w.delivered ? w.arrivesAt : null,
    retransmission: w.retransmission,
    win: w.segment.win,
  };
}

/** The trace of a history up to time `t`, ending in the world's states then. */
export function traceAt(history: History, world: World, t: number): Trace {
  return traceOf(history, { t, client: stateOf(world, 'client'), server: stateOf(world, 'server') });
}

/** The trace of a history, ending at time `t` with these states. */
export function traceOf(history: History, final: Trace['final']): Trace {
  return {
    transitions: history.transitions.map(traceTransition),
    segments: history.wire.map(traceSegment),
    calls: history.calls.map((c): TraceCall => ({ ...c })),
    reads: [...history.reads],
    errors: [...history.errors],
    final,
  };
}
