/**
 * What happened at the latest instant a frame shows, picked for the view to explain: a change of
 * state first (with the segment it sent, if any), else a segment sent, a segment dropped without an
 * answer, one lost on the wire, one that arrived and changed nothing visible, bytes read, a refused
 * call. Each comes with where its rule is written down. The model says why; the view words it.
 */
import { referenceForIgnore, referenceForSend, type Reference } from '../model/cause';
import type { CallRecord, Ignored, Transition, WireSegment } from '../model/history';
import type { EndpointId } from '../model/types';
import type { NetworkAction } from '../model/network';
import type { MomentKey } from '../i18n/strings';
import type { Frame } from './frame';

export type Moment =
  /** A change of state, with the segment its side sent then, and the other side's change at the same instant, if any. */
  | { readonly kind: 'transition'; readonly t: number; readonly transition: Transition; readonly sent: WireSegment | null; readonly also: Transition | null }
  | { readonly kind: 'sent'; readonly t: number; readonly segment: WireSegment }
  | { readonly kind: 'ignored'; readonly t: number; readonly ignored: Ignored; readonly segment: WireSegment | null }
  | { readonly kind: 'lost'; readonly t: number; readonly segment: WireSegment }
  | { readonly kind: 'arrived'; readonly t: number; readonly segment: WireSegment }
  | { readonly kind: 'read'; readonly t: number; readonly endpoint: EndpointId; readonly bytes: number }
  | { readonly kind: 'call'; readonly t: number; readonly call: CallRecord }
  | { readonly kind: 'network'; readonly t: number; readonly action: NetworkAction };

const lastOf = <T>(xs: readonly T[], keep: (x: T) => boolean): T | undefined => {
  for (let i = xs.length - 1; i >= 0; i--) if (keep(xs[i]!)) return xs[i];
  return undefined;
};

/**
 * The moment the frame's latest instant holds, or null before anything has happened. An instant
 * that holds nothing told here (a network setting changed) leaves the one before it standing.
 */
export function momentOf(frame: Frame): Moment | null {
  for (let i = frame.instants.length - 1; i >= 0; i--) {
    const m = momentAt(frame, frame.instants[i]!);
    if (m) return m;
  }
  return null;
}

function momentAt(frame: Frame, t: number): Moment | null {
  const h = frame.history;
  const transition = lastOf(h.transitions, (x) => x.t === t);
  if (transition) {
    const sent = lastOf(h.wire, (w) => w.sentAt === t && w.from === transition.endpoint) ?? null;
    const also = lastOf(h.transitions, (x) => x.t === t && x.endpoint !== transition.endpoint) ?? null;
    return { kind: 'transition', t, transition, sent, also };
  }
  const sent = lastOf(h.wire, (w) => w.sentAt === t);
  if (sent) return { kind: 'sent', t, segment: sent };
  const ignored = lastOf(h.ignored, (x) => x.t === t);
  if (ignored) return { kind: 'ignored', t, ignored, segment: ignored.id === null ? null : (h.wire[ignored.id - 1] ?? null) };
  const lost = lastOf(h.wire, (w) => w.droppedAt === t);
  if (lost) return { kind: 'lost', t, segment: lost };
  const read = lastOf(h.reads, (r) => r.t === t);
  if (read) return { kind: 'read', t, endpoint: read.endpoint, bytes: read.bytes };
  const arrived = lastOf(h.wire, (w) => w.delivered && w.arrivesAt === t);
  if (arrived) return { kind: 'arrived', t, segment: arrived };
  const call = lastOf(h.calls, (c) => c.t === t);
  if (call) return { kind: 'call', t, call };
  const net = lastOf(h.network, (n) => n.t === t);
  if (net) return { kind: 'network', t, action: net.action };
  return null;
}

/** Where the rule behind a moment is written down (null for what no rule decides: a loss, a refused call). */
export function referenceOf(m: Moment): Reference | null {
  switch (m.kind) {
    case 'transition':
      return m.transition.reference;
    case 'sent':
      return referenceForSend(m.segment.why);
    case 'ignored':
      return referenceForIgnore(m.ignored.why);
    case 'arrived':
    case 'read':
      return { rfc: '3.10.7.4' };
    case 'lost':
    case 'call':
    case 'network':
      return null;
  }
}

/**
 * Which of a lesson's narrated moments the i-th change of state is: its words for that side's n-th
 * entry into that state ("client:FIN-WAIT-1#2"), else its words for any entry ("client:FIN-WAIT-1").
 */
export function narratedKey(transitions: readonly Transition[], i: number, moments: Readonly<Partial<Record<MomentKey, string>>>): MomentKey | null {
  const tr = transitions[i];
  if (!tr) return null;
  let n = 0;
  for (let j = 0; j <= i; j++) if (transitions[j]!.endpoint === tr.endpoint && transitions[j]!.to === tr.to) n++;
  const nth: MomentKey = `${tr.endpoint}:${tr.to}#${n}`;
  const any: MomentKey = `${tr.endpoint}:${tr.to}`;
  return moments[nth] !== undefined ? nth : moments[any] !== undefined ? any : null;
}

/** The latest narrated moment among the first `length` changes of state, or null. */
export function lastNarrated(
  transitions: readonly Transition[],
  moments: Readonly<Partial<Record<MomentKey, string>>>,
  length = transitions.length,
): MomentKey | null {
  for (let i = length - 1; i >= 0; i--) {
    const key = narratedKey(transitions, i, moments);
    if (key) return key;
  }
  return null;
}
