/**
 * Exhaustive exploration of the whole system, through the engine's own `step` (src/model/world):
 * the same function the simulation and the player run, so what is checked here is what runs.
 * Time is abstracted away: from any world, any segment in flight may arrive next (so every
 * reordering is covered), any one may be lost (within a budget), any running timer may fire, and
 * either application may make any call its state allows (within a budget). Worlds are compared
 * by everything except absolute times and ids, so the search ends.
 */
import { formatFlags } from '../../src/model/segment';
import { eachInFlight } from '../../src/model/endpoint/inflight';
import { wireList, wireSize } from '../../src/model/wire';
import { TIMER_NAMES, receiveWindow, type Tcb } from '../../src/model/endpoint/tcb';
import { at, check, startWorld, step, type Flight, type Input, type World } from '../../src/model/world';
import type { ConfigOverrides } from '../../src/model/config';
import type { CallName, EndpointId, TcpState } from '../../src/model/types';

export interface SystemState {
  readonly world: World;
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

/**
 * Each move happens at a new abstract instant, 2^20 ms after the last. Every timeout is shorter
 * than that, so a timer set again when it fires can never land on its old deadline by chance
 * (the engine takes an unchanged deadline for a timer the endpoint ignored).
 */
const TICK = 2 ** 20;

/** A rule that the exploration is told to break (a test proves the exploration catches it). */
export type Patch = (world: World, input: Input) => World;

export function successors(state: SystemState, bounds: Bounds, patch?: Patch): Move[] {
  const moves: Move[] = [];
  const go = (input: Input): World => {
    const world = at(state.world, state.world.now + TICK);
    const next = step(world, input).world;
    return patch ? patch(next, input) : next;
  };
  wireList(state.world.flights).forEach((f) => {
    moves.push({ label: `deliver ${describe(f)}`, next: { ...state, world: go({ kind: 'arrival', id: f.id }) } });
    if (state.dropsLeft > 0)
      moves.push({
        label: `lose ${describe(f)}`,
        next: { ...state, world: step(state.world, { kind: 'lose', id: f.id }).world, dropsLeft: state.dropsLeft - 1 },
      });
  });
  for (const who of ['client', 'server'] as const) {
    for (const name of TIMER_NAMES) {
      if (state.world.endpoints[who].context.timers[name] !== null)
        moves.push({ label: `${who} ${name} timer`, next: { ...state, world: go({ kind: 'timer', endpoint: who, name }) } });
    }
    if (state.callsLeft[who] === 0) continue;
    for (const call of bounds.menu[who]) {
      if (!check(state.world, who, call).allowed) continue;
      moves.push({
        label: `${who} ${call}()`,
        next: { ...state, world: go({ kind: 'call', endpoint: who, call, bytes: 100 }), callsLeft: { ...state.callsLeft, [who]: state.callsLeft[who] - 1 } },
      });
    }
  }
  return moves;
}

function describe(f: Flight): string {
  return `${formatFlags(f.segment.flags)}(${f.segment.seq},${f.segment.ack},${f.segment.len})->${f.to}`;
}

function tcbKey(t: Tcb): string {
  const timers = TIMER_NAMES.map((n) => (t.timers[n] === null ? '-' : n[0])).join('');
  const unacked = [...eachInFlight(t.unacked)].map((u) => `${u.seq}:${u.len}:${u.control}`).join(',');
  const aheadOfGap = t.aheadOfGap.map((piece) => `${piece.seq}:${piece.len}:${piece.fin ? 1 : 0}`).join(',');
  return [
    t.connection,
    t.passive ? 1 : 0,
    t.orphaned ? 1 : 0,
    t.synchronized ? 1 : 0,
    t.iss,
    t.irs,
    t.sndUna,
    t.sndNxt,
    t.rcvNxt,
    unacked,
    t.retries,
    t.probed ? 1 : 0,
    t.finSeq,
    aheadOfGap,
    t.ackPending ? 1 : 0,
    timers,
    t.error,
    t.bytesWritten,
    t.bytesRead,
    // Flow control, as far as it decides what happens next (the window's bookkeeping, SND.WL1/WL2
    // and the offer's absolute edge, would only split equal states).
    t.sndWnd,
    t.queued,
    t.finQueued ? 1 : 0,
    t.unread,
    receiveWindow(t),
    t.probes,
    t.probesUnanswered,
  ].join('|');
}

export function keyOf(s: SystemState): string {
  const { client, server } = s.world.endpoints;
  const flights = wireList(s.world.flights).map(describe).sort().join(' ');
  return `${client.value}#${tcbKey(client.context)}#${server.value}#${tcbKey(server.context)}#${flights}#${s.dropsLeft}#${s.callsLeft.client}${s.callsLeft.server}`;
}

export function initialState(bounds: Bounds): SystemState {
  return { world: startWorld(bounds.config), dropsLeft: bounds.drops, callsLeft: { ...bounds.calls } };
}

/** Nothing in flight and no timer running: only an application could move this world. */
export const isIdle = (w: World): boolean =>
  wireSize(w.flights) === 0 && TIMER_NAMES.every((n) => w.endpoints.client.context.timers[n] === null && w.endpoints.server.context.timers[n] === null);

export interface Exploration {
  readonly states: number;
  readonly edges: number;
  /** States where nothing is in flight and no timer runs: only an application could move them. */
  readonly quiescent: Map<string, number>;
  readonly reached: Set<TcpState>;
}

/** Breadth-first over every reachable state; `check` throws to report a broken invariant. */
export function explore(bounds: Bounds, check: (s: SystemState, path: () => string[]) => void, patch?: Patch): Exploration {
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
    const { client, server } = state.world.endpoints;
    reached.add(client.value as TcpState);
    reached.add(server.value as TcpState);
    check(state, pathTo(head));
    if (isIdle(state.world)) {
      const pair = `${client.value}${client.context.orphaned ? '(orphaned)' : ''} / ${server.value}${server.context.orphaned ? '(orphaned)' : ''}`;
      quiescent.set(pair, (quiescent.get(pair) ?? 0) + 1);
    }
    let moves: Move[];
    try {
      moves = successors(state, bounds, patch);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n  reached by: ${pathTo(head)().join(' / ')}`, { cause: e });
    }
    for (const move of moves) {
      if (wireSize(move.next.world.flights) > bounds.maxInFlight) continue;
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
