/**
 * The endpoint as an XState machine, built from the table in ./edges: the same states, edges,
 * guards and rules. It is what `transition()` steps (tests drive it so, as any XState user
 * would), what a statechart viewer draws, and the reference ./step is held to. A page does not
 * load it: ./step runs the table itself.
 *
 * Each rule becomes an action that assigns the block it returns and emits its effects, so the
 * effects are among the actions `transition()` returns (read them with ./step's `effectsOf`).
 */
import { and, enqueueActions, not, setup } from 'xstate';
import { ENDPOINT, GUARDS, RULES, type Edge, type Edges, type EndpointEvent, type EndpointInput, type Guard, type Rule } from './edges';
import { createTcb, type Effect, type Tcb } from './tcb';

/** A rule as a machine action: it computes the change, assigns the new block and emits its effects, in order. */
function action(fn: Rule<unknown>) {
  return enqueueActions<Tcb, EndpointEvent, unknown, EndpointEvent, never, never, never, never, Effect>(({ context, event, enqueue }, params) => {
    const change = fn(context, event, params);
    // XState merges an assignment into a copy of the context: hand it only the fields that changed.
    if (change.tcb !== context) enqueue.assign(() => changedFields(context, change.tcb));
    for (const effect of change.effects) enqueue.emit(effect);
  });
}

function changedFields(before: Tcb, after: Tcb): Partial<Tcb> {
  const out: Partial<Record<keyof Tcb, unknown>> = {};
  for (const key in after) if (after[key as keyof Tcb] !== before[key as keyof Tcb]) out[key as keyof Tcb] = after[key as keyof Tcb];
  return out as Partial<Tcb>;
}

/** A table guard as XState's: names stay names; `and` and `not` become XState's own. */
const guardOf = (g: Guard): unknown =>
  typeof g === 'string' || 'type' in g ? g : 'and' in g ? and(g.and.map(guardOf) as never) : not(guardOf(g.not) as never);

/** A table's edges as XState's transitions; the machine's own (`root`) target its children (`.CLOSED`). */
function transitionsOf(edges: Edges, root: boolean): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [event, list] of Object.entries(edges))
    out[event] = ([list].flat() as Edge[]).map((e) => ({
      ...(e.guard === undefined ? {} : { guard: guardOf(e.guard) }),
      ...(e.target === undefined ? {} : { target: root ? `.${e.target}` : e.target }),
      ...(e.reenter ? { reenter: true } : {}),
      actions: e.actions,
    }));
  return out;
}

const actions = Object.fromEntries(Object.entries(RULES).map(([name, fn]) => [name, action(fn as Rule<unknown>)]));

export const endpointMachine = setup({
  types: {
    context: {} as Tcb,
    events: {} as EndpointEvent,
    input: {} as EndpointInput,
    emitted: {} as Effect,
  },
  guards: GUARDS as unknown as Record<string, (args: { context: Tcb; event: EndpointEvent }, params: never) => boolean>,
  actions: actions as Record<string, ReturnType<typeof action>>,
}).createMachine({
  id: 'tcp-endpoint',
  context: ({ input }) => createTcb(input.role, input.config),
  initial: ENDPOINT.initial,
  on: transitionsOf(ENDPOINT.on, true) as never,
  states: Object.fromEntries(Object.entries(ENDPOINT.states).map(([state, node]) => [state, { on: transitionsOf(node.on, false) }])) as never,
});

export type EndpointMachine = typeof endpointMachine;
