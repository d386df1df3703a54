/**
 * What a moment of a run means, in words: why the latest event happened (every kind the model
 * records), what to say before anything has, and which of a narration's texts a moment shows. The
 * app's explanation and narration, the quiz and an embedded run all say it from here, in the words
 * of src/i18n (ExplainWords), so a sentence is decided once.
 */
import { formatFlags } from '../model/segment';
import type { Transition, WireSegment } from '../model/history';
import type { SendWhy } from '../model/endpoint/tcb';
import type { ExplainWords } from '../i18n/explainStrings';
import type { MomentKey, Strings } from '../i18n/strings';
import type { Frame } from './frame';
import type { Policy } from './policy';
import type { Run } from './run';
import { lastNarrated, momentOf, narratedKey, type Moment } from './moment';

/** Say what made a transition happen, in the endpoint's words: a call, a segment, a timer. */
export function causeOf(tr: Transition, sim: Frame, t: ExplainWords): string {
  const who = t.endpointName[tr.endpoint];
  const c = tr.cause;
  switch (c.kind) {
    case 'segment': {
      const w = sim.wire[c.id - 1];
      return t.causeSegment(who, w ? formatFlags(w.segment.flags) : '?');
    }
    case 'injected':
      return t.causeSegment(who, '?');
    case 'timer':
      return c.sooner && t.replay ? t.replay.causeTimerSooner(who, t.timerNames[c.timer]) : t.causeTimer[c.timer](who);
    case 'call':
      // A replayed capture's calls are inferred from the segments: said so.
      return t.replay && sim.calls.some((k) => k.inferred && k.t === tr.t && k.endpoint === tr.endpoint && k.call === c.call)
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
export function describe(m: Moment, sim: Frame, t: ExplainWords): string {
  const lostNow = (w: WireSegment | null) => (w && w.lost && w.droppedAt === undefined ? ` ${t.lostAtOnce(formatFlags(w.segment.flags))}` : '');
  const changed = (tr: Transition) => `${causeOf(tr, sim, t)} ${t.entered(t.endpointName[tr.endpoint], tr.to)} ${t.stateMeaning[tr.to]}`.trim();
  switch (m.kind) {
    case 'transition': {
      // Both sides changed at this instant (a simultaneous open or close): both are told, in order.
      const both = m.also ? [m.also, m.transition].sort((a, b) => sim.transitions.indexOf(a) - sim.transitions.indexOf(b)) : [m.transition];
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
        c.call === 'send' && sim.tcb(c.endpoint).queued > 0 && !sim.wire.some((w) => w.from === c.endpoint && w.sentAt === c.t && w.segment.len > 0);
      return waits ? `${t.causeCall(who, c.call)} ${t.sendQueued}` : t.causeCall(who, c.call);
    }
  }
}

/** Before anything has happened: a lesson (something is scheduled) waits for Play; free play for the first calls. */
export const startHint = (sim: Frame, t: ExplainWords & Pick<Strings, 'startHint'>): string => (sim.nextEventAt() !== null ? t.startHint : t.nothingYet);

/** Why the latest thing happened, in words (null before anything has). */
export function explain(sim: Frame, t: ExplainWords): string | null {
  const m = momentOf(sim);
  return m ? describe(m, sim, t) : null;
}

/** A narration's texts: a lesson's own words (none for a run made in free play), its summary, its takeaway. */
export interface NarrationTexts {
  readonly moments?: Readonly<Partial<Record<MomentKey, string>>>;
  /** Said once the run is over. */
  readonly takeaway?: string;
  /** Said before the lesson reaches a moment it narrates (the app's, not an embed's). */
  readonly summary?: string;
  /**
   * A lesson's moment stays said until the next one it narrates (an embed of a lesson as written);
   * otherwise every event the lesson does not narrate is explained as it happens (free play, the app).
   */
  readonly standing?: boolean;
}

/** Which text a narration shows: the start hint, the summary, one of the lesson's moments, the takeaway, or why the latest event happened. */
export type NarrationKey = 'hint' | 'summary' | 'takeaway' | 'why' | `moment:${MomentKey}`;

/** The text a narration shows at this frame, of those it has. */
export function narrationKey(frame: Frame, texts: NarrationTexts): NarrationKey {
  const moments = texts.moments ?? {};
  const over = frame.nextEventAt() === null && frame.transitions.length > 0;
  if (over && texts.takeaway) return 'takeaway';
  if (texts.standing) {
    const standing = lastNarrated(frame.transitions, moments);
    return standing ? `moment:${standing}` : 'hint';
  }
  const latest = narratedKey(frame.transitions, frame.transitions.length - 1, moments);
  if (latest) return `moment:${latest}`;
  // Until the lesson reaches a moment it narrates, its summary says what it will show; a lesson that
  // narrates no moment (its words are the events' own) leaves its summary once something happens.
  const narrated = Object.keys(moments).length > 0 ? lastNarrated(frame.transitions, moments) !== null : (frame.instants.at(-1) ?? 0) > 0;
  if (!narrated && texts.summary) return 'summary';
  return momentOf(frame) ? 'why' : 'hint';
}

/**
 * Every sentence explaining an event of the run, worked out to its end first (at most `events` more
 * events: a run that probes a closed window for ever has no end), each once, at most `limit`: a
 * narration that lays them all out in one cell is as tall as the longest from the start, so nothing
 * below it moves as the run plays.
 */
export function runExplanations(run: Run, policy: Policy, t: ExplainWords, { events = 2000, limit = 400 } = {}): string[] {
  run.extendToEnd(events);
  const texts = new Set<string>();
  for (const at of run.frameComputed(policy).instants) {
    if (texts.size >= limit) break;
    const text = explain(run.frameAt(at, policy), t);
    if (text) texts.add(text);
  }
  return [...texts];
}
