/**
 * What a moment of a run means, in words: why the latest event happened (every kind the model
 * records), what happened in a short line, and what to say before anything has (src/player/narration.ts says which a narration shows). The
 * app's explanation and narration, the quiz and an embedded run all say it from here, in the words
 * of src/i18n (ExplainWords), so a sentence is decided once.
 */
import { formatFlags } from '../model/segment';
import type { Transition, WireSegment } from '../model/history';
import type { SendWhy } from '../model/endpoint/tcb';
import type { ExplainWords } from '../i18n/explainStrings';
import type { Strings } from '../i18n/strings';
import type { Frame } from './frame';
import { momentOf, type Moment } from './moment';

/** Say what made a transition happen, in the endpoint's words: a call, a segment, a timer. */
export function causeOf(tr: Transition, frame: Frame, t: ExplainWords): string {
  const who = t.endpointName[tr.endpoint];
  const c = tr.cause;
  switch (c.kind) {
    case 'segment': {
      const w = frame.wire[c.id - 1];
      return t.causeSegment(who, w ? formatFlags(w.segment.flags) : '?');
    }
    case 'injected':
      return t.causeSegment(who, '?');
    case 'timer':
      return c.sooner && t.replay ? t.replay.causeTimerSooner(who, t.timerNames[c.timer]) : t.causeTimer[c.timer](who);
    case 'call':
      // A replayed capture's calls are inferred from the segments: said so.
      return t.replay && frame.calls.some((k) => k.inferred && k.t === tr.t && k.endpoint === tr.endpoint && k.call === c.call)
        ? t.replay.causeCallInferred(who, c.call)
        : t.causeCall(who, c.call);
    case 'network':
      return '';
  }
}

/** The words for one segment: who sent it, and its flags. */
const sender = (w: WireSegment, t: ExplainWords) => [t.endpointName[w.from], formatFlags(w.segment.flags)] as const;
const receiver = (w: WireSegment, t: ExplainWords) => [t.endpointName[w.to], formatFlags(w.segment.flags)] as const;

/** What the latest moment means, in a sentence or two: every kind of event the model records, not only changes of state. */
export function describe(m: Moment, frame: Frame, t: ExplainWords): string {
  const lostNow = (w: WireSegment | null) => (w && w.lost && w.droppedAt === undefined ? ` ${t.lostAtOnce(formatFlags(w.segment.flags))}` : '');
  const changed = (tr: Transition) => `${causeOf(tr, frame, t)} ${t.entered(t.endpointName[tr.endpoint], tr.to)} ${t.stateMeaning[tr.to]}`.trim();
  switch (m.kind) {
    case 'transition': {
      // Both sides changed at this instant (a simultaneous open or close): both are told, in order.
      const both = m.also ? [m.also, m.transition].sort((a, b) => frame.transitions.indexOf(a) - frame.transitions.indexOf(b)) : [m.transition];
      return both.map(changed).join(' ') + lostNow(m.sent);
    }
    case 'network': {
      const a = m.action;
      return 'direction' in a
        ? t.networkDone[a.kind](t.directionNames[a.direction], a.kind === 'delay-next' ? a.byMs : 0)
        : a.kind === 'manual'
          ? t.manualDone(a.on)
          : t.segmentDone(a.kind, `#${a.segment}`);
    }
    case 'sent': {
      const w = m.segment;
      const [who, flags] = sender(w, t);
      // A captured segment no rule sent is explained in the capture X-ray's words (loaded with it).
      if (w.why.kind === 'captured') return (t.replay?.sendWhyCaptured(who, flags, w.why) ?? '') + lostNow(w);
      const say = t.sendWhy[w.why.kind] as (who: string, flags: string, why: SendWhy) => string;
      return say(who, flags, w.why) + lostNow(w);
    }
    case 'ignored': {
      const flags = m.segment ? formatFlags(m.segment.segment.flags) : '?';
      return t.ignoreWhy[m.ignored.why](t.endpointName[m.ignored.endpoint], flags);
    }
    case 'lost':
      return t.lostOnWire(...sender(m.segment, t));
    case 'arrived':
      // A closed window (and not a reset, which offers none): the receiver must stop sending.
      return m.segment.segment.win === 0 && !formatFlags(m.segment.segment.flags).includes('RST')
        ? t.arrivedWindowClosed(...receiver(m.segment, t))
        : t.arrivedOnly(...receiver(m.segment, t));
    case 'read':
      return t.readOnly(t.endpointName[m.endpoint], m.bytes);
    case 'call': {
      const c = m.call;
      const who = t.endpointName[c.endpoint];
      if (c.refused) return t.refusedCall(who, c.call, t.refusals[c.refused]);
      // A send() into a closed window: nothing leaves, and the explanation says why.
      const waits =
        c.call === 'send' && frame.tcb(c.endpoint).queued > 0 && !frame.wire.some((w) => w.from === c.endpoint && w.sentAt === c.t && w.segment.len > 0);
      return waits ? `${t.causeCall(who, c.call)} ${t.sendQueued}` : t.causeCall(who, c.call);
    }
  }
}

/** The wire's lane buttons' names, as the lane controls show them (a line about a fault names the button pressed). */
export interface LaneNames {
  readonly dropNext: string;
  readonly delayNext: string;
  readonly block: string;
  readonly unblock: string;
}

/**
 * What a moment was, in a short line and without its reason (free play's narration beside the
 * "Why it happened" panel, which gives the reason: see src/player/narration.ts).
 */
export function happenedLine(m: Moment, frame: Frame, t: ExplainWords & Partial<LaneNames>): string {
  const h = t.happened;
  switch (m.kind) {
    case 'transition': {
      const both = m.also ? [m.also, m.transition].sort((a, b) => frame.transitions.indexOf(a) - frame.transitions.indexOf(b)) : [m.transition];
      const sent = m.sent ? [m.sent.lost && m.sent.droppedAt === undefined ? h.lost(...sender(m.sent, t)) : h.sent(...sender(m.sent, t))] : [];
      return [...both.map((tr) => h.changed(t.endpointName[tr.endpoint], tr.from, tr.to)), ...sent].join(' ');
    }
    case 'sent':
      return m.segment.lost && m.segment.droppedAt === undefined ? h.lost(...sender(m.segment, t)) : h.sent(...sender(m.segment, t));
    case 'lost':
      return h.lost(...sender(m.segment, t));
    case 'arrived':
      return h.received(...receiver(m.segment, t));
    case 'ignored':
      return m.segment ? h.received(...receiver(m.segment, t)) : describe(m, frame, t);
    case 'read':
      return h.read(t.endpointName[m.endpoint], m.bytes);
    case 'call':
      return h.called(t.endpointName[m.call.endpoint], m.call.call, m.call.refused !== null);
    case 'network': {
      const a = m.action;
      const action = 'direction' in a ? { 'drop-next': t.dropNext, 'delay-next': t.delayNext, block: t.block, unblock: t.unblock }[a.kind] : undefined;
      // A view without the lane's buttons (an embed) has no button's name to give: it says why instead.
      return 'direction' in a && action !== undefined ? h.network(t.directionNames[a.direction], action) : describe(m, frame, t);
    }
  }
}

/** Before anything has happened: a lesson (something is scheduled) waits for Play; free play for the first calls. */
export const startHint = (frame: Frame, t: ExplainWords & Pick<Strings, 'startHint'>): string => (frame.nextEventAt() !== null ? t.startHint : t.nothingYet);

/** Why the latest thing happened, in words (null before anything has). */
export function explain(frame: Frame, t: ExplainWords): string | null {
  const m = momentOf(frame);
  return m ? describe(m, frame, t) : null;
}
