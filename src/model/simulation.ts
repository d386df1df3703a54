/**
 * Two endpoint machines, the network between them and a simulated clock, run deterministically:
 * the same script always gives the same trace. Time moves only when asked (`runUntil`,
 * `advance`), so a caller can run to any instant at once, ask what is pending, and go back by
 * replaying a script to an earlier time.
 */
import type { SnapshotFrom } from 'xstate';
import { resolveConfig, type EngineConfig } from './config';
import { CALL_EVENTS, TIMER_EVENTS, endpointMachine, type AppEvent, type EndpointEvent } from './endpoint/machine';
import { refusalReason, type RefusalReason } from './endpoint/refusals';
import { startEndpoint, stepEndpoint } from './endpoint/step';
import { TIMER_NAMES, type Tcb, type TimerName } from './endpoint/tcb';
import { Network, type NetworkAction } from './network';
import { Agenda } from './queue';
import type { Script, ScriptStep } from './script';
import { formatFlags, type Segment } from './segment';
import type { Trace, TraceCall, TraceError, TraceRead, TraceTransition } from './trace';
import { ENDPOINTS, directionFrom, peerOf, type CallName, type Direction, type EndpointId, type TcpState } from './types';

export type EndpointSnapshot = SnapshotFrom<typeof endpointMachine>;

/** A segment on the wire, with what the UI needs beyond the trace (where it goes, why it was lost). */
export interface WireSegment {
  readonly id: number;
  readonly from: EndpointId;
  readonly to: EndpointId;
  readonly segment: Segment;
  readonly sentAt: number;
  /** When it arrives (or would have, had it not been lost). */
  readonly arrivesAt: number;
  lost: 'dropped' | 'blocked' | null;
  readonly retransmission: boolean;
  delivered: boolean;
  /** Stopped halfway, waiting for the user to deliver or drop it (manual network). */
  held: boolean;
}

type AgendaItem =
  | { readonly kind: 'step'; readonly step: ScriptStep }
  | { readonly kind: 'arrival'; readonly wire: WireSegment }
  | { readonly kind: 'timer'; readonly endpoint: EndpointId; readonly name: TimerName; readonly deadline: number; readonly token: number };

/** Something that will happen unless something else happens first. */
export type Pending =
  | { readonly kind: 'timer'; readonly at: number; readonly endpoint: EndpointId; readonly name: TimerName }
  | { readonly kind: 'arrival'; readonly at: number; readonly segment: WireSegment }
  | { readonly kind: 'step'; readonly at: number; readonly step: ScriptStep };

/** Application calls and network actions run after the network and timers at the same instant. */
const STEP_TIER = 1;
/** A valid script settles long before this; a run that does not is a bug, reported as one. */
const MAX_EVENTS = 5_000_000;

export class Simulation {
  readonly config: EngineConfig;
  readonly until: number | undefined;
  private readonly network: Network;
  private readonly agenda = new Agenda<AgendaItem>();
  private readonly snapshots: Record<EndpointId, EndpointSnapshot>;
  private readonly timerTokens: Record<EndpointId, Record<TimerName, number>>;
  private readonly timerDeadlines: Record<EndpointId, Record<TimerName, number | null>>;
  private nextToken = 1;
  private stepNumber = 0;
  private clock = 0;
  private changes = 0;

  // Everything recorded has happened: nothing here is later than `now`.
  readonly wire: WireSegment[] = [];
  readonly transitions: TraceTransition[] = [];
  readonly calls: TraceCall[] = [];
  readonly reads: TraceRead[] = [];
  readonly errors: TraceError[] = [];

  constructor(script: Script) {
    this.config = resolveConfig(script.config);
    this.until = script.until;
    this.network = new Network(this.config.latencyMs);
    const start = (role: EndpointId) => startEndpoint({ role, config: this.config });
    this.snapshots = { client: start('client'), server: start('server') };
    const none = () => Object.fromEntries(TIMER_NAMES.map((n) => [n, null])) as Record<TimerName, null>;
    const zero = () => Object.fromEntries(TIMER_NAMES.map((n) => [n, 0])) as Record<TimerName, number>;
    this.timerDeadlines = { client: none(), server: none() };
    this.timerTokens = { client: zero(), server: zero() };
    for (const step of script.steps) this.agenda.schedule(step.at, { kind: 'step', step }, STEP_TIER);
  }

  /** Run a script from start to its end (or to `until`) and return its trace. */
  static run(script: Script): Trace {
    const sim = new Simulation(script);
    sim.runToEnd();
    return sim.trace();
  }

  get now(): number {
    return this.clock;
  }

  state(endpoint: EndpointId): TcpState {
    return this.snapshots[endpoint].value as TcpState;
  }

  tcb(endpoint: EndpointId): Tcb {
    return this.snapshots[endpoint].context;
  }

  snapshot(endpoint: EndpointId): EndpointSnapshot {
    return this.snapshots[endpoint];
  }

  /** Whether the endpoint's state allows the call now, and if not, why (as the socket API would say). */
  check(endpoint: EndpointId, call: CallName): { allowed: true } | { allowed: false; reason: RefusalReason } {
    const snap = this.snapshots[endpoint];
    if (snap.can({ ...this.callEvent(call, 1), step: Number.NaN })) return { allowed: true };
    return { allowed: false, reason: refusalReason(snap.value as TcpState, snap.context.orphaned, call) };
  }

  /** What is scheduled, soonest first. */
  pending(): Pending[] {
    const out: Pending[] = [];
    for (const { at, item } of this.agenda.list()) {
      if (item.kind === 'timer') {
        if (this.isLive(item)) out.push({ kind: 'timer', at, endpoint: item.endpoint, name: item.name });
      } else if (item.kind === 'arrival') out.push({ kind: 'arrival', at, segment: item.wire });
      else out.push({ kind: 'step', at, step: item.step });
    }
    return out;
  }

  /** When the next thing happens, or null if nothing ever will. */
  nextEventAt(): number | null {
    this.discardStale();
    return this.agenda.peek()?.at ?? null;
  }

  /** Run everything scheduled up to and including time t, then stand at t. */
  runUntil(t: number): void {
    for (;;) {
      const at = this.nextEventAt();
      if (at === null || at > t) break;
      this.advance();
    }
    if (t > this.clock) this.clock = t;
  }

  /** Run to `until`, or until nothing is pending. */
  runToEnd(): void {
    if (this.until !== undefined) this.runUntil(this.until);
    else while (this.advance());
  }

  /**
   * Counts what has happened (events run, calls, network actions, injected segments); time
   * merely passing does not change it. Views that show only what happened redraw on it.
   */
  get revision(): number {
    return this.changes;
  }

  /** Run the next scheduled event. Returns false when nothing is pending. */
  advance(): boolean {
    this.discardStale();
    const next = this.agenda.pop();
    if (!next) return false;
    this.changes++;
    if (this.stepNumber > MAX_EVENTS) throw new Error(`the run did not settle after ${MAX_EVENTS} events`);
    this.clock = next.at;
    const item = next.item;
    if (item.kind === 'step') this.runStep(item.step);
    else if (item.kind === 'arrival') this.deliver(item.wire);
    else this.fire(item.endpoint, item.name);
    return true;
  }

  /** An application call now (the UI's buttons). Returns the refusal reason, or null if it was made. */
  call(endpoint: EndpointId, call: CallName, bytes = 1000): string | null {
    const check = this.check(endpoint, call);
    this.changes++;
    this.calls.push({ t: this.clock, endpoint, call, ...(call === 'send' ? { bytes } : {}), refused: check.allowed ? null : check.reason });
    if (check.allowed) this.feed(endpoint, this.callEvent(call, bytes), call);
    return check.allowed ? null : check.reason;
  }

  /** A network action now. */
  act(action: NetworkAction): void {
    this.changes++;
    if (action.kind === 'manual') {
      this.network.manual = action.on;
      // Letting go of the wire lets go of what it was holding.
      if (!action.on) for (const w of this.wire) if (w.held) this.release(w, true);
    } else if ('segment' in action) {
      const w = this.wire[action.segment - 1];
      if (w?.held) this.release(w, action.kind === 'deliver');
    } else this.network.apply(action);
  }

  get manual(): boolean {
    return this.network.manual;
  }

  /** A held segment goes on (the second half of its trip) or is lost where it stood. */
  private release(w: WireSegment, deliver: boolean): void {
    w.held = false;
    if (deliver) {
      (w as { arrivesAt: number }).arrivesAt = this.clock + this.config.latencyMs / 2;
      this.agenda.schedule(w.arrivesAt, { kind: 'arrival', wire: w });
    } else w.lost = 'dropped';
  }

  /** One direction of the wire: blocked, or with a drop or delay waiting for the next segment. */
  lane(direction: Direction) {
    return this.network.state(direction);
  }

  /** Hand an endpoint a segment from anywhere (a capture, a test), as if it had just arrived. */
  inject(endpoint: EndpointId, segment: Segment): void {
    this.changes++;
    this.feed(endpoint, { type: 'SEGMENT', segment, now: this.clock, step: this.stepNumber++ }, 'segment:injected');
  }

  trace(): Trace {
    return {
      transitions: this.transitions,
      segments: this.wire.map((w) => ({
        id: w.id,
        from: w.from,
        flags: formatFlags(w.segment.flags),
        seq: w.segment.seq,
        ack: w.segment.flags & 16 ? w.segment.ack : null,
        len: w.segment.len,
        sentAt: w.sentAt,
        fate: w.lost ? 'dropped' : w.delivered ? 'delivered' : 'in-flight',
        arrivedAt: w.delivered ? w.arrivesAt : null,
        retransmission: w.retransmission,
      })),
      calls: this.calls,
      reads: this.reads,
      errors: this.errors,
      final: { t: this.clock, client: this.state('client'), server: this.state('server') },
    };
  }

  // ---- inside --------------------------------------------------------------------------------

  private callEvent(call: CallName, bytes: number): AppEvent {
    const stamp = { now: this.clock, step: this.stepNumber++ };
    return call === 'send' ? { type: 'SEND', bytes, ...stamp } : { type: CALL_EVENTS[call] as Exclude<AppEvent['type'], 'SEND'>, ...stamp };
  }

  private runStep(step: ScriptStep): void {
    if ('network' in step) {
      if (step.network === 'manual') this.act({ kind: 'manual', on: step.on });
      else if ('segment' in step) this.act({ kind: step.network, segment: step.segment });
      else if (step.network === 'delay-next') this.act({ kind: step.network, direction: step.direction, byMs: step.byMs });
      else if ('direction' in step) this.act({ kind: step.network, direction: step.direction });
    } else if ('segment' in step) {
      this.inject(step.endpoint, step.segment);
    } else {
      this.call(step.endpoint, step.call, step.call === 'send' ? step.bytes : undefined);
    }
  }

  private deliver(wire: WireSegment): void {
    wire.delivered = true;
    this.feed(wire.to, { type: 'SEGMENT', segment: wire.segment, now: this.clock, step: this.stepNumber++ }, `segment:${wire.id}`);
  }

  private fire(endpoint: EndpointId, name: TimerName): void {
    const deadline = this.timerDeadlines[endpoint][name];
    this.timerDeadlines[endpoint][name] = null;
    const event = { type: TIMER_EVENTS[name], now: this.clock, step: this.stepNumber++ } as EndpointEvent;
    this.feed(endpoint, event, name === 'retransmit' ? 'timer:retries-exhausted' : `timer:${name}`);
    // Every timer the machine sets, it must handle; one left standing would fire forever.
    if (this.tcb(endpoint).timers[name] === deadline) {
      throw new Error(`the ${name} timer fired in ${this.state(endpoint)} and the endpoint ignored it`);
    }
  }

  /** Give one endpoint one event, then record and carry out what it did. */
  private feed(endpoint: EndpointId, event: EndpointEvent, cause: string): void {
    const before = this.snapshots[endpoint];
    const after = stepEndpoint(before, event);
    this.snapshots[endpoint] = after;
    const from = before.value as TcpState;
    const to = after.value as TcpState;
    if (from !== to) {
      this.transitions.push({ t: this.clock, endpoint, from, to, cause });
      if (to === 'CLOSED' && after.context.error) this.errors.push({ t: this.clock, endpoint, error: after.context.error });
    }
    const out = after.context.out;
    if (out.step === event.step) {
      for (const segment of out.segments) this.transmit(endpoint, segment, segment.retransmission);
      for (const bytes of out.reads) this.reads.push({ t: this.clock, endpoint, bytes });
    }
    this.syncTimers(endpoint, after.context);
  }

  private transmit(from: EndpointId, segment: Segment, retransmission: boolean): void {
    const fate = this.network.send(directionFrom(from), this.clock);
    const wire: WireSegment = {
      id: this.wire.length + 1,
      from,
      to: peerOf(from),
      segment: { flags: segment.flags, seq: segment.seq, ack: segment.ack, len: segment.len },
      sentAt: this.clock,
      arrivesAt: fate.lost ? this.clock + this.config.latencyMs : fate.arrivesAt,
      lost: fate.lost ? fate.reason : null,
      retransmission,
      delivered: false,
      held: !fate.lost && fate.held,
    };
    this.wire.push(wire);
    if (!fate.lost && !wire.held) this.agenda.schedule(fate.arrivesAt, { kind: 'arrival', wire });
  }

  /** The machine keeps its timers as deadlines; put each changed one on the agenda. */
  private syncTimers(endpoint: EndpointId, tcb: Tcb): void {
    const known = this.timerDeadlines[endpoint];
    for (const name of TIMER_NAMES) {
      const deadline = tcb.timers[name];
      if (deadline === known[name]) continue;
      known[name] = deadline;
      const token = this.nextToken++;
      this.timerTokens[endpoint][name] = token;
      if (deadline !== null) this.agenda.schedule(deadline, { kind: 'timer', endpoint, name, deadline, token });
    }
  }

  private isLive(item: Extract<AgendaItem, { kind: 'timer' }>): boolean {
    return this.timerTokens[item.endpoint][item.name] === item.token && this.timerDeadlines[item.endpoint][item.name] === item.deadline;
  }

  /** Timers that were stopped or moved stay in the heap; skip them when they come up. */
  private discardStale(): void {
    for (let top = this.agenda.peek(); top && top.item.kind === 'timer' && !this.isLive(top.item); top = this.agenda.peek()) this.agenda.pop();
  }
}

export { ENDPOINTS };
