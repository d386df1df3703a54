/**
 * Step an endpoint: the next snapshot, and the effects the step has outside the endpoint. It runs
 * the table in ./edges as XState runs the machine ./machine builds from it: a state's own edges for
 * the event, then the ones every state has; the first whose guard holds is taken; its rules run in
 * order, each on the block the one before it left, and their effects come out in that order. The
 * snapshot and effects are what XState's `transition()` gives for the same event
 * (tests/model/step-equivalence.test.ts checks it on random exchanges), without XState's
 * interpreter on the page or an actor scope, an action resolution and a context copy per step.
 */
import type { TcpState } from '../types';
import {
  ENDPOINT,
  GUARDS,
  RULES,
  type Action,
  type Edge,
  type Edges,
  type EndpointEvent,
  type EndpointInput,
  type Guard,
  type GuardArgs,
  type Rule,
} from './edges';
import { createTcb, type Effect, type Tcb } from './tcb';

/** An endpoint at one moment: its state and its block (XState's snapshot's `value` and `context`). */
export interface EndpointSnapshot {
  readonly value: TcpState;
  readonly context: Tcb;
}

/** The effects among the actions XState's `transition()` returns, in order (its `emit` actions carry them). */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  const effects: Effect[] = [];
  for (const a of actions) if (a.type === 'xstate.emit') effects.push((a.params as { event: Effect }).event);
  return effects;
}

type Test = (args: GuardArgs) => boolean;

/** One edge, compiled: when it is taken, the rules it runs (with their params), and the state it leads to (null: it stays). */
interface Step {
  readonly test: Test | null;
  readonly rules: readonly (readonly [Rule<unknown>, unknown])[];
  readonly target: TcpState | null;
}

function testOf(g: Guard): Test {
  if (typeof g === 'string') {
    const guard = GUARDS[g] as (args: GuardArgs, params?: unknown) => boolean;
    return (args) => guard(args);
  }
  if ('and' in g) {
    const parts = g.and.map(testOf);
    return (args) => parts.every((p) => p(args));
  }
  if ('not' in g) {
    const part = testOf(g.not);
    return (args) => !part(args);
  }
  const guard = GUARDS[g.type] as (args: GuardArgs, params: unknown) => boolean;
  const params = g.params;
  return (args) => guard(args, params);
}

const ruleOf = (a: Action): readonly [Rule<unknown>, unknown] =>
  typeof a === 'string' ? [RULES[a] as Rule<unknown>, undefined] : [RULES[a.type] as Rule<unknown>, a.params];

const stepsOf = (edges: Edge | readonly Edge[]): Step[] =>
  ([edges].flat() as Edge[]).map((e) => ({
    test: e.guard === undefined ? null : testOf(e.guard),
    rules: [e.actions].flat().map(ruleOf),
    target: e.target ?? null,
  }));

/** Each state's steps for each event: its own first, then the ones every state has. */
const STEPS: ReadonlyMap<TcpState, ReadonlyMap<string, readonly Step[]>> = new Map(
  (Object.entries(ENDPOINT.states) as [TcpState, { on: Edges }][]).map(([state, node]) => {
    const own = node.on;
    const shared: Edges = ENDPOINT.on;
    const events = new Set([...Object.keys(own), ...Object.keys(shared)] as EndpointEvent['type'][]);
    return [state, new Map([...events].map((type) => [type, [...stepsOf(own[type] ?? []), ...stepsOf(shared[type] ?? [])]]))];
  }),
);

/** An endpoint in the initial state, with a new block. */
export function startEndpoint(input: EndpointInput): EndpointSnapshot {
  return { value: ENDPOINT.initial, context: createTcb(input.role, input.config) };
}

/** Whether the endpoint would take the event: some edge for it whose guard holds (XState's `snapshot.can`; every edge here acts or moves). */
export function canStep(snapshot: EndpointSnapshot, event: EndpointEvent): boolean {
  const steps = STEPS.get(snapshot.value)?.get(event.type);
  if (!steps) return false;
  const args: GuardArgs = { context: snapshot.context, event };
  return steps.some((s) => s.test === null || s.test(args));
}

const NONE: Effect[] = [];

/** One event in: the endpoint's next snapshot, and its effects outside itself, in order. */
export function stepEndpoint(snapshot: EndpointSnapshot, event: EndpointEvent): [EndpointSnapshot, Effect[]] {
  const steps = STEPS.get(snapshot.value)?.get(event.type);
  if (!steps) return [snapshot, []];
  const args: GuardArgs = { context: snapshot.context, event };
  let taken: Step | null = null;
  for (const s of steps)
    if (s.test === null || s.test(args)) {
      taken = s;
      break;
    }
  if (!taken) return [snapshot, []];
  let tcb = snapshot.context;
  let effects = NONE;
  for (const [rule, params] of taken.rules) {
    const change = rule(tcb, event, params);
    tcb = change.tcb;
    if (change.effects.length === 0) continue;
    if (effects === NONE) effects = [...change.effects];
    else for (const effect of change.effects) effects.push(effect);
  }
  return [{ value: taken.target ?? snapshot.value, context: tcb }, effects === NONE ? [] : effects];
}
