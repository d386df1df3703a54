/**
 * Exercises the engine makes and checks: every question is a moment of a lesson's run, and its
 * answer is what the engine did there, never a key written by hand. The wrong choices come from the
 * engine too: the states the machine's table leads to from the same state on other inputs, and the
 * numbers a student gets by the classic slips (forgetting that a SYN or a FIN takes a sequence
 * number, counting one twice, echoing the peer's own number).
 *
 * Framework-free, like the player: the practice page, the command line's question banks and the
 * tests all make the same set from the same seed.
 */
import { causeText } from '../model/cause';
import { CALL_EVENTS, ENDPOINT, TIMER_EVENTS, nextStates, type Edge, type Edges, type EndpointEvent } from '../model/endpoint/edges';
import { TIMER_NAMES } from '../model/endpoint/tcb';
import { splitmix32 } from '../model/rng';
import { ACK, FIN, SYN, formatFlags, seqLength, hasAck } from '../model/segment';
import { seqSpan, toSeq } from '../model/seq';
import { CALLS, TCP_STATES, type EndpointId, type TcpState } from '../model/types';
import type { WireSegment } from '../model/history';
import type { Transition } from '../model/world';
import { SCENARIOS, type Scenario } from '../scenarios/catalog';
import { NO_POLICY, neverClosing, type Policy } from '../player/policy';
import type { Script } from '../model/script';
import { Run } from '../player/run';
import type { Frame } from '../player/frame';
import { lastEventAt } from '../player/lastEvent';
import type { ClaimId, ExerciseKind } from '../i18n/exerciseStrings';
import { CLAIMS, OPPOSED } from './claims';
import { captureExercises } from './readCapture';
import { cite, place, shuffled, type Exercise, type ExerciseStrings } from './exercise';
import type { ExplainWords } from '../i18n/explainStrings';

export type { Check, Exercise, ExerciseStrings } from './exercise';

/** The lessons exercises are made from: each one connection (a pile-up's run is one of many). */
export const EXERCISE_LESSONS: readonly Scenario[] = SCENARIOS.filter((s) => s.fleet === undefined);

/** A run exercises are made from: a lesson as written, or one the seed made. */
export interface Source {
  readonly id: string;
  readonly lesson: Scenario['id'] | null;
  readonly script: Script;
  readonly policy: Policy;
}

/** A run worked out to its end. */
export function wholeRun(script: Script, policy: Policy): Frame {
  const run = new Run(script.config ?? {}, script.steps);
  run.extendToEnd(100_000);
  return run.frameAt(Infinity, policy);
}

const lessonSource = (lesson: Scenario): Source => ({ id: lesson.id, lesson: lesson.id, script: lesson.script, policy: neverClosing(lesson.neverCloses) });

/**
 * The runs a seed makes: a connection on the classroom's timing that carries data each way (from 1
 * to 500 bytes, one segment each) before the client closes and then the server, two in three
 * losing one segment on the way, so that each seed asks its own numbers and its own loss.
 */
export function dataRuns(seed: number, count = 4): Source[] {
  const random = splitmix32((seed ^ 0x5eed) >>> 0);
  return Array.from({ length: count }, (_, i) => {
    const [a, b] = [1 + (random() % 500), 1 + (random() % 500)];
    // Two runs in three lose one segment on the way (the client's data or its FIN), sent again when its timer runs out. (The
    // server's data lost and sent again after the client's close() would meet Linux's reset for data after close: not the RFC's.)
    const losses = [null, { at: 2900, direction: 'client->server' }, { at: 6400, direction: 'client->server' }] as const;
    const loss = losses[random() % losses.length]!;
    const script: Script = {
      config: { preset: 'classroom', seed: 9293 },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 500, endpoint: 'client', call: 'connect' },
        ...(loss ? [{ at: loss.at, network: 'drop-next' as const, direction: loss.direction }] : []),
        { at: 3000, endpoint: 'client', call: 'send', bytes: a },
        { at: 4500, endpoint: 'server', call: 'send', bytes: b },
        { at: 6500, endpoint: 'client', call: 'close' },
        { at: 9000, endpoint: 'server', call: 'close' },
      ],
    };
    return { id: `data-${seed}-${i}`, lesson: null, script, policy: NO_POLICY };
  });
}

/**
 * The runs a seed makes to ask what one read() returns once a gap is filled: the client's
 * application sends twice (from 1 to 500 bytes each, one segment each), the first segment is lost,
 * the second arrives and is held aside, and the first's resending fills the gap.
 */
export function gapRuns(seed: number, count = 2): Source[] {
  const random = splitmix32((seed ^ 0x6a9) >>> 0);
  return Array.from({ length: count }, (_, i) => {
    const [a, b] = [1 + (random() % 500), 1 + (random() % 500)];
    const script: Script = {
      config: { preset: 'classroom', seed: 9293 },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 500, endpoint: 'client', call: 'connect' },
        { at: 2900, network: 'drop-next', direction: 'client->server' },
        { at: 3000, endpoint: 'client', call: 'send', bytes: a },
        { at: 3100, endpoint: 'client', call: 'send', bytes: b },
        { at: 6500, endpoint: 'client', call: 'close' },
        { at: 9000, endpoint: 'server', call: 'close' },
      ],
    };
    return { id: `gap-${seed}-${i}`, lesson: null, script, policy: NO_POLICY };
  });
}

/**
 * Where a lesson's own story begins: its first application call past opening the connection (a
 * close, an abort, a send), or its start if it has none (a lesson about the handshake itself).
 */
function ownPart(script: Script): number {
  const own = script.steps.find((s) => 'call' in s && s.call !== 'listen' && s.call !== 'connect');
  const fault = script.steps.find((s) => 'network' in s);
  return Math.min(own?.at ?? Infinity, fault?.at ?? Infinity, ...(own || fault ? [] : [0]));
}

/** What every exercise of a source carries. */
const about = (source: Source) => ({ lesson: source.lesson, script: source.script, policy: source.policy });

/** A 32-bit hash of a string (FNV-1a), to give each exercise its own stream of the seed. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** What made a change of state, in the explanation's words; null for a cause no question is made of. */
function causeSentence(tr: Transition, frame: Frame, t: ExplainWords): string | null {
  const who = t.endpointName[tr.endpoint];
  switch (tr.cause.kind) {
    case 'call':
      return t.causeCall(who, tr.cause.call);
    case 'segment': {
      const w = frame.wire[tr.cause.id - 1];
      return w ? t.causeSegment(who, formatFlags(w.segment.flags)) : null;
    }
    case 'timer':
      return t.causeTimer[tr.cause.timer](who);
    default:
      return null;
  }
}

/**
 * "Next state": a side's change of state, its cause said, the state after asked. The wrong choices:
 * the states the same kind of input leads to from that state under other guards (another segment's
 * arrival, say), then those other inputs lead to, then the state it was in (nothing changes), then
 * the states this side passes through elsewhere in the run.
 */
function nextStateExercises(lesson: Source, frame: Frame, words: ExerciseStrings, random: (id: string) => () => number): Exercise[] {
  const t = words.exercises;
  const out: Exercise[] = [];
  frame.transitions.forEach((tr, i) => {
    const cause = causeSentence(tr, frame, words);
    if (cause === null || linuxOnly(tr, frame)) return;
    const id = `next-state:${lesson.id}:${i}`;
    const rng = random(id);
    const who = words.endpointName[tr.endpoint];
    const seen = frame.transitions.filter((x) => x.endpoint === tr.endpoint).map((x) => x.to);
    // First the states the same kind of input leads to from there under its other guards (another segment, the same call elsewhere).
    const event = eventOf(tr.cause);
    const sameInput = event === null ? [] : targetsOn(tr.from, event);
    const tiers = [shuffled(sameInput, rng), shuffled(nextStates(tr.from), rng), [tr.from], shuffled(seen, rng), shuffled(TCP_STATES, rng)];
    const wrong: TcpState[] = [];
    for (const s of tiers.flat()) if (s !== tr.to && !wrong.includes(s) && wrong.length < 3) wrong.push(s);
    out.push({
      id,
      kind: 'next-state',
      ...about(lesson),
      at: tr.t,
      before: tr.t - 1,
      after: tr.t + 1,
      question: [t.nextState.before(who, tr.from), cause, finAckNote(tr, frame, words), t.nextState.ask(who)].filter((x) => x !== '').join(' '),
      ...place(tr.to, wrong, rng),
      explanation: `${words.entered(who, tr.to)} ${words.stateMeaning[tr.to]}`,
      reference: cite(tr.reference, t),
      check: { endpoint: tr.endpoint, state: tr.to },
    });
  });
  return out;
}

/**
 * A change Linux makes where RFC 9293 says otherwise: data arriving at a socket whose application has
 * closed it is answered with a reset (the RFC would take it in). Not asked as "what comes next" or
 * "what made it": a student who knows the RFC would be marked wrong.
 */
const linuxOnly = (tr: Transition, frame: Frame): boolean =>
  tr.to === 'CLOSED' && tr.cause.kind === 'segment' && (frame.wire[tr.cause.id - 1]?.segment.len ?? 0) > 0;

/**
 * Whether an arriving segment's ACK covers the receiver's own FIN, said where the receiver has sent
 * one not yet acknowledged: in FIN-WAIT-1 a FIN+ACK leads to CLOSING or to TIME-WAIT by just that.
 */
function finAckNote(tr: Transition, frame: Frame, words: ExerciseStrings): string {
  if (tr.cause.kind !== 'segment') return '';
  const arrived = frame.wire[tr.cause.id - 1];
  if (!arrived || !hasAck(arrived.segment)) return '';
  const fin = frame.wire.filter((w) => w.from === tr.endpoint && (w.segment.flags & FIN) !== 0 && w.sentAt <= tr.t).at(-1);
  if (!fin || !['FIN-WAIT-1', 'CLOSING', 'LAST-ACK'].includes(tr.from)) return '';
  const finEnd = toSeq(fin.segment.seq + seqLength(fin.segment.len, fin.segment.flags));
  return words.exercises.nextState.finAcked(words.endpointName[tr.endpoint], seqSpan(finEnd, toSeq(arrived.segment.ack)) >= 0);
}

/** A segment's sequence number counted from its sender's first (its SYN's), as Wireshark shows it. */
const relative = (seq: number, isn: number): number => seqSpan(toSeq(isn), toSeq(seq));

/**
 * "The numbers": the peer's segment that arrived last before this one left, and the ack this one
 * carries. Made only where that ack is exactly the next byte after the peer's segment (a run with a
 * loss or a resend may acknowledge otherwise, and the question would not say why). The wrong
 * choices are the classic slips: the peer's own seq, the SYN or FIN not counted, one counted twice.
 */
function ackExercises(lesson: Source, frame: Frame, words: ExerciseStrings, random: (id: string) => () => number): Exercise[] {
  const t = words.exercises;
  // A side's first sequence number in the connection a segment belongs to: its last SYN before (a lesson may open two).
  const isn = (e: EndpointId, by: number): number | null =>
    frame.wire.filter((w) => w.from === e && (w.segment.flags & SYN) !== 0 && w.sentAt <= by).at(-1)?.segment.seq ?? null;
  const out: Exercise[] = [];
  for (const w of frame.wire) {
    if (!hasAck(w.segment) || w.retransmission) continue;
    const peer = w.to;
    const before = frame.wire.filter((p: WireSegment) => p.from === peer && p.lost === null && p.delivered && p.arrivesAt <= w.sentAt).at(-1);
    if (!before || before.retransmission) continue;
    // "Then" means next: the reply is the first segment its side sent after the peer's arrived.
    if (frame.wire.some((x) => x.from === w.from && x.id !== w.id && x.sentAt >= before.arrivesAt && x.sentAt < w.sentAt)) continue;
    const mine = isn(w.from, w.sentAt);
    const theirs = isn(peer, before.sentAt);
    if (mine === null || theirs === null) continue;
    const p = before.segment;
    const seq = relative(p.seq, theirs);
    const ack = relative(w.segment.ack, theirs);
    const syn = (p.flags & SYN) !== 0;
    const fin = (p.flags & FIN) !== 0;
    if (ack !== seq + seqLength(p.len, p.flags)) continue;
    const id = `ack-number:${lesson.id}:${w.id}`;
    const rng = random(id);
    const slips = [seq, ack - 1, ack + 1, seq + p.len, ack + p.len].filter((n) => n >= 0 && n !== ack);
    const wrong = [...new Set(slips)].slice(0, 3).map(String);
    const flags = formatFlags(w.segment.flags);
    out.push({
      id,
      kind: 'ack-number',
      ...about(lesson),
      at: w.sentAt,
      // Before: the run up to the peer's segment leaving (the question says what it carries; its drawn label would give the answer away on a phone).
      before: before.sentAt - 1,
      // After: the reply arrived, its label (with its ack) drawn.
      after: Math.max(w.arrivesAt, w.sentAt) + 1,
      question: `${t.ackNumber.sent(words.endpointName[peer], formatFlags(p.flags), seq, p.len)} ${t.ackNumber.ask(words.endpointName[w.from], flags)}`,
      ...place(String(ack), wrong, rng),
      explanation: t.ackNumber.because(seq, p.len, syn, fin, ack),
      // Where the rule is written for the state that received it: a SYN at a listener, a SYN+ACK at SYN-SENT, anything else.
      reference: cite({ rfc: syn && (p.flags & ACK) === 0 ? '3.10.7.2' : syn ? '3.10.7.3' : '3.10.7.4' }, t),
      check: { segment: w.id, ack },
    });
  }
  return out;
}

/** The states the machine's table leads to on `event` from `from` (under any of its guards). */
function targetsOn(from: TcpState, event: EndpointEvent['type']): TcpState[] {
  const edges = (ENDPOINT.states[from].on as Edges)[event];
  return edges === undefined ? [] : [...new Set(([edges].flat() as Edge[]).flatMap((e) => (e.target !== undefined && e.target !== from ? [e.target] : [])))];
}

/** Whether the machine's table has an edge on `event` from `from` to `to` (under any guard). */
const leadsTo = (from: TcpState, event: EndpointEvent['type'], to: TcpState): boolean => targetsOn(from, event).includes(to);

/** The event the machine's table gets for a cause (null for a cause no question is made of). */
function eventOf(cause: Transition['cause']): EndpointEvent['type'] | null {
  if (cause.kind === 'call') return CALL_EVENTS[cause.call];
  if (cause.kind === 'timer') return TIMER_EVENTS[cause.timer];
  return cause.kind === 'segment' ? 'SEGMENT' : null;
}

/** Flags a segment may carry in a lesson: the wrong causes a "why" may offer (with those the run shows). */
const COMMON_FLAGS = ['SYN', 'SYN+ACK', 'ACK', 'FIN+ACK', 'RST', 'RST+ACK'];

/**
 * "What made it": a side's change of state, and its cause asked. The wrong choices are causes the
 * machine's table says cannot take that side from that state to that one: a call or a timer with no
 * such edge, and a segment only where no segment of any kind can (a guard may turn one segment's
 * edge into another's). The run's own other causes for that side come first.
 */
function whyExercises(source: Source, frame: Frame, words: ExerciseStrings, random: (id: string) => () => number): Exercise[] {
  const t = words.exercises;
  const out: Exercise[] = [];
  const flagsSeen = [...new Set([...frame.wire.map((w) => formatFlags(w.segment.flags)), ...COMMON_FLAGS])];
  frame.transitions.forEach((tr, i) => {
    const right = causeSentence(tr, frame, words);
    if (right === null || linuxOnly(tr, frame)) return;
    const id = `why:${source.id}:${i}`;
    const rng = random(id);
    const who = words.endpointName[tr.endpoint];
    const cannot = new Set<string>();
    for (const call of CALLS) if (!leadsTo(tr.from, CALL_EVENTS[call], tr.to)) cannot.add(words.causeCall(who, call));
    for (const timer of TIMER_NAMES) if (!leadsTo(tr.from, TIMER_EVENTS[timer], tr.to)) cannot.add(words.causeTimer[timer](who));
    if (!leadsTo(tr.from, 'SEGMENT', tr.to)) for (const flags of flagsSeen) cannot.add(words.causeSegment(who, flags));
    cannot.delete(right);
    const own = frame.transitions.filter((x) => x !== tr && x.endpoint === tr.endpoint).map((x) => causeSentence(x, frame, words));
    const wrong = [
      ...new Set([
        ...shuffled(
          own.filter((c): c is string => c !== null && cannot.has(c)),
          rng,
        ),
        ...shuffled([...cannot], rng),
      ]),
    ].slice(0, 3);
    if (wrong.length < 2) return;
    out.push({
      id,
      kind: 'why',
      ...about(source),
      at: tr.t,
      // Before the cause shows: an arriving segment not yet sent (on its way, the drawing would name the answer).
      before: (tr.cause.kind === 'segment' ? (frame.wire[tr.cause.id - 1]?.sentAt ?? tr.t) : tr.t) - 1,
      after: tr.t + 1,
      question: t.why.ask(who, tr.from, tr.to),
      ...place(right, wrong, rng),
      // The verdict says the cause already: the explanation says what the new state means.
      explanation: `${words.entered(who, tr.to)} ${words.stateMeaning[tr.to]}`,
      reference: cite(tr.reference, t),
      check: { endpoint: tr.endpoint, cause: causeText(tr.cause) },
    });
  });
  return out;
}

/** Seconds, as a question says them: at most one decimal. */
const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** A segment's name in a question or a choice: who sent it to whom, its flags. */
const segmentName = (w: WireSegment, words: ExerciseStrings): string =>
  words.exercises.segment(words.endpointName[w.from], words.endpointName[w.to], formatFlags(w.segment.flags));

/** Why the engine sent a segment, in the explanation's words. */
function sendSentence(w: WireSegment, words: ExerciseStrings): string {
  const why = w.why;
  if (why.kind === 'captured') return '';
  const say = words.sendWhy[why.kind] as (who: string, flags: string, why: WireSegment['why']) => string;
  return say(words.endpointName[w.from], formatFlags(w.segment.flags), why);
}

/** Every order of `items` (a phase has at most six: 720). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The longest phase an "order" question asks about: more, and the choices are too long to read. */
const MAX_ORDERED = 5;

/**
 * "Order": the segments of the handshake (from the first SYN until both sides are ESTABLISHED) or
 * of the close (from the first FIN to the last segment), set in a scene of the application calls
 * that made them; the right order is the engine's. Asked only where it is one order: no two sent at
 * once, none lost or sent again, no two alike. The wrong orders put one segment before the one it
 * answers (an adjacent swap first), then any other order.
 */
function orderExercises(source: Source, frame: Frame, words: ExerciseStrings, random: (id: string) => () => number): Exercise[] {
  const t = words.exercises;
  const out: Exercise[] = [];
  const established = frame.transitions.filter((x) => x.to === 'ESTABLISHED');
  const firstSyn = frame.wire.find((w) => (w.segment.flags & SYN) !== 0);
  const firstFin = frame.wire.find((w) => (w.segment.flags & FIN) !== 0);
  const bothEstablished = (['client', 'server'] as const).map((e) => established.find((x) => x.endpoint === e)?.t);
  const phases: { phase: 'handshake' | 'close'; from: number; to: number; rfc: '3.5' | '3.6' }[] = [];
  if (firstSyn && bothEstablished.every((x) => x !== undefined))
    phases.push({ phase: 'handshake', from: firstSyn.sentAt, to: Math.max(...(bothEstablished as number[])), rfc: '3.5' });
  if (firstFin) phases.push({ phase: 'close', from: firstFin.sentAt, to: Infinity, rfc: '3.6' });
  for (const { phase, from, to, rfc } of phases) {
    const segs = frame.wire.filter((w) => w.sentAt >= from && w.sentAt < to);
    if (segs.length < 3 || segs.length > MAX_ORDERED) continue;
    if (segs.some((w) => w.retransmission || w.lost !== null || !w.delivered)) continue;
    if (new Set(segs.map((w) => w.sentAt)).size < segs.length) continue;
    const names = segs.map((w) => segmentName(w, words));
    if (new Set(names).size < names.length) continue;
    const id = `order:${source.id}:${phase}`;
    const rng = random(id);
    const right = t.order.sequence(names);
    const swaps = names.slice(1).map((_, i) => t.order.sequence([...names.slice(0, i), names[i + 1]!, names[i]!, ...names.slice(i + 2)]));
    const others = permutations(names).map((p) => t.order.sequence(p));
    const wrong = [...new Set([...shuffled(swaps, rng), ...shuffled(others, rng)])].filter((c) => c !== right).slice(0, 3);
    // The scene: the application calls up to the phase's end, from the phase's start (the handshake: from the first).
    const calls = frame.transitions.filter(
      (x) => x.cause.kind === 'call' && x.t <= Math.min(to, segs.at(-1)!.sentAt) && (phase === 'handshake' || x.t >= from),
    );
    const scene = calls.map((x, i) =>
      t.order.call(
        words.causeCall(words.endpointName[x.endpoint], (x.cause as { call: (typeof CALLS)[number] }).call),
        i === 0 ? null : seconds(x.t - calls[i - 1]!.t),
      ),
    );
    out.push({
      id,
      kind: 'order',
      ...about(source),
      at: segs[0]!.sentAt,
      before: segs[0]!.sentAt - 1,
      after: Math.max(...segs.map((w) => w.arrivesAt)) + 1,
      question: `${scene.join(' ')} ${t.order.ask(phase)}`,
      ...place(right, wrong, rng),
      explanation: t.order.because(segs.map((w, i) => `${t.order.at(names[i]!, seconds(w.sentAt))}: ${sendSentence(w, words)}`)),
      reference: cite({ rfc }, t),
      check: { order: segs.map((w) => w.id) },
    });
  }
  return out;
}

/**
 * "What one read() returns": a side's data arrived with a gap (a segment before it lost), was held
 * aside, and the lost one's resending filled the gap; how many bytes reach the application at that
 * moment? The engine says, in the ACK that answers the filling (its `delivered`). The wrong choices:
 * the filling segment's bytes alone, the held ones alone, and nothing until the next read().
 */
function readBytesExercises(source: Source, frame: Frame, words: ExerciseStrings, random: (id: string) => () => number): Exercise[] {
  const t = words.exercises;
  const out: Exercise[] = [];
  for (const ack of frame.wire) {
    const why = ack.why;
    if (why.kind !== 'ack-data' || !why.filled) continue;
    const [receiver, sender] = [ack.from, ack.to];
    // The data the sender sent first time (not again) up to the filling, in order: what the scene says.
    const filling = frame.wire.filter((w) => w.from === sender && w.delivered && w.arrivesAt <= ack.sentAt && w.segment.len > 0).at(-1);
    if (!filling || !filling.retransmission) continue;
    const sent = frame.wire.filter((w) => w.from === sender && w.segment.len > 0 && !w.retransmission && w.sentAt <= filling.sentAt);
    const lost = sent.filter((w) => w.lost !== null);
    if (lost.length !== 1 || sent.length < 2 || sent.length > 4) continue;
    const held = sent.filter((w) => w.lost === null && w.sentAt > lost[0]!.sentAt).reduce((n, w) => n + w.segment.len, 0);
    const id = `read-bytes:${source.id}:${ack.id}`;
    const rng = random(id);
    const right = String(why.delivered);
    const wrong = [...new Set([filling.segment.len, held, 0].map(String))].filter((c) => c !== right).slice(0, 3);
    if (wrong.length < 2) continue;
    out.push({
      id,
      kind: 'read-bytes',
      ...about(source),
      at: ack.sentAt,
      // Before: the gap made and held (the resending not yet arrived); after: the ACK that says what went up.
      before: filling.arrivesAt - 1,
      after: ack.arrivesAt + 1,
      question: t.readBytes.ask(
        words.endpointName[sender],
        words.endpointName[receiver],
        sent.map((w) => ({ bytes: w.segment.len, lost: w.lost !== null })),
      ),
      ...place(right, wrong, rng),
      explanation: sendSentence(ack, words),
      reference: cite({ rfc: '3.10.7.4' }, t),
      check: { reads: receiver, t: filling.arrivesAt, bytes: why.delivered },
    });
  }
  return out;
}

/** A segment's sequence number (relative to its sender's first, as Wireshark shows it) and its length if it carries data. */
function numbersOf(w: WireSegment, frame: Frame): string {
  const first = (e: EndpointId) => frame.wire.filter((x) => x.from === e && (x.segment.flags & SYN) !== 0 && x.sentAt <= w.sentAt).at(-1)?.segment.seq;
  const [own, peer] = [first(w.from), first(w.to)];
  const seq = own === undefined ? w.segment.seq : relative(w.segment.seq, own);
  // The ack too: a duplicate ACK (the same number again) is how the sender learns a segment went missing.
  const ack = hasAck(w.segment) && peer !== undefined ? ` ack=${relative(w.segment.ack, peer)}` : '';
  return `seq=${seq}${ack}${w.segment.len > 0 ? ` len=${w.segment.len}` : ''}`;
}

/** The most segments a "lost" question lists. */
const MAX_LISTED = 8;

/**
 * "The lost segment": the segments sent around a lost one, numbered in the order they were sent,
 * up to a few after it was sent again; which never arrived? Asked where its sender sent it again
 * (the clue a capture gives) and it is the only one listed that was lost. The wrong choices are
 * the others listed.
 */
function lostExercises(source: Source, frame: Frame, words: ExerciseStrings, random: (id: string) => () => number): Exercise[] {
  const t = words.exercises;
  const out: Exercise[] = [];
  for (const lost of frame.wire.filter((w) => w.lost !== null && !w.retransmission)) {
    const again = frame.wire.find(
      (w) => w.retransmission && w.from === lost.from && w.segment.seq === lost.segment.seq && w.segment.flags === lost.segment.flags && w.sentAt > lost.sentAt,
    );
    if (!again) continue;
    const [first, last] = [frame.wire.indexOf(lost), frame.wire.indexOf(again)];
    if (last - first + 1 > MAX_LISTED) continue;
    // A few before it, and after its second sending, as many as the list holds; never half of what left at one instant.
    let start = first - Math.min(first, Math.floor((MAX_LISTED - (last - first + 1)) / 2));
    while (start > 0 && frame.wire[start - 1]!.sentAt === frame.wire[start]!.sentAt) start--;
    let end = Math.min(frame.wire.length, start + MAX_LISTED);
    while (end > last + 1 && end < frame.wire.length && frame.wire[end]!.sentAt === frame.wire[end - 1]!.sentAt) end--;
    const listed = frame.wire.slice(start, end);
    if (listed.filter((w) => w.lost !== null).length !== 1 || listed.length < 3) continue;
    const id = `lost-segment:${source.id}:${lost.id}`;
    const rng = random(id);
    const n = (w: WireSegment) => listed.indexOf(w) + 1;
    const choice = (w: WireSegment) => t.lost.choice(n(w), segmentName(w, words));
    const wrong = shuffled(
      listed.filter((w) => w !== lost),
      rng,
    )
      .slice(0, 3)
      .map(choice);
    out.push({
      id,
      kind: 'lost-segment',
      ...about(source),
      at: lost.sentAt,
      before: listed[0]!.sentAt - 1,
      after: Math.max(...listed.map((w) => w.arrivesAt)) + 1,
      // Each line with its numbers (counted from its sender's first): a segment sent again is told by its sequence number.
      question: t.lost.ask(listed.map((w) => t.lost.line(n(w), `${segmentName(w, words)} ${numbersOf(w, frame)}`, seconds(w.sentAt)))),
      ...place(choice(lost), wrong, rng),
      explanation: t.lost.because(n(lost), n(again), seconds(again.sentAt - lost.sentAt)),
      reference: cite({ rfc: '3.8.1' }, t),
      check: { lost: lost.id, listed: listed.map((w) => w.id) },
    });
  }
  return out;
}

/**
 * "Claims": four statements about TCP, each read from a lesson's run (./claims.ts); which is true,
 * three misconceptions beside it, or which is not, three true claims beside it. The explanation
 * says what the runs show of each of the four. The stage shows the run that answers the right one.
 */
function claimExercises(
  words: ExerciseStrings,
  random: (id: string) => () => number,
  runOf: (lesson: Scenario['id']) => Frame,
  lessons?: readonly Scenario['id'][],
): Exercise[] {
  const t = words.exercises;
  const read = CLAIMS.flatMap((claim) => {
    const reading = claim.read(runOf);
    // A claim whose run no longer reads as its words say is not asked (the tests list every claim, so it is seen).
    return reading !== null && reading.holds === claim.wordedAs ? [{ claim, reading }] : [];
  });
  const said = (x: (typeof read)[number]) => t.claims[x.claim.id].statement;
  const out: Exercise[] = [];
  for (const answer of read) {
    if (lessons && !lessons.includes(answer.claim.lesson)) continue;
    const pool = read.filter((x) => x.reading.holds !== answer.reading.holds);
    if (pool.length < 2) continue;
    const id = `claim:${answer.claim.id}`;
    const rng = random(id);
    const opposed = (a: ClaimId, b: ClaimId) => OPPOSED.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
    const others: typeof pool = [];
    for (const x of shuffled(pool, rng)) if (others.length < 3 && ![answer, ...others].some((y) => opposed(x.claim.id, y.claim.id))) others.push(x);
    const lesson = SCENARIOS.find((l) => l.id === answer.claim.lesson)!;
    const source = lessonSource(lesson);
    out.push({
      id,
      kind: 'claim',
      ...about(source),
      at: 0,
      // Nothing drawn before the answer: the run is the evidence.
      before: -1,
      after: lastEventAt(runOf(lesson.id)) + 1,
      question: t.claim.ask(answer.reading.holds ? 'true' : 'false'),
      ...place(said(answer), others.map(said), rng),
      // One line a claim: what the runs show of each.
      explanation: [answer, ...others]
        .map((x) => `${said(x)} ${t.claim.verdict(x.reading.holds)} ${t.claims[x.claim.id].evidence(x.reading.facts)}`)
        .join('\n'),
      reference: cite(answer.claim.reference, t),
      check: { claims: [answer, ...others].map((x) => ({ id: x.claim.id, holds: x.reading.holds })) },
    });
  }
  return out;
}

/** What makes two exercises one question: their words, and for a claim (whose words are always "which is true?") its answer too. */
const sameness = (e: Exercise): string => (e.kind === 'claim' ? `${e.question}\n${e.choices[e.answer]}` : e.question);

export interface SetOptions {
  readonly seed: number;
  readonly count: number;
  readonly kinds: readonly ExerciseKind[];
  /** Lessons to draw from (all one-connection lessons when absent). */
  readonly lessons?: readonly Scenario['id'][];
}

/** Runs already worked out, by source id: a caller making many sets may keep one (a lesson's run is the same for every seed). */
export type RunCache = Map<string, Frame>;

/** Every exercise of these kinds the lessons (and the seed's own runs) hold, in the lessons' order. */
export function allExercises(
  words: ExerciseStrings,
  seed: number,
  kinds: readonly ExerciseKind[],
  lessons?: readonly Scenario['id'][],
  cache: RunCache = new Map(),
): Exercise[] {
  const random = (id: string) => splitmix32((seed ^ hash(id)) >>> 0);
  const out: Exercise[] = [];
  const sources = [
    ...EXERCISE_LESSONS.filter((l) => !lessons || lessons.includes(l.id)).map(lessonSource),
    ...(lessons ? [] : [...dataRuns(seed), ...gapRuns(seed)]),
  ];
  for (const source of sources) {
    // A lesson's run is kept (the same for every seed); a seed's own runs are not.
    let frame = cache.get(source.id);
    if (!frame) {
      frame = wholeRun(source.script, source.policy);
      if (source.lesson !== null) cache.set(source.id, frame);
    }
    const made: Exercise[] = [];
    if (kinds.includes('next-state')) made.push(...nextStateExercises(source, frame, words, random));
    if (kinds.includes('why')) made.push(...whyExercises(source, frame, words, random));
    if (kinds.includes('ack-number')) made.push(...ackExercises(source, frame, words, random));
    if (kinds.includes('order')) made.push(...orderExercises(source, frame, words, random));
    if (kinds.includes('lost-segment')) made.push(...lostExercises(source, frame, words, random));
    if (kinds.includes('read-bytes')) made.push(...readBytesExercises(source, frame, words, random));
    // Lessons chosen by name are asked about for what they teach: a closing lesson's handshake is every lesson's.
    const from = lessons ? ownPart(source.script) : 0;
    // A run that opens a second connection: its opening is the first's again, drawn just above it on the stage (the answer in view).
    const again = frame.wire.filter((w) => w.from === 'client' && w.segment.flags === SYN && !w.retransmission)[1]?.sentAt ?? Infinity;
    const open = Math.max(
      ...(['client', 'server'] as const).map((e) => frame.transitions.find((x) => x.endpoint === e && x.to === 'ESTABLISHED' && x.t >= again)?.t ?? again),
    );
    out.push(...made.filter((e) => e.at >= from && !(e.at >= again && e.at <= open)));
  }
  if (kinds.includes('claim')) {
    const runOf = (id: Scenario['id']): Frame => {
      let frame = cache.get(id);
      if (!frame) {
        const lesson = SCENARIOS.find((l) => l.id === id)!;
        frame = wholeRun(lesson.script, neverClosing(lesson.neverCloses));
        cache.set(id, frame);
      }
      return frame;
    };
    out.push(...claimExercises(words, random, runOf, lessons));
  }
  // A capture is no lesson's: asked when the set draws on every lesson.
  if (kinds.includes('capture') && !lessons) out.push(...captureExercises(words, random));
  return out;
}

/**
 * A set of `count` exercises, the same for the same seed and options: the kinds in turn, each
 * drawn in the seed's order from every exercise of that kind the lessons hold, each question once
 * (two lessons' moments that read alike are one question). Fewer when the lessons hold fewer.
 */
export function exerciseSet(words: ExerciseStrings, options: SetOptions, cache?: RunCache): Exercise[] {
  const random = splitmix32(options.seed >>> 0);
  // Each kind's exercises in the seed's order, and the kinds taken in turn (in an order of the seed's):
  // drawn from one pool, the kinds with hundreds of moments (next state, what made it) crowded out the
  // rest, and a set of ten often had no lost segment or claim at all.
  const byKind = new Map<ExerciseKind, Exercise[]>();
  for (const e of allExercises(words, options.seed, options.kinds, options.lessons, cache)) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  const queues = shuffled([...byKind.keys()], random).map((k) => shuffled(byKind.get(k)!, random));
  const seen = new Set<string>();
  const out: Exercise[] = [];
  while (out.length < options.count && queues.some((q) => q.length > 0))
    for (const queue of queues) {
      // The kind's next exercise that asks something not yet asked.
      let e = queue.shift();
      while (e && seen.has(sameness(e))) e = queue.shift();
      if (!e || out.length >= options.count) continue;
      seen.add(sameness(e));
      out.push(e);
    }
  return out;
}
