/**
 * Step an endpoint machine purely, as XState's `transition()` does: the next snapshot, and the
 * actions to execute, of which the endpoint's effects are the emitted ones. `transition()` builds
 * a whole actor scope for every call (and that actor computes an initial snapshot it throws
 * away), which was most of the engine's time; this keeps one inert scope and collects the actions
 * it is handed. A test checks that both give the same snapshots and effects.
 */
import { createEmptyActor, type AnyActorScope, type ExecutableActionsFrom, type SnapshotFrom } from 'xstate';
import { endpointMachine, type EndpointEvent, type EndpointInput } from './machine';
import type { Effect } from './tcb';

export type EndpointSnapshot = SnapshotFrom<typeof endpointMachine>;
type Executable = ExecutableActionsFrom<typeof endpointMachine>;

let collected: Executable[] = [];
const self = createEmptyActor();
const scope = {
  self,
  id: '',
  sessionId: '',
  system: self.system,
  logger: () => {},
  defer: () => {},
  stopChild: () => {},
  emit: () => {},
  actionExecutor: (action: Executable) => {
    collected.push(action);
  },
} as unknown as AnyActorScope;

export function startEndpoint(input: EndpointInput): EndpointSnapshot {
  return endpointMachine.getInitialSnapshot(scope, input);
}

/** The effects among a transition's actions, in order (XState's `emit` actions carry them). */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  const effects: Effect[] = [];
  for (const a of actions) if (a.type === 'xstate.emit') effects.push((a.params as { event: Effect }).event);
  return effects;
}

/** A faster way to take the same step (./fastStep), once something installs it: replaying a capture does. */
let installed: typeof stepEndpoint | null = null;

export function installStepper(stepper: typeof stepEndpoint): void {
  installed = stepper;
}

export function stepEndpoint(snapshot: EndpointSnapshot, event: EndpointEvent): [EndpointSnapshot, Effect[]] {
  if (installed) return installed(snapshot, event);
  collected = [];
  const next = endpointMachine.transition(snapshot, event, scope);
  const effects = effectsOf(collected);
  collected = [];
  return [next, effects];
}
