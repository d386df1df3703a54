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
  const h: History = before
    ? {
        transitions: before.transitions.slice(),
        wire: before.wire.slice(),
        calls: before.calls.slice(),
        reads: before.reads.slice(),
        errors: before.errors.slice(),
        ignored: before.ignored.slice(),
        network: before.network.slice(),
      }
    : emptyHistory();
  // Records made in this fold may be updated in place; one that `before` holds is copied first.
  extendHistory(h, from, log, length, new Set<number>());
  return h;
}

/** A history with nothing in it yet, to fold onto. */
export const emptyHistory = (): History => ({ transitions: [], wire: [], calls: [], reads: [], errors: [], ignored: [], network: [] });

/**
 * Fold happenings `from` to `length` onto `h`, the history of the first `from`, in place. A wire
 * record whose id is not in `own` is copied before it changes (`historyAfter`, whose arrays are
 * new but whose records `before` still holds). With `own` null nothing is copied at all: only for
 * a history nobody else holds (one walked moment by moment and read at each, never kept).
 */
export function extendHistory(h: History, from: number, log: readonly Happening[], length = log.length, own: Set<number> | null = null): void {
  const { transitions, calls, reads, errors, ignored, network } = h as { [K in keyof History]: Mutable<History[K]> };
  const wire = h.wire as Mutable<WireSegment>[];
  const change = (id: number, patch: Partial<WireSegment>) => {
    const w = wire[id - 1];
    if (!w) return;
    if (!own || own.has(id)) Object.assign(w, patch);
    else {
      wire[id - 1] = { ...w, ...patch };
      own.add(id);
    }
  };
  for (let i = from; i < length; i++) {
    const e = log[i]!;
    switch (e.kind) {
      case 'transition':
        transitions.push({ t: e.t, endpoint: e.endpoint, from: e.from, to: e.to, cause: e.cause, reference: e.reference });
        break;
      case 'call': {
        const { kind: _, ...call } = e;
        calls.push(call);
        break;
      }
      case 'read':
        reads.push({ t: e.t, endpoint: e.endpoint, bytes: e.bytes });
        break;
      case 'error':
        errors.push({ t: e.t, endpoint: e.endpoint, error: e.error as ConnectionError });
        break;
      case 'sent': {
        const f = e.flight;
        own?.add(f.id);
        wire.push({
          id: f.id,
          from: f.from,
          to: f.to,
          segment: f.segment,
          sentAt: f.sentAt,
          arrivesAt: f.arrivesAt,
          lost: e.lost,
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
        change(e.id, { delivered: true });
        break;
      case 'released':
        change(e.id, { held: false, arrivesAt: e.arrivesAt });
        break;
      case 'lost': {
        // A held segment stood halfway; one still travelling stops where it was when dropped.
        const travelling = wire[e.id - 1] && !wire[e.id - 1]!.held;
        change(e.id, travelling ? { lost: 'dropped', droppedAt: e.t } : { held: false, lost: 'dropped' });
        break;
      }
      case 'ignored': {
        const { kind: _, ...record } = e;
        ignored.push(record);
        break;
      }
      case 'network':
        network.push({ t: e.t, action: e.action });
        break;
    }
  }
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
