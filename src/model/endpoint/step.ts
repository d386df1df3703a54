/**
 * Step an endpoint machine purely, like XState's `transition()`, but with one inert actor scope
 * made once. `transition()` builds a whole actor for every call (and that actor computes an
 * initial snapshot it throws away), which was most of the engine's time. The machine has only
 * `assign` actions, which XState applies itself, so a scope that executes nothing loses nothing.
 */
import { createEmptyActor, type AnyActorScope, type SnapshotFrom } from 'xstate';
import { endpointMachine, type EndpointEvent, type EndpointInput } from './machine';

type Snapshot = SnapshotFrom<typeof endpointMachine>;

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
  actionExecutor: () => {},
} as unknown as AnyActorScope;

export function startEndpoint(input: EndpointInput): Snapshot {
  return endpointMachine.getInitialSnapshot(scope, input);
}

export function stepEndpoint(snapshot: Snapshot, event: EndpointEvent): Snapshot {
  return endpointMachine.transition(snapshot, event, scope);
}
