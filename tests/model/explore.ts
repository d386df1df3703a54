/**
 * Exhaustive exploration of the whole system: two endpoint machines and the segments between
 * them. Time is abstracted away: from any state, any segment in flight may arrive next (so every
 * reordering is covered), any one may be lost (within a budget), any running timer may fire, and
 * either application may make any call its state allows (within a budget). States are compared by
 * everything except absolute times, so the search ends.
 */
import type { SnapshotFrom } from 'xstate';
import { resolveConfig, type ConfigOverrides } from '../../src/model/config';
import { CALL_EVENTS, TIMER_EVENTS, endpointMachine, type EndpointEvent } from '../../src/model/endpoint/machine';
import { startEndpoint, stepEndpoint } from '../../src/model/endpoint/step';
import { TIMER_NAMES, type Tcb } from '../../src/model/endpoint/tcb';
import { formatFlags, type Segment } from '../../src/model/segment';
import type { CallName, EndpointId, TcpState } from '../../src/model/types';

type Snap = SnapshotFrom<typeof endpointMachine>;
/** An event before the explorer stamps it with a time and step. */
type Unstamped = EndpointEvent extends infer E ? (E extends EndpointEvent ? Omit<E, 'now' | 'step'> : never) : never;

interface Flight {
  readonly to: EndpointId;
  readonly segment: Segment;
}

export interface SystemState {
  readonly client: Snap;
  readonly server: Snap;
  readonly inFlight: readonly Flight[];
  readonly dropsLeft: number;
  readonly callsLeft: Readonly<Record<EndpointId, number>>;
}

export interface Bounds {
  readonly drops: number;
  /** Application calls each side may make. */
  readonly calls: Readonly<Record<EndpointId, number>>;
  /** Calls each side's application may choose from. */
  readonly menu: Readonly<Record<EndpointId, readonly CallName[]>>;
  readonly config: ConfigOverrides;
  /** Segments on the wire at once; a move that would put more there is not explored. */
  readonly maxInFlight: number;
  readonly maxStates: number;
}

export interface Move {
  readonly label: string;
  readonly next: SystemState;
}

let clock = 0;

function step(state: SystemState, who: EndpointId, event: Unstamped, consumed?: number): SystemState {
  const now = ++clock;
  const before = state[who];
  const after = stepEndpoint(before, { ...event, now, step: now } as EndpointEvent);
  const inFlight = consumed === undefined ? [...state.inFlight] : state.inFlight.filter((_, i) => i !== consumed);
  if (after.context.out.step === now) {
    const to: EndpointId = who === 'client' ? 'server' : 'client';
    for (const s of after.context.out.segments) inFlight.push({ to, segment: { flags: s.flags, seq: s.seq, ack: s.ack, len: s.len } });
  }
  return { ...state, [who]: after, inFlight };
}

export function successors(state: SystemState, bounds: Bounds): Move[] {
  const moves: Move[] = [];
  state.inFlight.forEach((f, i) => {
    moves.push({ label: `deliver ${describe(f)}`, next: step(state, f.to, { type: 'SEGMENT', segment: f.segment }, i) });
    if (state.dropsLeft > 0) {
      moves.push({ label: `lose ${describe(f)}`, next: { ...state, inFlight: state.inFlight.filter((_, j) => j !== i), dropsLeft: state.dropsLeft - 1 } });
    }
  });
  for (const who of ['client', 'server'] as const) {
    for (const name of TIMER_NAMES) {
      if (state[who].context.timers[name] !== null) moves.push({ label: `${who} ${name} timer`, next: step(state, who, { type: TIMER_EVENTS[name] } as Unstamped) });
    }
    if (state.callsLeft[who] === 0) continue;
    for (const call of bounds.menu[who]) {
      const event = { type: CALL_EVENTS[call], bytes: 100 } as Unstamped;
      if (!state[who].can({ ...event, now: 0, step: -1 } as EndpointEvent)) continue;
      const next = step(state, who, event);
      moves.push({ label: `${who} ${call}()`, next: { ...next, callsLeft: { ...state.callsLeft, [who]: state.callsLeft[who] - 1 } } });
    }
  }
  return moves;
}

function describe(f: Flight): string {
  return `${formatFlags(f.segment.flags)}(${f.segment.seq},${f.segment.ack},${f.segment.len})->${f.to}`;
}

function tcbKey(t: Tcb): string {
  const timers = TIMER_NAMES.map((n) => (t.timers[n] === null ? '-' : n[0])).join('');
  const unacked = t.unacked.map((u) => `${u.seq}:${u.len}:${u.control}`).join(',');
  const held = t.held.map((h) => `${h.seq}:${h.len}:${h.fin ? 1 : 0}`).join(',');
  return [t.connection, t.passive ? 1 : 0, t.orphaned ? 1 : 0, t.synchronized ? 1 : 0, t.iss, t.irs, t.sndUna, t.sndNxt, t.rcvNxt, unacked, t.retries, t.probed ? 1 : 0, t.finSeq, held, t.ackPending ? 1 : 0, timers, t.error, t.bytesWritten, t.bytesRead].join('|');
}

export function keyOf(s: SystemState): string {
  const flights = s.inFlight.map(describe).sort().join(' ');
  return `${s.client.value}#${tcbKey(s.client.context)}#${s.server.value}#${tcbKey(s.server.context)}#${flights}#${s.dropsLeft}#${s.callsLeft.client}${s.callsLeft.server}`;
}

export function initialState(bounds: Bounds): SystemState {
  const config = resolveConfig(bounds.config);
  return {
    client: startEndpoint({ role: 'client', config }),
    server: startEndpoint({ role: 'server', config }),
    inFlight: [],
    dropsLeft: bounds.drops,
    callsLeft: { ...bounds.calls },
  };
}

export interface Exploration {
  readonly states: number;
  readonly edges: number;
  /** States where nothing is in flight and no timer runs: only an application could move them. */
  readonly quiescent: Map<string, number>;
  readonly reached: Set<TcpState>;
}

/** Breadth-first over every reachable state; `check` throws to report a broken invariant. */
export function explore(bounds: Bounds, check: (s: SystemState, path: () => string[]) => void): Exploration {
  const start = initialState(bounds);
  // Each state is kept once: its key, and how it was reached (parent index and move), for reports.
  const index = new Map<string, number>([[keyOf(start), 0]]);
  const parents: number[] = [-1];
  const labels: string[] = ['start'];
  const queue: (SystemState | undefined)[] = [start];
  const quiescent = new Map<string, number>();
  const reached = new Set<TcpState>();
  let edges = 0;
  const pathTo = (i: number) => () => {
    const out: string[] = [];
    for (let k = i; k >= 0; k = parents[k]!) out.unshift(labels[k]!);
    return out;
  };
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    queue[head] = undefined; // the frontier is all that must stay in memory
    reached.add(state.client.value as TcpState);
    reached.add(state.server.value as TcpState);
    check(state, pathTo(head));
    const idle = state.inFlight.length === 0 && TIMER_NAMES.every((n) => state.client.context.timers[n] === null && state.server.context.timers[n] === null);
    if (idle) {
      const pair = `${state.client.value}${state.client.context.orphaned ? '(orphaned)' : ''} / ${state.server.value}${state.server.context.orphaned ? '(orphaned)' : ''}`;
      quiescent.set(pair, (quiescent.get(pair) ?? 0) + 1);
    }
    for (const move of successors(state, bounds)) {
      if (move.next.inFlight.length > bounds.maxInFlight) continue;
      edges++;
      const k = keyOf(move.next);
      if (index.has(k)) continue;
      if (index.size >= bounds.maxStates) throw new Error(`more than ${bounds.maxStates} states: tighten the bounds`);
      index.set(k, queue.length);
      parents.push(head);
      labels.push(move.label);
      queue.push(move.next);
    }
  }
  return { states: index.size, edges, quiescent, reached };
}
