/**
 * The whole system at one instant, immutable: both endpoints' machine snapshots, the segments on
 * the wire, the network's settings, and the clock. `step(world, input)` is the engine: one input
 * (an application call, a segment's arrival, a timer, a network action) in, the next world and
 * what happened out. It is pure: the same world and input always give the same result, and the
 * old world stays valid, so a run can keep worlds as checkpoints and go back by looking one up.
 *
 * Time moves only by `at(world, t)`. Which input comes next is the scheduler's business
 * (./scheduler): the simulation and the player pick by time, the exhaustive exploration picks
 * every possibility.
 */
import { referenceFor, type Cause, type Reference } from './cause';
import { resolveConfig, type ConfigOverrides, type EngineConfig } from './config';
import { CALL_EVENTS, TIMER_EVENTS, type AppEvent, type EndpointEvent } from './endpoint/edges';
import { refusalReason, type RefusalReason } from './endpoint/refusals';
import { canStep, startEndpoint, stepEndpoint, type EndpointSnapshot } from './endpoint/step';
import { TIMER_NAMES, type Effect, type IgnoreWhy, type SendWhy, type TimerName } from './endpoint/tcb';
import { applyToLane, createNetwork, sendOn, type NetworkAction, type NetworkState } from './network';
import { expect, type Observed, type Replay } from './replay';
import type { Segment } from './segment';
import { addFlight, emptyWire, findFlight, firstDue, removeFlight, wireList, type Flight, type Wire } from './wire';
import { ENDPOINTS, directionFrom, peerOf, type CallName, type ConnectionError, type EndpointId, type TcpState } from './types';

export type { EndpointSnapshot, Flight };

export interface World {
  readonly config: EngineConfig;
  readonly now: number;
  readonly endpoints: Readonly<Record<EndpointId, EndpointSnapshot>>;
  /** When each running timer was last set, as a scheduling order (ties at one instant go by it). */
  readonly timerOrder: Readonly<Record<EndpointId, Readonly<Record<TimerName, number>>>>;
  /** The segments on the wire, in the order they will arrive (read with ./wire's helpers). */
  readonly flights: Wire;
  readonly network: NetworkState;
  /** Segments sent so far (the next one's id is one more). */
  readonly sent: number;
  /** The scheduling counter. */
  readonly order: number;
  /** Inputs taken so far. */
  readonly events: number;
  /** A capture being replayed (./replay), or null: the endpoints send for themselves. */
  readonly replay: Replay | null;
  /** How this world replays a capture's segments: given when it starts (./replayStep's `REPLAYER`), or null for a world that never does. */
  readonly replayer: Replayer | null;
}

export type Input =
  | { readonly kind: 'call'; readonly endpoint: EndpointId; readonly call: CallName; readonly bytes?: number }
  | { readonly kind: 'inject'; readonly endpoint: EndpointId; readonly segment: Segment }
  | { readonly kind: 'arrival'; readonly id: number }
  | { readonly kind: 'timer'; readonly endpoint: EndpointId; readonly name: TimerName }
  | { readonly kind: 'network'; readonly action: NetworkAction }
  /** A segment in flight is lost where it is (the exploration's loss; a click on a moving segment). */
  | { readonly kind: 'lose'; readonly id: number }
  /** A segment a capture saw leave an endpoint (./replay): the world replays until a user acts. */
  | { readonly kind: 'observed'; readonly observed: Observed };

/** A change of state, with its typed cause and where the rule is written down. */
export interface Transition {
  readonly t: number;
  readonly endpoint: EndpointId;
  readonly from: TcpState;
  readonly to: TcpState;
  readonly cause: Cause;
  readonly reference: Reference;
}

/** An application call, and why it was refused if it was. */
export interface CallRecord {
  readonly t: number;
  readonly endpoint: EndpointId;
  readonly call: CallName;
  readonly bytes?: number;
  readonly refused: RefusalReason | null;
  /** Not seen but inferred: a replayed capture's segment could not have left without it. */
  readonly inferred?: true;
}

/** What happened, in order; the run's history is the list of these. */
export type Happening =
  | ({ readonly kind: 'transition' } & Transition)
  | ({ readonly kind: 'call' } & CallRecord)
  | { readonly kind: 'read'; readonly t: number; readonly endpoint: EndpointId; readonly bytes: number }
  | { readonly kind: 'error'; readonly t: number; readonly endpoint: EndpointId; readonly error: ConnectionError }
  | { readonly kind: 'sent'; readonly t: number; readonly flight: Flight; readonly lost: 'dropped' | 'blocked' | null }
  | { readonly kind: 'arrived'; readonly t: number; readonly id: number }
  | { readonly kind: 'released'; readonly t: number; readonly id: number; readonly arrivesAt: number }
  | { readonly kind: 'lost'; readonly t: number; readonly id: number }
  /** An arriving segment (`id`, or null for one injected) that the endpoint dropped without an answer, and why. */
  | { readonly kind: 'ignored'; readonly t: number; readonly endpoint: EndpointId; readonly id: number | null; readonly why: IgnoreWhy }
  | { readonly kind: 'network'; readonly t: number; readonly action: NetworkAction };

export interface Stepped {
  readonly world: World;
  readonly happened: readonly Happening[];
}

const ZERO_ORDER: Readonly<Record<TimerName, number>> = { retransmit: 0, 'delayed-ack': 0, 'time-wait': 0, 'fin-wait-2': 0, persist: 0 };

/** A world at time 0. `replayer`: how it replays a capture, for a script with captured segments (./replayStep). */
export function startWorld(overrides: ConfigOverrides = {}, replayer: Replayer | null = null): World {
  const config = resolveConfig(overrides);
  return {
    config,
    now: 0,
    endpoints: { client: startEndpoint({ role: 'client', config }), server: startEndpoint({ role: 'server', config }) },
    timerOrder: { client: ZERO_ORDER, server: ZERO_ORDER },
    flights: emptyWire(),
    network: createNetwork(config.latencyMs),
    sent: 0,
    order: 0,
    events: 0,
    replay: null,
    replayer,
  };
}

/** The same world, later (time never runs backwards). */
export const at = (world: World, t: number): World => (t > world.now ? { ...world, now: t } : world);

export const stateOf = (world: World, endpoint: EndpointId): TcpState => world.endpoints[endpoint].value as TcpState;

/** The event an application call sends to the machine (a read without `bytes` reads everything waiting). */
export function callEvent(call: CallName, now: number, bytes?: number): AppEvent {
  if (call === 'send') return { type: 'SEND', bytes: bytes ?? 1000, now };
  if (call === 'read') return { type: 'READ', bytes: bytes ?? null, now };
  return { type: CALL_EVENTS[call], now };
}

/** Whether the endpoint's state allows the call now, and if not, why (as the socket API would say). */
export function check(world: World, endpoint: EndpointId, call: CallName): { allowed: true } | { allowed: false; reason: RefusalReason } {
  const snap = world.endpoints[endpoint];
  if (canStep(snap, callEvent(call, world.now, 1))) return { allowed: true };
  return { allowed: false, reason: refusalReason(snap.value as TcpState, snap.context.orphaned, call) };
}

/** A world being made from another by one input: `step`'s, and the replayer's. */
export interface Making {
  /** The world being made (its own copy, changed in place until `step` returns it). */
  world: { -readonly [K in keyof World]: World[K] };
  readonly happened: Happening[];
}

/** One input, at the world's time, or at `t` if that is later (the same as `step(at(world, t), input)`, with one copy fewer). */
export function step(world: World, input: Input, t = world.now): Stepped {
  const now = Math.max(t, world.now);
  const m: Making = { world: { ...world, now, events: world.events + 1 }, happened: [] };
  // A user acting on a replayed capture forks it: from now on the endpoints send for themselves.
  if (world.replay && (input.kind === 'call' || input.kind === 'network' || input.kind === 'inject')) m.world.replay = null;
  switch (input.kind) {
    case 'call': {
      const verdict = check(world, input.endpoint, input.call);
      const bytes = input.call === 'send' ? { bytes: input.bytes ?? 1000 } : input.call === 'read' && input.bytes !== undefined ? { bytes: input.bytes } : {};
      m.happened.push({ kind: 'call', t: now, endpoint: input.endpoint, call: input.call, ...bytes, refused: verdict.allowed ? null : verdict.reason });
      if (verdict.allowed) feed(m, input.endpoint, callEvent(input.call, now, input.bytes), { kind: 'call', call: input.call });
      break;
    }
    case 'inject':
      feed(m, input.endpoint, { type: 'SEGMENT', segment: input.segment, now }, { kind: 'injected' });
      break;
    case 'arrival': {
      const flight = findFlight(world.flights, input.id);
      if (!flight || flight.held) throw new Error(`segment ${input.id} is not in flight`);
      m.world.flights = removeFlight(world.flights, flight);
      m.happened.push({ kind: 'arrived', t: now, id: flight.id });
      if (flight.findsNoConnection && m.world.replay) world.replayer?.findsNoConnection(m, flight);
      feed(m, flight.to, { type: 'SEGMENT', segment: flight.segment, now }, { kind: 'segment', id: flight.id });
      break;
    }
    case 'timer': {
      const deadline = world.endpoints[input.endpoint].context.timers[input.name];
      if (deadline === null) throw new Error(`the ${input.name} timer of the ${input.endpoint} is not running`);
      feed(m, input.endpoint, { type: TIMER_EVENTS[input.name], now } as EndpointEvent, { kind: 'timer', timer: input.name }, input.name);
      // Every timer the machine sets, it must handle; one left standing would fire forever.
      if (m.world.endpoints[input.endpoint].context.timers[input.name] === deadline) {
        throw new Error(`the ${input.name} timer fired in ${stateOf(m.world, input.endpoint)} and the endpoint ignored it`);
      }
      break;
    }
    case 'network':
      m.happened.push({ kind: 'network', t: now, action: input.action });
      act(m, input.action);
      break;
    case 'observed':
      if (!world.replayer) throw new Error("a captured segment needs a world that replays: start it with src/model/replayStep.ts's REPLAYER");
      world.replayer.observe(m, input.observed);
      break;
    case 'lose': {
      const flight = findFlight(world.flights, input.id);
      if (!flight) throw new Error(`segment ${input.id} is not on the wire`);
      m.world.flights = removeFlight(world.flights, flight);
      m.happened.push({ kind: 'lost', t: now, id: flight.id });
      break;
    }
  }
  return { world: m.world, happened: m.happened };
}

function act(m: Making, action: NetworkAction): void {
  if (action.kind === 'manual') {
    m.world.network = { ...m.world.network, manual: action.on };
    // Letting go of the wire lets go of what it was holding.
    if (!action.on) for (const f of wireList(m.world.flights)) if (f.held) release(m, f, true);
  } else if ('segment' in action) {
    const f = findFlight(m.world.flights, action.segment);
    if (f?.held) release(m, f, action.kind === 'deliver');
    // A segment still travelling can be dropped where it is (a click on it in the diagram).
    else if (f && action.kind === 'drop') {
      m.world.flights = removeFlight(m.world.flights, f);
      m.happened.push({ kind: 'lost', t: m.world.now, id: f.id });
    }
  } else m.world.network = applyToLane(m.world.network, action);
}

/** A held segment goes on (the second half of its trip) or is lost where it stood. */
function release(m: Making, f: Flight, deliver: boolean): void {
  const now = m.world.now;
  if (deliver) {
    const arrivesAt = now + m.world.config.latencyMs / 2;
    const next: Flight = { ...f, held: false, arrivesAt, order: m.world.order++ };
    m.world.flights = addFlight(removeFlight(m.world.flights, f), next);
    m.happened.push({ kind: 'released', t: now, id: f.id, arrivesAt });
  } else {
    m.world.flights = removeFlight(m.world.flights, f);
    m.happened.push({ kind: 'lost', t: now, id: f.id });
  }
}

/**
 * Give one endpoint one event, then record and carry out what it did. `stepped`: the endpoint's step
 * on this event, when the caller has already taken it to look at before committing (it is pure).
 */
export function feed(
  m: Making,
  endpoint: EndpointId,
  event: EndpointEvent,
  cause: Cause,
  firing?: TimerName,
  stepped?: readonly [EndpointSnapshot, readonly Effect[]],
): void {
  const now = m.world.now;
  const before = m.world.endpoints[endpoint];
  const [after, effects] = stepped ?? stepEndpoint(before, event);
  m.world.endpoints = { ...m.world.endpoints, [endpoint]: after };
  const from = before.value as TcpState;
  const to = after.value as TcpState;
  if (from !== to) {
    m.happened.push({ kind: 'transition', t: now, endpoint, from, to, cause, reference: referenceFor(cause, from, before.context.orphaned) });
    if (to === 'CLOSED' && after.context.error) m.happened.push({ kind: 'error', t: now, endpoint, error: after.context.error });
  }
  for (const e of effects) {
    if (e.type === 'transmit') transmit(m, endpoint, e.segment, e.retransmission, e.why);
    else if (e.type === 'read') m.happened.push({ kind: 'read', t: now, endpoint, bytes: e.bytes });
    else m.happened.push({ kind: 'ignored', t: now, endpoint, id: cause.kind === 'segment' ? cause.id : null, why: e.why });
  }
  // A timer that was set anew (or fired and was set again) takes its place behind what is already scheduled.
  const known = before.context.timers;
  const timers = after.context.timers;
  let orders: Record<TimerName, number> | null = null;
  for (const name of TIMER_NAMES) {
    const deadline = timers[name];
    if (deadline === null || (deadline === known[name] && name !== firing)) continue;
    orders ??= { ...m.world.timerOrder[endpoint] };
    orders[name] = m.world.order++;
  }
  if (orders) m.world.timerOrder = { ...m.world.timerOrder, [endpoint]: orders };
}

/**
 * How a world replays a capture (src/model/replayStep.ts): passed to `startWorld` by whoever
 * replays one, so a page that never opens a capture (an embed) never loads it.
 */
export interface Replayer {
  /** A captured segment leaves its endpoint. */
  observe(m: Making, o: Observed): void;
  /** A replayed segment whose peer answered it with a reset for no connection is about to arrive. */
  findsNoConnection(m: Making, flight: Flight): void;
}

function transmit(m: Making, from: EndpointId, segment: Segment, retransmission: boolean, why: SendWhy): void {
  const now = m.world.now;
  // A replaying world's wire carries what the capture saw: the machine's own segment is only expected.
  if (m.world.replay) {
    m.world.replay = expect(m.world.replay, from, segment, why, retransmission, now);
    return;
  }
  const { network, fate } = sendOn(m.world.network, directionFrom(from), now);
  m.world.network = network;
  const flight = depart(m, from, segment, retransmission, why, fate.lost ? null : fate.arrivesAt, !fate.lost && fate.held);
  m.happened.push({ kind: 'sent', t: now, flight, lost: fate.lost ? fate.reason : null });
  if (!fate.lost) m.world.flights = addFlight(m.world.flights, flight);
}

/**
 * A segment leaving `from` now, numbered as the next one sent: arriving at `arrivesAt` (null: it
 * is lost, and would have arrived after the one-way latency), or held halfway. Its optional fields
 * are the caller's to set.
 */
export function depart(
  m: Making,
  from: EndpointId,
  segment: Segment,
  retransmission: boolean,
  why: SendWhy,
  arrivesAt: number | null,
  held: boolean,
): { -readonly [K in keyof Flight]: Flight[K] } {
  const now = m.world.now;
  m.world.sent += 1;
  return {
    id: m.world.sent,
    from,
    to: peerOf(from),
    segment,
    retransmission,
    why,
    sentAt: now,
    arrivesAt: arrivesAt ?? now + m.world.config.latencyMs,
    held,
    // Lost or held, it is not scheduled.
    order: arrivesAt === null || held ? -1 : m.world.order++,
  };
}

/** Something that will happen unless something else happens first, with its place in line. */
export interface Due {
  readonly at: number;
  readonly order: number;
  readonly input: Extract<Input, { kind: 'arrival' | 'timer' }>;
}

/** Everything the world itself has scheduled (arrivals and timers), soonest first. */
export function dueList(world: World): Due[] {
  const out: Due[] = [];
  for (const f of wireList(world.flights)) if (!f.held) out.push({ at: f.arrivesAt, order: f.order, input: { kind: 'arrival', id: f.id } });
  for (const endpoint of ['client', 'server'] as const) {
    const timers = world.endpoints[endpoint].context.timers;
    for (const name of TIMER_NAMES) {
      const deadline = timers[name];
      if (deadline !== null) out.push({ at: deadline, order: world.timerOrder[endpoint][name], input: { kind: 'timer', endpoint, name } });
    }
  }
  return out.sort((a, b) => a.at - b.at || a.order - b.order);
}

/** The next thing the world has scheduled, or null. */
export function nextDue(world: World): Due | null {
  // The best so far in locals, and one Due made at the end: this runs before every event.
  const f = firstDue(world.flights);
  let at = f ? f.arrivesAt : Infinity;
  let order = f ? f.order : Infinity;
  let timer: { endpoint: EndpointId; name: TimerName } | null = null;
  for (const endpoint of ENDPOINTS) {
    const timers = world.endpoints[endpoint].context.timers;
    const orders = world.timerOrder[endpoint];
    for (const name of TIMER_NAMES) {
      const deadline = timers[name];
      if (deadline === null || deadline > at || (deadline === at && orders[name] >= order)) continue;
      at = deadline;
      order = orders[name];
      timer = { endpoint, name };
    }
  }
  if (timer) return { at, order, input: { kind: 'timer', endpoint: timer.endpoint, name: timer.name } };
  return f ? { at, order, input: { kind: 'arrival', id: f.id } } : null;
}
