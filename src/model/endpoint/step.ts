/**
 * Step an endpoint: the next snapshot, and the effects the step has outside the endpoint. The
 * result is what XState's `transition()` returns for the machine in ./machine (its emitted
 * actions are the effects), without building an actor scope, resolving every action and copying
 * the context at each assignment on every call, which made most of the engine's time and garbage.
 *
 * The machine stays the one definition of every edge: this file reads its state nodes once (each
 * state's edges per event, in order, then the machine's own; their guards, their targets and their
 * actions' rules) and runs them as XState does for this machine: the first edge whose guard holds
 * is taken, its rules run in order, each on the block the one before it left, and their effects
 * come out in that order. The machine uses only what is read here (atomic states, guards made of
 * named guards, `and` and `not`, actions made by `rule`); anything else is refused when this
 * module loads. A test steps random exchanges with both and finds the same snapshots and effects
 * (tests/model/step-equivalence.test.ts).
 */
import { and, not, type SnapshotFrom } from 'xstate';
import type { TcpState } from '../types';
import { endpointMachine, type EndpointEvent, type EndpointInput, type Rule } from './machine';
import type { Effect, Tcb } from './tcb';

export type EndpointSnapshot = SnapshotFrom<typeof endpointMachine>;

/** The effects among the actions XState's `transition()` returns, in order (its `emit` actions carry them). */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  const effects: Effect[] = [];
  for (const a of actions) if (a.type === 'xstate.emit') effects.push((a.params as { event: Effect }).event);
  return effects;
}

interface GuardArgs {
  context: Tcb;
  event: EndpointEvent;
}
type Test = (args: GuardArgs) => boolean;

/** One edge, read from the machine: when it is taken, the rules it runs (with their params), and the state it leads to (null: it stays). */
interface Edge {
  readonly test: Test | null;
  readonly rules: readonly (readonly [Rule, unknown])[];
  readonly target: TcpState | null;
}

/** The shapes XState gives its built-in `and` and `not` guards, told apart by their check (names do not survive minifying). */
const AND_CHECK = (and([]) as unknown as { check: unknown }).check;
const NOT_CHECK = (not('x') as unknown as { check: unknown }).check;

type GuardImpl = (args: GuardArgs, params: unknown) => boolean;
interface Node {
  readonly key: string;
  readonly type: string;
  readonly tags: readonly string[];
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly always?: readonly unknown[];
  readonly invoke: readonly unknown[];
  readonly after: readonly unknown[];
  readonly states: Record<string, Node>;
  readonly transitions: Map<string, readonly { guard?: unknown; actions: readonly unknown[]; target?: readonly Node[]; reenter: boolean }[]>;
}

const machine = endpointMachine as unknown as {
  root: Node;
  config: { initial: string; context: (args: { input: EndpointInput }) => Tcb };
  implementations: { guards: Record<string, unknown>; actions: Record<string, unknown> };
};

function unsupported(what: string): never {
  throw new Error(`the endpoint's stepper does not read ${what}: step it with XState's transition() or teach ./step to`);
}

function testOf(guard: unknown): Test {
  if (typeof guard === 'function') {
    const { check, guards } = guard as { check?: unknown; guards?: readonly unknown[] };
    const parts = (guards ?? []).map(testOf);
    if (check === AND_CHECK) return (args) => parts.every((p) => p(args));
    if (check === NOT_CHECK && parts.length === 1) return (args) => !parts[0]!(args);
    return unsupported('an inline guard');
  }
  const { type, params } = typeof guard === 'string' ? { type: guard, params: undefined } : (guard as { type: string; params?: unknown });
  if (typeof params === 'function') unsupported(`guard ${type}'s computed params`);
  const impl = machine.implementations.guards[type];
  if (typeof impl !== 'function') return impl === undefined ? unsupported(`guard ${type}, not implemented`) : testOf(impl);
  if ('check' in impl) return testOf(impl);
  return (args) => (impl as GuardImpl)(args, params);
}

function ruleOf(action: unknown): readonly [Rule, unknown] {
  const { type, params } = typeof action === 'string' ? { type: action, params: undefined } : (action as { type?: string; params?: unknown });
  const impl = type === undefined ? undefined : (machine.implementations.actions[type] as { rule?: Rule } | undefined);
  if (!impl?.rule) return unsupported(`action ${String(type)}, not made by rule()`);
  if (typeof params === 'function') unsupported(`action ${type}'s computed params`);
  return [impl.rule, params];
}

function edgesOf(node: Node): Map<string, Edge[]> {
  if (node.entry.length || node.exit.length || node.always?.length || node.invoke.length || node.after.length || node.tags.length)
    unsupported(`state ${node.key}'s entry, exit, eventless, delayed or invoked parts, or its tags`);
  const out = new Map<string, Edge[]>();
  for (const [type, list] of node.transitions) {
    if (type.includes('*')) unsupported(`the wildcard event ${type}`);
    out.set(
      type,
      list.map((t) => {
        if ((t.target?.length ?? 0) > 1) unsupported('an edge with several targets');
        const target = t.target?.[0];
        if (target && target.type !== 'atomic') unsupported(`state ${target.key}, not atomic`);
        return { test: t.guard === undefined ? null : testOf(t.guard), rules: t.actions.map(ruleOf), target: (target?.key as TcpState | undefined) ?? null };
      }),
    );
  }
  return out;
}

/** Each state's edges for each event: its own first, then the machine's (XState tries a state's own edges, then its parent's). */
const EDGES = new Map<string, Map<string, readonly Edge[]>>();
{
  const shared = edgesOf(machine.root);
  for (const [key, node] of Object.entries(machine.root.states)) {
    if (node.type !== 'atomic') unsupported(`state ${key}, not atomic`);
    const own = edgesOf(node);
    const all = new Map<string, readonly Edge[]>();
    for (const type of new Set([...own.keys(), ...shared.keys()])) all.set(type, [...(own.get(type) ?? []), ...(shared.get(type) ?? [])]);
    EDGES.set(key, all);
  }
}

/** XState's own snapshot of each state, made once (with a placeholder block): a step's snapshot is one of these with its block. */
const SHAPES: ReadonlyMap<string, EndpointSnapshot> = new Map(
  Object.keys(machine.root.states).map((key) => [key, endpointMachine.resolveState({ value: key, context: {} as Tcb })]),
);

const NONE: Effect[] = [];

/** An endpoint in the machine's initial state, with the block its context factory makes (as XState's `initialTransition` does). */
export function startEndpoint(input: EndpointInput): EndpointSnapshot {
  return { ...SHAPES.get(machine.config.initial)!, context: machine.config.context({ input }) } as EndpointSnapshot;
}

/** Whether the endpoint would take the event: some edge for it whose guard holds (XState's `snapshot.can`; every edge here acts or moves). */
export function canStep(snapshot: EndpointSnapshot, event: EndpointEvent): boolean {
  const edges = EDGES.get(snapshot.value as string)?.get(event.type);
  if (!edges) return false;
  const args: GuardArgs = { context: snapshot.context, event };
  return edges.some((e) => e.test === null || e.test(args));
}

/** One event in: the endpoint's next snapshot, and its effects outside itself, in order. */
export function stepEndpoint(snapshot: EndpointSnapshot, event: EndpointEvent): [EndpointSnapshot, Effect[]] {
  const edges = EDGES.get(snapshot.value as string)?.get(event.type);
  if (!edges) return [snapshot, []];
  const args: GuardArgs = { context: snapshot.context, event };
  let edge: Edge | null = null;
  for (const e of edges)
    if (e.test === null || e.test(args)) {
      edge = e;
      break;
    }
  if (!edge) return [snapshot, []];
  let tcb = snapshot.context;
  let effects = NONE;
  for (const [rule, params] of edge.rules) {
    const change = rule(tcb, event, params);
    tcb = change.tcb;
    if (change.effects.length === 0) continue;
    if (effects === NONE) effects = [...change.effects];
    else for (const effect of change.effects) effects.push(effect);
  }
  const state = edge.target ?? (snapshot.value as TcpState);
  const next = { ...(state === snapshot.value ? snapshot : SHAPES.get(state)!), context: tcb } as EndpointSnapshot;
  return [next, effects === NONE ? [] : effects];
}
